import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgDoc } from '../../../shared/schemas';
import { createEditorHarness, type EditorHarness } from '../../../tests/support/editor-test-setup';

const now = Date.UTC(2026, 11, 1, 9);
const manager = { userId: 'm1', email: 'm1@example.com', role: 'manager', teamId: 'A' } as const;
const rep = { userId: 'r1', email: 'r1@example.com', role: 'rep', teamId: 'A' } as const;
const admin = { userId: 'x', email: 'x@example.com', role: 'admin', teamId: null } as const;
let h: EditorHarness;

beforeAll(async () => {
  h = await createEditorHarness(() => now);
  const base = { createdAt: now, updatedAt: now, ownerId: 'x', teamId: 'A' };
  const user = (id: string, name: string, teamId: string, role: 'rep' | 'manager' = 'rep', active = true): OrgDoc => ({
    ...base,
    teamId,
    id,
    kind: 'user',
    name,
    email: `${id}@example.com`,
    role,
    active,
  });
  await h.core.db.org.bulkInsert([
    { ...base, id: 'A', kind: 'team', name: 'West' },
    { ...base, id: 'B', kind: 'team', name: 'East', teamId: 'B' },
    user('m1', 'Mia Manager', 'A', 'manager'),
    user('r1', 'Ada Rep', 'A'),
    user('r2', 'Bo Rep', 'A'),
    user('r9', 'Zed Rep', 'B'),
    user('r0', 'Old Rep', 'A', 'rep', false),
    { ...base, id: 'q1', kind: 'quota', userId: 'r1', period: 'month', periodStart: '2026-10-01', currency: 'USD', amount: 5_000_000 },
    { ...base, id: 'q2', kind: 'quota', userId: 'r1', period: 'month', periodStart: '2026-11-01', currency: 'USD', amount: 6_000_000 },
  ]);
});

afterAll(async () => {
  await h.close();
});

const quotaCount = (): Promise<number> => h.core.db.org.count({ selector: { kind: 'quota' } }).exec();

describe('quota sheet', () => {
  it("shows a manager their team's active reps with the period's quota and the quarter's month quotas", async () => {
    h.signInAs(manager);
    const sheet = await h.call('quotas.forPeriod', { period: 'quarter', periodStart: '2026-10-01' });
    if (!sheet.ok) throw new Error(sheet.error.message);
    expect(sheet.value.rows.map((r) => [r.name, r.teamName, r.quota, r.monthQuotas])).toEqual([
      ['Ada Rep', 'West', null, [{ currency: 'USD', amount: 11_000_000 }]],
      ['Bo Rep', 'West', null, []],
    ]);
    const month = await h.call('quotas.forPeriod', { period: 'month', periodStart: '2026-11-01' });
    expect(month.ok && month.value.rows[0]!.quota).toMatchObject({ id: 'q2', amount: 6_000_000 });
  });

  it('refuses a period start that is not the first day of the period', async () => {
    const r = await h.call('quotas.forPeriod', { period: 'quarter', periodStart: '2026-11-01' });
    expect(!r.ok && r.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('first day') });
  });
});

describe('quota writes', () => {
  it('a manager sets a new quota for a rep of the team (owned by the rep, filed in their team) and changes one', async () => {
    h.signInAs(manager);
    const created = await h.call('quotas.set', {
      userId: 'r2',
      period: 'quarter',
      periodStart: '2027-01-01',
      currency: 'EUR',
      amount: 90_000_00,
    });
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value).toMatchObject({ kind: 'quota', userId: 'r2', ownerId: 'r2', teamId: 'A', currency: 'EUR', amount: 90_000_00 });
    const before = await quotaCount();
    const changed = await h.call('quotas.set', {
      userId: 'r1',
      period: 'month',
      periodStart: '2026-11-01',
      currency: 'USD',
      amount: 7_000_000,
    });
    expect(changed.ok && changed.value).toMatchObject({ id: 'q2', amount: 7_000_000, ownerId: 'x' });
    expect(await quotaCount()).toBe(before);
  });

  it('refuses a stale edit, a rep of another team, a bad amount or currency, and writes nothing', async () => {
    h.signInAs(manager);
    const before = await quotaCount();
    const q2 = (await h.core.db.org.findOne('q2').exec())?.toJSON();
    const results = [
      await h.call('quotas.set', { userId: 'r9', period: 'month', periodStart: '2026-12-01', currency: 'USD', amount: 1 }),
      await h.call('quotas.set', { userId: 'r1', period: 'month', periodStart: '2026-11-01', currency: 'USD', amount: -5 }),
      await h.call('quotas.set', { userId: 'r1', period: 'month', periodStart: '2026-11-01', currency: 'dollars', amount: 5 }),
      await h.call('quotas.set', {
        userId: 'r1',
        period: 'month',
        periodStart: '2026-11-01',
        currency: 'USD',
        amount: 5,
        expectedRevision: '1-x',
      }),
      await h.call('quotas.set', { userId: 'A', period: 'month', periodStart: '2026-11-01', currency: 'USD', amount: 5 }),
    ];
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'forbidden',
      'invalid_request',
      'invalid_request',
      'conflict',
      'not_found',
    ]);
    expect(!results[0]!.ok && results[0]!.error.message).toContain('Zed Rep is not in your team');
    expect(await quotaCount()).toBe(before);
    expect((await h.core.db.org.findOne('q2').exec())?.toJSON()).toEqual(q2);
  });

  it('refuses a rep in words and writes nothing; an admin may set any rep quota', async () => {
    h.signInAs(rep);
    const before = await quotaCount();
    const refused = await h.call('quotas.set', { userId: 'r1', period: 'month', periodStart: '2026-12-01', currency: 'USD', amount: 99 });
    expect(!refused.ok && refused.error).toMatchObject({
      code: 'forbidden',
      message: 'Only a manager or an admin may set quotas; nothing was saved.',
    });
    expect(await quotaCount()).toBe(before);

    h.signInAs(admin);
    const other = await h.call('quotas.set', { userId: 'r9', period: 'month', periodStart: '2026-12-01', currency: 'USD', amount: 99 });
    expect(other.ok && other.value).toMatchObject({ ownerId: 'r9', teamId: 'B' });
  });
});
