import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/contract/service/cases-requests';
import { CASE_STATUSES, type Activity, type CaseStatus, type KnowledgeArticle } from '../../../shared/schemas';
import { CASE_TRANSITIONS } from '../../../shared/service/case-workflow';
import {
  createServiceHarness,
  testAccount,
  testCalendar,
  testContact,
  testPolicy,
  testUser,
  type ServiceHarness,
} from '../../../tests/support/service-test-setup';

// Monday 15 June 2026, 10:00 in Berlin.
const start = Date.UTC(2026, 5, 15, 8);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ada = { userId: 'r1', email: 'r1@example.com', role: 'rep', teamId: 'A' } as const;
const bo = { userId: 'r2', email: 'r2@example.com', role: 'rep', teamId: 'A' } as const;
let h: ServiceHarness;

const article = (id: string, status: KnowledgeArticle['status']): KnowledgeArticle => ({
  id,
  ownerId: 'm1',
  teamId: 'A',
  createdAt: start,
  updatedAt: start,
  kind: 'knowledge_article',
  title: `Article ${id}`,
  body: 'Restart the gateway.',
  language: 'en',
  status,
  articleVersion: 1,
});

beforeAll(async () => {
  h = await createServiceHarness(start);
  const db = h.core.db;
  await db.org.bulkInsert([
    testUser('r1', 'Ada Rep', 'A', start),
    testUser('r2', 'Bo Rep', 'A', start),
    testUser('r9', 'Zed Rep', 'B', start),
    testUser('r0', 'Old Rep', 'A', start, false),
  ]);
  await db.accounts.bulkInsert([testAccount('acc1', start), testAccount('acc2', start, { tier: 'strategic' })]);
  await db.contacts.bulkInsert([testContact('c1', 'acc1', start), testContact('c2', 'acc2', start)]);
  await db.knowledge.bulkInsert([
    testCalendar('cal', start),
    testPolicy('p-high', 'cal', start),
    testPolicy('p-medium', 'cal', start, { priority: 'medium', firstResponseMinutes: 240, resolutionMinutes: 2400 }),
    article('a1', 'published'),
    article('a2', 'draft'),
  ]);
  const visit: Activity = {
    id: 'v1',
    ownerId: 'r1',
    teamId: 'A',
    createdAt: start,
    updatedAt: start,
    type: 'visit',
    subject: 'Site visit',
    done: true,
    doneAt: start,
    dueAt: start,
    priority: 'normal',
    accountId: 'acc1',
  };
  await db.activities.insert(visit);
});

beforeEach(() => {
  h.setNow(start);
});

afterAll(async () => {
  await h?.close();
});

const newCase = (values: Record<string, unknown> = {}): Promise<CaseRecord> =>
  h.must('cases.create', { values: { accountId: 'acc1', subject: 'Gateway offline', priority: 'high', channel: 'phone', ...values } });

const stored = async (id: string) => {
  const doc = await h.core.db.cases.findOne(id).exec();
  if (!doc) throw new Error(`no case ${id}`);
  return { revision: doc.revision, data: doc.toJSON() };
};

