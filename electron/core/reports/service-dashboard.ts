import type {
  DurationFigure,
  ServiceDashboard,
  ServiceDashboardFilters,
} from '../../../shared/contract/service/service-dashboard-requests';
import type { CsatFigure, NpsFigure } from '../../../shared/contract/service/surveys-requests';
import { CASE_PRIORITIES, CASE_STATUSES, type CasePriority, type CaseStatus, type SurveyResponse } from '../../../shared/schemas';
import { clockStateAt, worstState, type CaseSla, type SlaState } from '../../../shared/service/sla-state';
import type { CaseRow } from '../service/case-projection';
import type { SlaReference } from '../service/sla-reference';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const TOP_CATEGORIES = 8;
/** A period longer than this many weeks is cut to its last ones: no chart can show more. */
const MAX_WEEKS = 530;

/** What the dashboard knows of one case besides its row: when it finished and how its SLA went. */
export type CaseFacts = {
  readonly row: CaseRow;
  /** Resolution (or closing) instant of a resolved or closed case; undefined while it is open. */
  readonly finishedAt: number | undefined;
  /** Business minutes and whether both targets were met; undefined when no policy covers the case. */
  readonly outcome: { readonly firstResponseMinutes: number; readonly resolutionMinutes: number; readonly met: boolean } | undefined;
};

export type DashboardSurvey = Pick<SurveyResponse, 'survey' | 'score' | 'ownerId' | 'teamId' | 'respondedAt' | 'caseId'>;

export type ServiceDashboardInput = {
  readonly cases: ReadonlyArray<CaseFacts>;
  /** SLA state now of each open case, at the case's index in `cases`; undefined for resolved ones. */
  readonly openSla: ReadonlyArray<SlaState | undefined>;
  readonly surveys: ReadonlyArray<DashboardSurvey>;
  readonly filters: ServiceDashboardFilters;
  readonly now: number;
};

const isFinished = (status: CaseStatus): boolean => status === 'resolved' || status === 'closed';

type Outcome = NonNullable<CaseFacts['outcome']>;

/**
 * The facts of a case that do not change with time. A resolved case's outcome is its frozen
 * `slaOutcome`, or, for a case resolved without one (before any policy covered it, or imported),
 * the outcome the current policy gives at its resolution, so its durations still count. That
 * measurement is made on first read only: most questions are about one period, and cases resolved
 * outside it are never measured.
 */
export function caseFacts(row: CaseRow, reference: SlaReference): CaseFacts {
  if (!isFinished(row.status)) return { row, finishedAt: undefined, outcome: undefined };
  const finishedAt = row.resolvedAt ?? row.closedAt ?? row.updatedAt;
  if (row.slaOutcome) return { row, finishedAt, outcome: toOutcome(row.slaOutcome) };
  return new MeasuredOnRead(row, finishedAt, reference);
}

/** A resolved case without a frozen outcome: measured against the current policy on first read. */
class MeasuredOnRead implements CaseFacts {
  private measured: Outcome | null | undefined;
  constructor(
    readonly row: CaseRow,
    readonly finishedAt: number,
    private readonly reference: SlaReference,
  ) {}
  get outcome(): Outcome | undefined {
    if (this.measured === undefined) {
      const frozen = this.reference.outcomeAt(this.row, this.row.tier, this.finishedAt);
      this.measured = frozen ? toOutcome(frozen) : null;
    }
    return this.measured ?? undefined;
  }
}

function toOutcome(o: NonNullable<CaseRow['slaOutcome']>): Outcome {
  return {
    firstResponseMinutes: o.firstResponseMinutes,
    resolutionMinutes: o.resolutionMinutes,
    met: o.firstResponseMet && o.resolutionMet,
  };
}

/**
 * The state at `now` of an SLA computed earlier for the same row: a running clock's at-risk and due
 * instants do not move while the case's status stays, so a case is measured once, not per minute.
 */
export function slaStateAt(sla: CaseSla, now: number): SlaState {
  const { firstResponse, resolution } = sla;
  if (!firstResponse || !resolution) return sla.state;
  const first = clockStateAt(firstResponse, now);
  const whole = clockStateAt(resolution, now);
  // As in caseSla: a met first response says nothing about the case; the resolution clock does.
  return !firstResponse.done || first === 'breached' ? worstState(first, whole) : whole;
}

