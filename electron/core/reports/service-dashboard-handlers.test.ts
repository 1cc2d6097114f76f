import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendar, SlaPolicy, SurveyResponse } from '../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';
import { createCaseProjection } from '../service/case-projection';
import type { ServiceDeps } from '../service/service-deps';
import { createSlaReferenceSource } from '../service/sla-reference';
import { caseFacts, computeServiceDashboard } from './service-dashboard';
import { createServiceDashboard } from './service-dashboard-handlers';

const NOW = Date.UTC(2025, 5, 18, 10);
const owner = { ownerId: 'local-user', teamId: 'local-team', createdAt: NOW - 1000, updatedAt: NOW - 1000 };
const calendar: BusinessCalendar = {
  ...owner,
  id: 'cal-office',
  kind: 'business_calendar',
  name: 'Office',
  timeZone: 'Europe/Berlin',
  week: [0, 1, 2, 3, 4, 5, 6].map((day) => (day < 5 ? [{ start: '09:00', end: '17:00' }] : [])),
  holidays: [{ date: '2025-05-01', name: 'Labour day' }],
};
const policies: SlaPolicy[] = (['low', 'medium', 'high', 'urgent'] as const).map((priority, i) => ({
  ...owner,
  id: `pol-${priority}`,
  kind: 'sla_policy',
  name: priority,
  priority,
  calendarId: calendar.id,
  firstResponseMinutes: [960, 480, 240, 60][i]!,
  resolutionMinutes: [4800, 2400, 960, 240][i]!,
  atRiskPercent: 75,
  reopenWindowDays: 14,
  active: true,
}));

describe('service.dashboard over the store', () => {
  const dir = tempDirectory('crm-service-dashboard-');
  let db: CrmDatabase;
  let deps: ServiceDeps;
  let service: ReturnType<typeof createServiceDashboard>;

  /** The same figures from every table read now, nothing cached. */
  const fromScratch = async (filters: object) => {
    const reference = await deps.sla.current();
    const [cases, accounts, surveys] = await Promise.all([db.cases.find().exec(), db.accounts.find().exec(), db.surveys.find().exec()]);
    const tiers = new Map(accounts.map((a) => [a.id, a.tier]));
    const facts = cases.map((doc) => caseFacts({ ...doc.toMutableJSON(false), tier: tiers.get(doc.accountId) }, reference));
    const openSla = facts.map((f) => (f.finishedAt === undefined ? reference.slaOf(f.row, f.row.tier, NOW).state : undefined));
    return computeServiceDashboard({ cases: facts, openSla, surveys: surveys.map((s) => s.toMutableJSON(false)), filters, now: NOW });
  };

  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 60, seed: 5, referenceDate: NOW }));
    await db.knowledge.bulkUpsert([calendar, ...policies]);
    deps = {
      db,
      actor: { ownerId: 'local-user', teamId: 'local-team' },
      now: () => NOW,
      session: () => ({ signedIn: false }),
      sla: createSlaReferenceSource(db),
      cases: createCaseProjection(db),
      search: () => {
        throw new Error('not used');
      },
      log: () => undefined,
      onClose: () => undefined,
    };
    service = createServiceDashboard(deps);
  });
  afterAll(async () => {
    service.close();
    deps.cases.close();
    deps.sla.close();
    await db.close();
    dir.cleanup();
  });

  it('equals a from-scratch computation and answers a repeat from memory', async () => {
    for (const filters of [{}, { priority: 'high' as const }, { ownerId: 'local-user' }, { from: '2024-01', to: '2024-06' }]) {
      expect(await service.dashboard(filters)).toEqual(await fromScratch(filters));
    }
    const first = await service.dashboard({});
    expect(first.totals.resolvedInPeriod).toBeGreaterThan(0);
    expect(first.totals.slaAttainment).not.toBeNull();
    expect(await service.dashboard({})).toBe(first);
  });

  it('follows a new NPS answer and a resolved case', async () => {
    const before = await service.dashboard({});
    const nps: SurveyResponse = {
      ...owner,
      id: 'nps-new',
      survey: 'nps',
      score: 9,
      accountId: 'acc-x',
      contactId: 'con-x',
      respondedAt: NOW - 60_000,
    };
    await db.surveys.insert(nps);
    const afterNps = await service.dashboard({});
    expect(afterNps.totals.nps.responses).toBe(before.totals.nps.responses + 1);
    expect(afterNps.totals.nps.promoters).toBe(before.totals.nps.promoters + 1);

    const open = await db.cases.findOne({ selector: { status: { $in: ['new', 'open', 'escalated', 'pending_customer'] } } }).exec();
    expect(open).not.toBeNull();
    const history = open!.statusHistory;
    await open!.incrementalPatch({
      status: 'resolved',
      resolvedAt: NOW - 1000,
      updatedAt: NOW - 1000,
      statusHistory: [...history, { status: 'resolved', at: NOW - 1000, byUserId: 'local-user' }],
    });
    const afterResolve = await service.dashboard({});
    expect(afterResolve.totals.open).toBe(before.totals.open - 1);
    expect(afterResolve.totals.resolvedInPeriod).toBe(before.totals.resolvedInPeriod + 1);
    expect(afterResolve).toEqual(await fromScratch({}));

    // A deleted case leaves every figure; the answer still equals a from-scratch read.
    const resolved = await db.cases.findOne({ selector: { status: 'closed' } }).exec();
    await resolved!.remove();
    expect(await service.dashboard({})).toEqual(await fromScratch({}));
    expect(await service.dashboard({ priority: resolved!.priority })).toEqual(await fromScratch({ priority: resolved!.priority }));
  });
});