describe('creating a case', () => {
  it('numbers it, files it in the creator team, assigns the creator and starts the SLA clock', async () => {
    h.signInAs(ada);
    const c = await newCase({ contactId: 'c1', visitId: 'v1' });
    expect(c.caseNumber).toMatch(/^CS-260615-[A-Z0-9]{4}$/);
    expect(c).toMatchObject({ status: 'new', teamId: 'A', ownerId: 'r1', assigneeId: 'r1', assigneeName: 'Ada Rep', mine: true });
    expect(c.accountName).toBe('Account acc1');
    expect(c.contactName).toBe('Person c1');
    expect(c.statusHistory).toEqual([{ status: 'new', at: start, byUserId: 'r1' }]);
    expect(c.sla.state).toBe('on_track');
    expect(c.sla.firstResponse?.dueAt).toBe(start + HOUR);
    // 480 business minutes from Monday 10:00 run to Tuesday 10:00 on a 9-to-5 calendar.
    expect(c.sla.resolution?.dueAt).toBe(start + 24 * HOUR);
  });

  it('can leave a case unassigned and refuses a stranger account, contact, visit or assignee, writing nothing', async () => {
    h.signInAs(ada);
    expect((await newCase({ assigneeId: null })).assigneeId).toBeUndefined();
    const before = await h.core.db.cases.count().exec();
    const refusals = await Promise.all([
      h.call('cases.create', { values: { accountId: 'nope', subject: 'x', priority: 'low', channel: 'web' } }),
      h.call('cases.create', { values: { accountId: 'acc1', contactId: 'c2', subject: 'x', priority: 'low', channel: 'web' } }),
      h.call('cases.create', { values: { accountId: 'acc2', visitId: 'v1', subject: 'x', priority: 'low', channel: 'web' } }),
      h.call('cases.create', { values: { accountId: 'acc1', assigneeId: 'r9', subject: 'x', priority: 'low', channel: 'web' } }),
      h.call('cases.create', { values: { accountId: 'acc1', assigneeId: 'r0', subject: 'x', priority: 'low', channel: 'web' } }),
      h.call('cases.create', { values: { accountId: 'acc1', subject: '', priority: 'low', channel: 'web' } }),
    ]);
    for (const result of refusals) expect(result.ok ? 'ok' : result.error.code).toBe('invalid_request');
    expect(await h.core.db.cases.count().exec()).toBe(before);
  });
});

describe('queues', () => {
  it("shows mine, my team's unassigned, waiting and escalated cases, with counts matching the lists", async () => {
    h.signInAs(bo);
    const mine = await newCase({ subject: 'Bo own' });
    const unassigned = await newCase({ subject: 'Bo unassigned', assigneeId: null });
    const forAda = await newCase({ subject: 'For Ada', assigneeId: 'r1' });
    const waiting = await newCase({ subject: 'Waiting' });
    await h.must('cases.transition', { id: waiting.id, status: 'pending_customer' });
    const escalated = await newCase({ subject: 'Escalated' });
    await h.must('cases.transition', { id: escalated.id, status: 'escalated' });

    const ids = async (queue: 'mine' | 'team_unassigned' | 'waiting' | 'escalated' | 'open' | 'all') =>
      (await h.must('cases.list', { queue, limit: 500 })).rows.map((r) => r.id);
    expect(await ids('mine')).toEqual(expect.arrayContaining([mine.id, waiting.id, escalated.id]));
    expect(await ids('mine')).not.toContain(forAda.id);
    expect(await ids('team_unassigned')).toContain(unassigned.id);
    expect(await ids('team_unassigned')).not.toContain(mine.id);
    expect(await ids('waiting')).toEqual([waiting.id]);
    expect(await ids('escalated')).toEqual([escalated.id]);

    const counts = await h.must('cases.queueCounts', {});
    for (const queue of ['mine', 'team_unassigned', 'waiting', 'escalated', 'open', 'all'] as const) {
      expect(counts[queue], queue).toBe((await ids(queue)).length);
    }
    // A cached queue follows later writes: the case leaves Bo's list and Bo's count when given to Ada.
    await h.must('cases.assign', { id: mine.id, assigneeId: 'r1' });
    expect(await ids('mine')).not.toContain(mine.id);
    expect((await h.must('cases.queueCounts', {})).mine).toBe(counts.mine - 1);

    h.signInAs(ada);
    expect(await ids('mine')).toContain(forAda.id);
    expect(await ids('mine')).toContain(mine.id);
  });

  it('sorts, filters and windows without overlap', async () => {
    h.signInAs(ada);
    const all = await h.must('cases.list', { queue: 'all', sort: { field: 'caseNumber', direction: 'asc' }, limit: 500 });
    const numbers = all.rows.map((r) => r.caseNumber);
    expect(numbers).toEqual([...numbers].sort());
    const first = await h.must('cases.list', { queue: 'all', sort: { field: 'caseNumber', direction: 'asc' }, limit: 3 });
    const second = await h.must('cases.list', { queue: 'all', sort: { field: 'caseNumber', direction: 'asc' }, offset: 3, limit: 3 });
    expect([...first.rows, ...second.rows].map((r) => r.caseNumber)).toEqual(numbers.slice(0, 6));
    expect(first.total).toBe(all.total);
    const waiting = await h.must('cases.list', { queue: 'all', filter: { status: ['pending_customer'] } });
    expect(waiting.rows.every((r) => r.status === 'pending_customer')).toBe(true);
    expect(waiting.total).toBe(1);
    const byPriority = await h.must('cases.list', { queue: 'all', sort: { field: 'priority', direction: 'desc' }, limit: 500 });
    expect(byPriority.rows[0]?.priority).toBe('high');
  });

  it('lists breaching cases soonest deadline first and leaves paused ones out', async () => {
    h.signInAs(ada);
    h.setNow(start + 10 * MINUTE);
    const later = await newCase({ subject: 'Medium', priority: 'medium' });
    const soon = await newCase({ subject: 'High' });
    const paused = await newCase({ subject: 'Paused' });
    await h.must('cases.transition', { id: paused.id, status: 'pending_customer' });
    const list = await h.must('cases.list', { queue: 'breaching', limit: 500 });
    const ids = list.rows.map((r) => r.id);
    expect(ids).toContain(soon.id);
    expect(ids).toContain(later.id);
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
    expect(ids).not.toContain(paused.id);
    const rows: ReadonlyArray<CaseRecord> = list.rows;
    const dues = rows.map((r) => Math.min(r.sla.firstResponse?.dueAt ?? Infinity, r.sla.resolution?.dueAt ?? Infinity));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect((await h.must('cases.queueCounts', {})).breaching).toBe(list.total);
  });
});

