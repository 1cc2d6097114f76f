import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, CaseStatus, SlaPolicy } from '../../../shared/schemas';
import type { CaseRow } from '../service/case-projection';
import { buildSlaReference } from '../service/sla-reference';
import { caseFacts, computeServiceDashboard, periodBounds, type DashboardSurvey } from './service-dashboard';

const HOUR = 3_600_000;
const NOW = Date.UTC(2025, 5, 18, 12); // Wednesday 18 June 2025, 12:00 UTC
const base = { ownerId: 'rep-a', teamId: 'team-1', createdAt: 0, updatedAt: 0 };

const calendar: BusinessCalendar = {
  ...base,
  id: 'cal-247',
  kind: 'business_calendar',
  name: 'Always',
  timeZone: 'UTC',
  week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  holidays: [],
};
const policy: SlaPolicy = {
  ...base,
  id: 'pol-medium',
  kind: 'sla_policy',
  name: 'Medium',
  priority: 'medium',
  calendarId: calendar.id,
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  atRiskPercent: 75,
  reopenWindowDays: 14,
  active: true,
};
const reference = buildSlaReference([policy], [calendar]);

function row(id: string, fields: Partial<CaseRow> & { status: CaseStatus; openedAt: number }): CaseRow {
  return {
    id,
    caseNumber: `CS-${id}`,
    ownerId: 'rep-a',
    teamId: 'team-1',
    accountId: 'acc-1',
    priority: 'medium',
    channel: 'phone',
    updatedAt: fields.openedAt,
    statusHistory: [{ status: 'new', at: fields.openedAt, byUserId: 'rep-a' }],
    tier: undefined,
    ...fields,
  };
}

const june2 = Date.UTC(2025, 5, 2);
const cases: CaseRow[] = [
  row('a', {
    status: 'resolved',
    openedAt: Date.UTC(2025, 5, 9),
    resolvedAt: Date.UTC(2025, 5, 10),
    category: 'billing',
    slaOutcome: {
      policyId: policy.id,
      firstResponseTargetMinutes: 60,
      resolutionTargetMinutes: 480,
      firstResponseMinutes: 30,
      resolutionMinutes: 300,
      firstResponseMet: true,
      resolutionMet: true,
    },
  }),
  // Resolved without a frozen outcome: measured by the current policy (120 and 600 minutes: both late).
  row('b', {
    status: 'closed',
    openedAt: june2,
    firstRespondedAt: june2 + 2 * HOUR,
    resolvedAt: june2 + 10 * HOUR,
    closedAt: june2 + 80 * HOUR,
    category: 'billing',
    statusHistory: [
      { status: 'new', at: june2, byUserId: 'rep-a' },
      { status: 'open', at: june2 + 2 * HOUR, byUserId: 'rep-a' },
      { status: 'resolved', at: june2 + 10 * HOUR, byUserId: 'rep-a' },
      { status: 'closed', at: june2 + 80 * HOUR, byUserId: 'rep-a' },
    ],
  }),
  row('c', { status: 'new', priority: 'high', openedAt: Date.UTC(2025, 5, 16), category: 'hardware', assigneeId: 'rep-b' }),
  // Answered in time, 420 of 480 resolution minutes spent: at risk.
  row('d', {
    status: 'open',
    openedAt: NOW - 7 * HOUR,
    firstRespondedAt: NOW - 7 * HOUR + 60_000,
    teamId: 'team-2',
    ownerId: 'rep-b',
    statusHistory: [
      { status: 'new', at: NOW - 7 * HOUR, byUserId: 'rep-b' },
      { status: 'open', at: NOW - 7 * HOUR + 60_000, byUserId: 'rep-b' },
    ],
  }),
  row('e', { status: 'new', openedAt: NOW - 9 * HOUR }),
  row('f', { status: 'closed', priority: 'low', openedAt: Date.UTC(2024, 0, 3), resolvedAt: Date.UTC(2024, 0, 4) }),
];
const surveys: DashboardSurvey[] = [
  ...[10, 9, 5, 7].map((score, i) => ({
    survey: 'nps' as const,
    score,
    ownerId: 'rep-a',
    teamId: 'team-1',
    respondedAt: june2 + i * HOUR,
  })),
  { survey: 'nps', score: 0, ownerId: 'rep-a', teamId: 'team-1', respondedAt: Date.UTC(2023, 0, 1) },
  { survey: 'csat', score: 5, ownerId: 'rep-a', teamId: 'team-1', respondedAt: Date.UTC(2025, 5, 11), caseId: 'a' },
  { survey: 'csat', score: 4, ownerId: 'rep-a', teamId: 'team-1', respondedAt: Date.UTC(2025, 5, 12), caseId: 'b' },
  { survey: 'csat', score: 2, ownerId: 'rep-b', teamId: 'team-2', respondedAt: Date.UTC(2025, 4, 20), caseId: 'b' },
];

