import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../../shared/schemas';
import { createServiceHarness, testAccount, type ServiceHarness } from '../../../tests/support/service-test-setup';
import { createCaseProjection } from './case-projection';

const now = Date.UTC(2026, 5, 15, 8);
let h: ServiceHarness;

const aCase = (i: number, fields: Partial<Case> = {}): Case => ({
  id: `case-${String(i).padStart(4, '0')}`,
  ownerId: 'r1',
  teamId: 'A',
  createdAt: now,
  updatedAt: now + ((i * 7919) % 1000),
  caseNumber: `CS-${(i * 104729) % 10007}`,
  accountId: i % 2 ? 'acc1' : 'acc2',
  subject: `Case ${i}`,
  priority: (['low', 'medium', 'high', 'urgent'] as const)[i % 4]!,
  status: 'open',
  channel: 'phone',
  openedAt: now - ((i * 6151) % 100_000),
  statusHistory: [{ status: 'new', at: now, byUserId: 'r1' }],
  ...fields,
});

beforeAll(async () => {
  h = await createServiceHarness(now);
  await h.core.db.accounts.bulkInsert([testAccount('acc1', now), testAccount('acc2', now, { tier: 'key' })]);
  // More than one load page would hold at the smallest size, written before the projection starts.
  await h.core.db.cases.bulkInsert(Array.from({ length: 300 }, (_, i) => aCase(i)));
});

afterAll(async () => {
  await h?.close();
});

const sortedBy = (rows: ReadonlyArray<{ id: string }>, key: (row: never) => number | string): boolean =>
  rows.every((row, i) => {
    if (i === 0) return true;
    const a = key(rows[i - 1] as never);
    const b = key(row as never);
    return a < b || (a === b && (rows[i - 1]?.id ?? '') < row.id);
  });

describe('case projection', () => {
  it('loads every case with its account tier and follows inserts, edits, tier changes and deletes in every order', async () => {
    const projection = createCaseProjection(h.core.db);
    try {
      expect(await projection.rows()).toHaveLength(300);
      expect(projection.get('case-0002')?.tier).toBe('key');
      for (const field of ['openedAt', 'updatedAt', 'caseNumber'] as const) projection.ordered(field);
      projection.ordered('openedAt', 'open');
      const seen: string[] = [];
      projection.subscribe((changes) => seen.push(...changes.map((c) => (c.after ?? c.before)?.id ?? '?')));
      const version = projection.version();

      await h.core.db.cases.insert(aCase(1000, { openedAt: now + 1 }));
      await (await h.core.db.cases.findOne('case-0003').exec())?.incrementalPatch({ status: 'resolved', updatedAt: now + 5000 });
      await (await h.core.db.cases.findOne('case-0004').exec())?.remove();
      await (await h.core.db.accounts.findOne('acc1').exec())?.incrementalPatch({ tier: 'strategic' });

      expect(projection.version()).toBeGreaterThan(version);
      expect(projection.get('case-1000')).toBeDefined();
      expect(projection.get('case-0003')?.status).toBe('resolved');
      expect(projection.get('case-0004')).toBeUndefined();
      expect(projection.get('case-0001')?.tier).toBe('strategic');
      expect(projection.ofAccount('acc1').every((row) => row.tier === 'strategic')).toBe(true);
      expect(seen).toEqual(expect.arrayContaining(['case-1000', 'case-0003', 'case-0004', 'case-0001']));

      const rows = await projection.rows();
      expect(rows).toHaveLength(300);
      const opened = projection.ordered('openedAt');
      expect(opened).toHaveLength(300);
      expect(sortedBy(opened, (r: Case) => r.openedAt)).toBe(true);
      expect(opened[opened.length - 1]?.id).toBe('case-1000');
      expect(sortedBy(projection.ordered('updatedAt'), (r: Case) => r.updatedAt)).toBe(true);
      expect(projection.ordered('updatedAt').at(-1)?.id).toBe('case-0003');
      expect(sortedBy(projection.ordered('caseNumber'), (r: Case) => r.caseNumber)).toBe(true);
      expect(projection.ordered('priority')).toHaveLength(300);
      const open = projection.ordered('openedAt', 'open');
      expect(open).toHaveLength(299);
      expect(open.map((r) => r.id)).not.toContain('case-0003');
      expect(sortedBy(open, (r: Case) => r.openedAt)).toBe(true);
    } finally {
      projection.close();
    }
  });
});