describe('workflow', () => {
  it('stamps the first response, pauses while waiting on the customer and freezes the outcome at resolution', async () => {
    h.signInAs(ada);
    const c = await newCase();
    h.setNow(start + 30 * MINUTE);
    const opened = await h.must('cases.transition', { id: c.id, status: 'open' });
    expect(opened.firstRespondedAt).toBe(start + 30 * MINUTE);
    expect(opened.sla.firstResponse?.state).toBe('met');
    const waiting = await h.must('cases.transition', { id: c.id, status: 'pending_customer' });
    h.setNow(start + 5 * HOUR);
    const later = await h.must('cases.get', { id: c.id });
    expect(later.sla.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 30 });
    expect(waiting.sla.resolution?.elapsedMinutes).toBe(30);
    await h.must('cases.transition', { id: c.id, status: 'open' });
    h.setNow(start + 6 * HOUR);
    const resolved = await h.must('cases.transition', { id: c.id, status: 'resolved' });
    expect(resolved.resolvedAt).toBe(start + 6 * HOUR);
    expect(resolved.slaOutcome).toMatchObject({ policyId: 'p-high', firstResponseMinutes: 30, resolutionMinutes: 90, resolutionMet: true });
    const closed = await h.must('cases.transition', { id: c.id, status: 'closed' });
    expect(closed.closedAt).toBe(start + 6 * HOUR);
    const detail = await h.must('cases.get', { id: c.id });
    expect(detail.allowedTransitions).toEqual(['open']);
    const reopened = await h.must('cases.transition', { id: c.id, status: 'open' });
    expect(reopened.resolvedAt).toBeUndefined();
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.slaOutcome).toBeUndefined();
    expect(reopened.statusHistory.map((s) => s.status)).toEqual(['new', 'open', 'pending_customer', 'open', 'resolved', 'closed', 'open']);
  });

  it('refuses every move the workflow does not have, and the same status, with invalid_state and nothing written', async () => {
    h.signInAs(ada);
    // One case in each status, reached through allowed moves.
    const paths: Record<CaseStatus, CaseStatus[]> = {
      new: [],
      open: ['open'],
      pending_customer: ['pending_customer'],
      escalated: ['escalated'],
      resolved: ['resolved'],
      closed: ['resolved', 'closed'],
    };
    let refused = 0;
    for (const from of CASE_STATUSES) {
      const c = await newCase({ subject: `In ${from}` });
      for (const status of paths[from]) await h.must('cases.transition', { id: c.id, status });
      for (const to of CASE_STATUSES) {
        if (CASE_TRANSITIONS[from].includes(to)) continue;
        const before = await stored(c.id);
        const result = await h.call('cases.transition', { id: c.id, status: to });
        expect(result.ok ? 'ok' : result.error.code, `${from} → ${to}`).toBe('invalid_state');
        if (!result.ok) expect(result.error.message).toMatch(/nothing was changed/);
        if (!result.ok) expect(result.error.reason).toBe(from === to ? 'same_status' : 'not_allowed');
        expect(await stored(c.id), `${from} → ${to}`).toEqual(before);
        refused++;
      }
    }
    // 36 pairs, 16 of them in the workflow.
    expect(refused).toBe(36 - Object.values(CASE_TRANSITIONS).flat().length);
  });

  it('refuses to reopen after the policy window and writes nothing', async () => {
    h.signInAs(ada);
    const c = await newCase();
    await h.must('cases.transition', { id: c.id, status: 'resolved' });
    h.setNow(start + 8 * 24 * HOUR);
    expect((await h.must('cases.get', { id: c.id })).allowedTransitions).toEqual(['closed']);
    const before = await stored(c.id);
    const result = await h.call('cases.transition', { id: c.id, status: 'open' });
    expect(result.ok ? 'ok' : result.error.code).toBe('invalid_state');
    if (!result.ok) expect(result.error.message).toContain('7 days');
    if (!result.ok) expect([result.error.reason, result.error.reasonParams]).toEqual(['reopen_window_passed', { days: 7 }]);
    expect(await stored(c.id)).toEqual(before);
  });

  it('refuses a stale revision as a conflict', async () => {
    h.signInAs(ada);
    const c = await newCase();
    await h.must('cases.update', { id: c.id, patch: { subject: 'Changed' } });
    const result = await h.call('cases.transition', { id: c.id, status: 'open', expectedRevision: c.revision });
    expect(result.ok ? 'ok' : result.error.code).toBe('conflict');
  });
});