const compute = (filters: Parameters<typeof computeServiceDashboard>[0]['filters']) => {
  const facts = cases.map((c) => caseFacts(c, reference));
  const openSla = facts.map((f) => (f.finishedAt === undefined ? reference.slaOf(f.row, f.row.tier, NOW).state : undefined));
  return computeServiceDashboard({ cases: facts, openSla, surveys, filters, now: NOW });
};

describe('service dashboard figures', () => {
  it('counts open cases, SLA attainment, business-time percentiles, CSAT and NPS of the last twelve months', () => {
    const d = compute({});
    expect(d.totals).toMatchObject({ open: 3, breachedOpen: 1, atRiskOpen: 1, openedInPeriod: 5, resolvedInPeriod: 2, slaAttainment: 0.5 });
    expect(d.totals.firstResponse).toEqual({ medianMinutes: 30, p90Minutes: 120, count: 2 });
    expect(d.totals.resolution).toEqual({ medianMinutes: 300, p90Minutes: 600, count: 2 });
    expect(d.totals.nps).toEqual({ score: 25, responses: 4, promoters: 2, passives: 1, detractors: 1 });
    expect(d.totals.csat).toEqual({ average: 3.67, satisfiedShare: 2 / 3, responses: 3 });
    expect(d.openByPriority).toEqual([
      { priority: 'low', count: 0 },
      { priority: 'medium', count: 2 },
      { priority: 'high', count: 1 },
      { priority: 'urgent', count: 0 },
    ]);
    expect(d.openByStatus.find((s) => s.status === 'new')?.count).toBe(2);
    expect(d.topCategories).toEqual([
      { category: 'billing', count: 2 },
      { category: 'hardware', count: 1 },
    ]);
    expect(d.csatByMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2024, 6 + i, 1)).toISOString().slice(0, 7)),
    );
    expect(d.npsByMonth.at(-1)).toMatchObject({ month: '2025-06', responses: 4, score: 25 });
  });

  it('buckets the backlog and SLA by Monday weeks', () => {
    const d = compute({});
    const last = d.backlog.at(-1)!;
    expect(last).toEqual({ week: '2025-06-16', open: 3, opened: 3, resolved: 0 });
    const weekOfB = d.slaByWeek.find((w) => w.week === '2025-06-02')!;
    expect(weekOfB).toEqual({ week: '2025-06-02', resolved: 1, met: 0, breached: 1, attainment: 0 });
    expect(d.slaByWeek.find((w) => w.week === '2025-06-09')).toMatchObject({ met: 1, attainment: 1 });
    // Resolved on the Monday it was opened: not in that week's closing backlog.
    expect(d.backlog.find((w) => w.week === '2025-06-02')?.open).toBe(0);
    expect(d.backlog[0]!.week <= '2024-07-01').toBe(true);
  });

  it('narrows by rep (owner or assignee), team and priority; NPS ignores priority', () => {
    expect(compute({ ownerId: 'rep-b' }).totals.open).toBe(2);
    expect(compute({ teamId: 'team-2' }).totals).toMatchObject({ open: 1, atRiskOpen: 1, csat: { responses: 1, average: 2 } });
    const high = compute({ priority: 'high' });
    expect(high.totals).toMatchObject({ open: 1, breachedOpen: 0, resolvedInPeriod: 0, slaAttainment: null });
    expect(high.totals.csat.responses).toBe(0);
    expect(high.totals.nps.responses).toBe(4);
    expect(high.totals.firstResponse).toEqual({ medianMinutes: null, p90Minutes: null, count: 0 });
  });

  it('reads a month range inclusively and counts nothing outside it', () => {
    expect(periodBounds({ from: '2024-01', to: '2024-01' }, NOW)).toEqual({ start: Date.UTC(2024, 0, 1), end: Date.UTC(2024, 1, 1) });
    const january = compute({ from: '2024-01', to: '2024-01' });
    expect(january.totals).toMatchObject({ resolvedInPeriod: 1, openedInPeriod: 1, open: 3 });
    expect(january.totals.nps.responses).toBe(0);
    expect(january.csatByMonth).toEqual([{ month: '2024-01', average: null, satisfiedShare: null, responses: 0 }]);
  });
});