/** Inclusive month bounds as [start, end) instants in UTC; the default is the twelve months up to `now`. */
export function periodBounds(filters: ServiceDashboardFilters, now: number): { readonly start: number; readonly end: number } {
  const today = new Date(now);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const monthStart = (key: string | undefined, fallback: number): number =>
    key ? Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1) : fallback;
  const start = monthStart(filters.from, Date.UTC(y, m - 11, 1));
  const lastMonth = monthStart(filters.to, Date.UTC(y, m, 1));
  const end = Date.UTC(new Date(lastMonth).getUTCFullYear(), new Date(lastMonth).getUTCMonth() + 1, 1);
  return { start, end: Math.max(start, end) };
}

/**
 * The service dashboard under `filters`. Open-case figures (by priority, by status, breached, at
 * risk) are the state now; period figures count what was opened, resolved or answered in the
 * period. A rep's cases are the ones they filed or are assigned to. The priority filter narrows
 * cases and the CSATs given on them; NPS is about the customer, not a case, so it ignores priority.
 * Weeks start on Monday and, like months, are read in UTC so every device buckets alike.
 */
export function computeServiceDashboard(input: ServiceDashboardInput): ServiceDashboard {
  const { filters, now } = input;
  const { start, end } = periodBounds(filters, now);
  const periodEnd = Math.min(end, now + 1);
  const firstWeek = Math.max(mondayOf(start), mondayOf(periodEnd - 1) - (MAX_WEEKS - 1) * WEEK_MS);
  const weekCount = Math.max(0, Math.floor((mondayOf(periodEnd - 1) - firstWeek) / WEEK_MS) + 1);
  const weekOf = (at: number): number => Math.floor((at - firstWeek) / WEEK_MS);
  const backlogDiff = new Int32Array(weekCount + 1);
  const opened = new Int32Array(weekCount);
  const resolved = new Int32Array(weekCount);
  const met = new Int32Array(weekCount);
  const breached = new Int32Array(weekCount);
  const byPriority = new Map<CasePriority, number>();
  const byStatus = new Map<CaseStatus, number>();
  const categories = new Map<string, number>();
  // Filled up to `measuredInPeriod`: no growing arrays in a pass over every case.
  const firstResponse = new Float64Array(input.cases.length);
  const resolution = new Float64Array(input.cases.length);
  const priorityOf = new Map<string, CasePriority>();
  let open = 0;
  let breachedOpen = 0;
  let atRiskOpen = 0;
  let openedInPeriod = 0;
  let resolvedInPeriod = 0;
  let metInPeriod = 0;
  let measuredInPeriod = 0;

  const cases = input.cases;
  for (let index = 0; index < cases.length; index++) {
    const facts = cases[index]!;
    const c = facts.row;
    if (filters.ownerId && c.ownerId !== filters.ownerId && c.assigneeId !== filters.ownerId) continue;
    if (filters.teamId && c.teamId !== filters.teamId) continue;
    if (filters.priority && c.priority !== filters.priority) continue;
    if (filters.priority) priorityOf.set(c.id, c.priority);
    if (facts.finishedAt === undefined) {
      open++;
      byPriority.set(c.priority, (byPriority.get(c.priority) ?? 0) + 1);
      byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
      const sla = input.openSla[index];
      if (sla === 'breached') breachedOpen++;
      else if (sla === 'at_risk') atRiskOpen++;
    }
    if (c.openedAt >= start && c.openedAt < periodEnd) {
      openedInPeriod++;
      if (c.category) categories.set(c.category, (categories.get(c.category) ?? 0) + 1);
    }
    // Open at the end of week i: opened before that end and not finished by it.
    const first = Math.max(0, weekOf(c.openedAt));
    const last = Math.min(weekCount - 1, facts.finishedAt === undefined ? weekCount - 1 : weekOf(facts.finishedAt) - 1);
    if (first <= last) {
      backlogDiff[first]!++;
      backlogDiff[last + 1]!--;
    }
    const openedWeek = weekOf(c.openedAt);
    if (openedWeek >= 0 && openedWeek < weekCount && c.openedAt >= start) opened[openedWeek]!++;
    if (facts.finishedAt === undefined || facts.finishedAt < start || facts.finishedAt >= periodEnd) continue;
    resolvedInPeriod++;
    const week = weekOf(facts.finishedAt);
    if (week >= 0 && week < weekCount) resolved[week]!++;
    const outcome = facts.outcome;
    if (!outcome) continue;
    firstResponse[measuredInPeriod] = outcome.firstResponseMinutes;
    resolution[measuredInPeriod] = outcome.resolutionMinutes;
    measuredInPeriod++;
    if (outcome.met) metInPeriod++;
    if (week < 0 || week >= weekCount) continue;
    if (outcome.met) met[week]!++;
    else breached[week]!++;
  }

  const months = monthKeys(start, end);
  const csatMonths = months.map(() => new CsatTally());
  const npsMonths = months.map(() => new NpsTally());
  const monthStarts = months.map((key) => Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1));
  /** Index in `months` of an instant inside the period (a few comparisons, no Date per answer). */
  const monthOf = (at: number): number => {
    let i = monthStarts.length - 1;
    while (i > 0 && monthStarts[i]! > at) i--;
    return i;
  };
  const csat = new CsatTally();
  const nps = new NpsTally();
  for (const survey of input.surveys) {
    if (survey.respondedAt < start || survey.respondedAt >= periodEnd) continue;
    if (filters.ownerId && survey.ownerId !== filters.ownerId) continue;
    if (filters.teamId && survey.teamId !== filters.teamId) continue;
    const month = monthOf(survey.respondedAt);
    if (survey.survey === 'nps') {
      nps.add(survey.score);
      npsMonths[month]?.add(survey.score);
      continue;
    }
    if (filters.priority && (!survey.caseId || !priorityOf.has(survey.caseId))) continue;
    csat.add(survey.score);
    csatMonths[month]?.add(survey.score);
  }

  let backlogOpen = 0;
  return {
    asOf: new Date(now).toISOString(),
    totals: {
      open,
      breachedOpen,
      atRiskOpen,
      openedInPeriod,
      resolvedInPeriod,
      slaAttainment: measuredInPeriod === 0 ? null : metInPeriod / measuredInPeriod,
      firstResponse: durationFigure(firstResponse.subarray(0, measuredInPeriod)),
      resolution: durationFigure(resolution.subarray(0, measuredInPeriod)),
      csat: csat.figure(),
      nps: nps.figure(),
    },
    openByPriority: CASE_PRIORITIES.map((priority) => ({ priority, count: byPriority.get(priority) ?? 0 })),
    openByStatus: CASE_STATUSES.filter((status) => !isFinished(status)).map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    backlog: Array.from({ length: weekCount }, (_, i) => {
      backlogOpen += backlogDiff[i]!;
      return { week: isoDay(firstWeek + i * WEEK_MS), open: backlogOpen, opened: opened[i]!, resolved: resolved[i]! };
    }),
    slaByWeek: Array.from({ length: weekCount }, (_, i) => ({
      week: isoDay(firstWeek + i * WEEK_MS),
      resolved: resolved[i]!,
      met: met[i]!,
      breached: breached[i]!,
      attainment: met[i]! + breached[i]! === 0 ? null : met[i]! / (met[i]! + breached[i]!),
    })),
    csatByMonth: months.map((month, i) => ({ month, ...csatMonths[i]!.figure() })),
    npsByMonth: months.map((month, i) => ({ month, ...npsMonths[i]!.figure() })),
    topCategories: [...categories]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_CATEGORIES)
      .map(([category, count]) => ({ category, count })),
  };
}