describe('assignment, articles and the case page', () => {
  it('assigns within the team, back to the queue, and refuses outsiders', async () => {
    h.signInAs(ada);
    const c = await newCase();
    expect((await h.must('cases.assign', { id: c.id, assigneeId: 'r2' })).assigneeName).toBe('Bo Rep');
    expect((await h.must('cases.assign', { id: c.id, assigneeId: null })).assigneeId).toBeUndefined();
    const before = await stored(c.id);
    const outsider = await h.call('cases.assign', { id: c.id, assigneeId: 'r9' });
    expect(outsider.ok ? 'ok' : outsider.error.code).toBe('invalid_request');
    expect(await stored(c.id)).toEqual(before);
  });

  it('links published articles only and marks only linked ones as helpful', async () => {
    h.signInAs(ada);
    const c = await newCase();
    const draft = await h.call('cases.linkArticle', { id: c.id, articleId: 'a2', linked: true });
    expect(draft.ok ? 'ok' : draft.error.code).toBe('invalid_state');
    const unlinked = await h.call('cases.markHelpful', { id: c.id, articleId: 'a1', helpful: true });
    expect(unlinked.ok ? 'ok' : unlinked.error.code).toBe('invalid_state');
    await h.must('cases.linkArticle', { id: c.id, articleId: 'a1', linked: true });
    const marked = await h.must('cases.markHelpful', { id: c.id, articleId: 'a1', helpful: true });
    expect(marked.helpfulArticleIds).toEqual(['a1']);
    const detail = await h.must('cases.get', { id: c.id });
    expect(detail.articles).toEqual([{ id: 'a1', title: 'Article a1', helpful: true }]);
    const removed = await h.must('cases.linkArticle', { id: c.id, articleId: 'a1', linked: false });
    expect(removed.knowledgeArticleIds).toBeUndefined();
    expect(removed.helpfulArticleIds).toBeUndefined();
  });

  it('shows a timeline with names, the visit, and the CSAT; offers moves and team assignees', async () => {
    h.signInAs(ada);
    const c = await newCase({ visitId: 'v1', contactId: 'c1' });
    h.setNow(start + HOUR);
    await h.must('cases.transition', { id: c.id, status: 'resolved' });
    h.setNow(start + 2 * HOUR);
    await h.must('surveys.record', { survey: 'csat', score: 5, accountId: 'acc1', caseId: c.id, comment: 'Great' });
    const detail = await h.must('cases.get', { id: c.id });
    expect(detail.timeline.map((t) => t.kind)).toEqual(['survey', 'status', 'status', 'activity']);
    expect(detail.timeline[1]).toMatchObject({ kind: 'status', status: 'resolved', from: 'new', byName: 'Ada Rep' });
    expect(detail.timeline[3]).toMatchObject({ kind: 'activity', id: 'v1', type: 'visit' });
    expect(detail.surveys).toHaveLength(1);
    expect(detail.allowedTransitions).toEqual(['open', 'closed']);
    expect(detail.assignees.map((a) => a.name)).toEqual(['Ada Rep', 'Bo Rep']);
    expect(detail.accountTier).toBe('standard');
  });

  it('lists the open cases of an account, soonest deadline first, with the open count', async () => {
    h.signInAs(ada);
    const a = await newCase({ accountId: 'acc2', priority: 'medium' });
    const b = await newCase({ accountId: 'acc2' });
    const done = await newCase({ accountId: 'acc2' });
    await h.must('cases.transition', { id: done.id, status: 'resolved' });
    const result = await h.must('cases.forAccount', { accountId: 'acc2' });
    expect(result.rows.map((r) => r.id)).toEqual([b.id, a.id]);
    expect(result.openCount).toBe(2);
  });
});

