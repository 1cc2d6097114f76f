import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '../../../shared/schemas';
import { createServiceHarness, testAccount, testContact, type ServiceHarness } from '../../../tests/support/service-test-setup';

const start = Date.UTC(2026, 5, 15, 8);
let h: ServiceHarness;
let openCaseId = '';
let resolvedCaseId = '';

const visit = (id: string, accountId: string, type: Activity['type'] = 'visit'): Activity => ({
  id,
  ownerId: 'local-user',
  teamId: 'local-team',
  createdAt: start,
  updatedAt: start,
  type,
  subject: 'On site',
  done: true,
  priority: 'normal',
  accountId,
});

beforeAll(async () => {
  h = await createServiceHarness(start);
  await h.core.db.accounts.bulkInsert([testAccount('acc1', start), testAccount('acc2', start)]);
  await h.core.db.contacts.bulkInsert([testContact('c1', 'acc1', start), testContact('c2', 'acc2', start)]);
  await h.core.db.activities.bulkInsert([visit('v1', 'acc1'), visit('v2', 'acc2'), visit('call1', 'acc1', 'call')]);
  const values = { accountId: 'acc1', subject: 'Printer jam', priority: 'low', channel: 'visit' } as const;
  openCaseId = (await h.must('cases.create', { values })).id;
  resolvedCaseId = (await h.must('cases.create', { values })).id;
  await h.must('cases.transition', { id: resolvedCaseId, status: 'resolved' });
});

afterAll(async () => {
  await h?.close();
});

const code = (result: { ok: boolean; error?: { code: string } }): string => (result.ok ? 'ok' : (result.error?.code ?? '?'));

describe('recording answers', () => {
  it('takes a CSAT for a resolved case or a visit of the account, owned by the rep', async () => {
    const csat = await h.must('surveys.record', {
      survey: 'csat',
      score: 4,
      accountId: 'acc1',
      caseId: resolvedCaseId,
      comment: '  Quick fix ',
    });
    expect(csat).toMatchObject({
      survey: 'csat',
      score: 4,
      caseId: resolvedCaseId,
      ownerId: 'local-user',
      teamId: 'local-team',
      comment: 'Quick fix',
    });
    expect(csat.respondedAt).toBe(start);
    const afterVisit = await h.must('surveys.record', { survey: 'csat', score: 2, accountId: 'acc1', visitId: 'v1' });
    expect(afterVisit.visitId).toBe('v1');
  });

  it('refuses a CSAT for an open case, another account, a non-visit, and an NPS from a stranger; writes nothing', async () => {
    const before = await h.core.db.surveys.count().exec();
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1', caseId: openCaseId }))).toBe('invalid_state');
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 5, accountId: 'acc2', caseId: resolvedCaseId }))).toBe(
      'invalid_request',
    );
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1', visitId: 'v2' }))).toBe('invalid_request');
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1', visitId: 'call1' }))).toBe('invalid_request');
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1' } as never))).toBe('invalid_request');
    expect(code(await h.call('surveys.record', { survey: 'csat', score: 6, accountId: 'acc1', visitId: 'v1' }))).toBe('invalid_request');
    expect(code(await h.call('surveys.record', { survey: 'nps', score: 9, accountId: 'acc1', contactId: 'c2' }))).toBe('invalid_request');
    expect(code(await h.call('surveys.record', { survey: 'nps', score: 9, accountId: 'nope', contactId: 'c1' }))).toBe('invalid_request');
    expect(await h.core.db.surveys.count().exec()).toBe(before);
  });
});

describe('account figures', () => {
  it('gives the last CSAT, the CSAT average and satisfied share, and NPS with its counts', async () => {
    for (const [i, score] of [10, 9, 8, 6, 3].entries()) {
      h.setNow(start + (i + 1) * 60_000);
      await h.must('surveys.record', { survey: 'nps', score, accountId: 'acc1', contactId: 'c1' });
    }
    h.setNow(start + 10 * 60_000);
    await h.must('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1', visitId: 'v1' });
    const figures = await h.must('surveys.forAccount', { accountId: 'acc1' });
    expect(figures.lastCsat?.score).toBe(5);
    expect(figures.csat).toEqual({ average: 3.67, satisfiedShare: 2 / 3, responses: 3 });
    // 2 promoters, 1 passive, 2 detractors of 5: 40% − 40% = 0.
    expect(figures.nps).toEqual({ score: 0, responses: 5, promoters: 2, passives: 1, detractors: 2 });
    expect(figures.recent[0]?.score).toBe(5);
    expect(figures.recent).toHaveLength(8);

    const empty = await h.must('surveys.forAccount', { accountId: 'acc2' });
    expect(empty).toEqual({
      lastCsat: null,
      csat: { average: null, satisfiedShare: null, responses: 0 },
      nps: { score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 },
      recent: [],
    });
  });
});