class CsatTally {
  private sum = 0;
  private satisfied = 0;
  private count = 0;
  add(score: number): void {
    this.sum += score;
    this.count++;
    if (score >= 4) this.satisfied++;
  }
  figure(): CsatFigure {
    if (this.count === 0) return { average: null, satisfiedShare: null, responses: 0 };
    return { average: Math.round((this.sum / this.count) * 100) / 100, satisfiedShare: this.satisfied / this.count, responses: this.count };
  }
}

class NpsTally {
  private promoters = 0;
  private passives = 0;
  private detractors = 0;
  add(score: number): void {
    if (score >= 9) this.promoters++;
    else if (score >= 7) this.passives++;
    else this.detractors++;
  }
  /** A whole number from −100 to 100, as NPS is quoted. */
  figure(): NpsFigure {
    const responses = this.promoters + this.passives + this.detractors;
    const { promoters, passives, detractors } = this;
    const score = responses === 0 ? null : Math.round(((promoters - detractors) / responses) * 100);
    return { score, responses, promoters, passives, detractors };
  }
}

/** Nearest-rank median and 90th percentile of whole minutes. */
function durationFigure(minutes: Float64Array): DurationFigure {
  if (minutes.length === 0) return { medianMinutes: null, p90Minutes: null, count: 0 };
  const sorted = minutes.sort();
  const rank = (q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
  return { medianMinutes: rank(0.5), p90Minutes: rank(0.9), count: sorted.length };
}

function mondayOf(at: number): number {
  const days = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is the days since Monday.
  return (days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS;
}

function monthKeys(start: number, end: number): string[] {
  const keys: string[] = [];
  for (let at = start; at < end;) {
    const date = new Date(at);
    keys.push(date.toISOString().slice(0, 7));
    at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  }
  return keys;
}

const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);