describe('policy changes', () => {
  it('move the deadline of an open case, never the frozen outcome of a resolved one', async () => {
    h.signInAs(ada);
    const open = await newCase({ accountId: 'acc2', subject: 'Open' });
    const resolved = await newCase({ accountId: 'acc2', subject: 'Resolved' });
    h.setNow(start + 2 * HOUR);
    await h.must('cases.transition', { id: resolved.id, status: 'resolved' });
    const frozen = (await h.must('cases.get', { id: resolved.id })).sla;
    expect(frozen.firstResponse?.state).toBe('breached');

    const policy = (await h.must('service.settings', {})).policies.find((p) => p.id === 'p-high');
    if (!policy) throw new Error('no policy');
    const { id, kind: _kind, ownerId: _o, teamId: _t, createdAt: _c, updatedAt: _u, revision, ...values } = policy;
    h.signInAs({ userId: 'm1', email: 'm1@example.com', role: 'manager', teamId: 'A' });
    await h.must('service.savePolicy', { id, values: { ...values, firstResponseMinutes: 240 }, expectedRevision: revision });

    const moved = await h.must('cases.get', { id: open.id });
    expect(moved.sla.firstResponse?.targetMinutes).toBe(240);
    expect(moved.sla.firstResponse?.dueAt).toBe(start + 4 * HOUR);
    expect((await h.must('cases.get', { id: resolved.id })).sla).toEqual(frozen);
  });
});
