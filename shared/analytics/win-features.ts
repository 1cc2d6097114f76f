import { type Activity, type Opportunity, type OpportunityStage } from '../schemas';
import { hashString } from './stats';

/** The fields win-probability features read. */
export type WinOpportunity = Pick<
  Opportunity,
  'id' | 'ownerId' | 'teamId' | 'stage' | 'amount' | 'createdAt' | 'closedAt' | 'updatedAt' | 'stageHistory'
>;
export type WinActivity = Pick<Activity, 'type' | 'opportunityId' | 'doneAt' | 'dueAt' | 'createdAt'>;

const DAY = 86_400_000;
const OPEN_STAGES: readonly OpportunityStage[] = ['prospecting', 'qualification', 'needs_analysis', 'proposal', 'negotiation'];

/**
 * Forecast category is deliberately not a feature: it is not historised, so for a closed deal we only
 * know its final value ('closed'/'omitted'), which is the outcome itself. Training on it would leak
 * the label; training on the stage default would only repeat the stage.
 */
export const WIN_FEATURES = [
  'stage_qualification',
  'stage_needs_analysis',
  'stage_proposal',
  'stage_negotiation',
  'log_age_days',
  'log_amount',
  'log_days_in_stage',
  'stage_regressions',
  'calls_30d',
  'meetings_30d',
  'visits_30d',
  'calls_90d',
  'meetings_90d',
  'visits_90d',
  'days_since_meeting_or_visit',
] as const;
export type WinFeature = (typeof WIN_FEATURES)[number];

/** Activity instants per opportunity and type, ascending, so a window count is two binary searches. */
export type ActivityIndex = ReadonlyMap<string, { readonly call: number[]; readonly meeting: number[]; readonly visit: number[] }>;

export function indexActivities(activities: Iterable<WinActivity>): ActivityIndex {
  const index = new Map<string, { call: number[]; meeting: number[]; visit: number[] }>();
  for (const a of activities) {
    if (!a.opportunityId || (a.type !== 'call' && a.type !== 'meeting' && a.type !== 'visit')) continue;
    // When it happened: done time, else the planned time, else when it was logged.
    const at = a.doneAt ?? a.dueAt ?? a.createdAt;
    let entry = index.get(a.opportunityId);
    if (!entry) index.set(a.opportunityId, (entry = { call: [], meeting: [], visit: [] }));
    entry[a.type].push(at);
  }
  for (const e of index.values()) for (const list of [e.call, e.meeting, e.visit]) list.sort((x, y) => x - y);
  return index;
}

export type DealSnapshot = { readonly stage: OpportunityStage; readonly at: number; readonly features: number[] };

/**
 * Features of a deal as it looked at instant `at`: stage from the history, activity counts from
 * windows ending at `at`. Using the same function for training (at = a moment in a closed deal's
 * life) and scoring (at = now) is what keeps the two consistent.
 */
export function featuresAt(opp: WinOpportunity, at: number, activities: ActivityIndex): DealSnapshot {
  const history = [...opp.stageHistory].filter((h) => h.at <= at).sort((a, b) => a.at - b.at);
  const last = history[history.length - 1];
  const stage: OpportunityStage = last ? last.stage : opp.stageHistory.length === 0 && !isClosed(opp.stage) ? opp.stage : 'prospecting';
  const stageSince = last?.at ?? opp.createdAt;
  let regressions = 0;
  for (let i = 1; i < history.length; i++) {
    const prev = OPEN_STAGES.indexOf(history[i - 1]?.stage ?? 'prospecting');
    const cur = OPEN_STAGES.indexOf(history[i]?.stage ?? 'prospecting');
    if (cur >= 0 && prev >= 0 && cur < prev) regressions++;
  }
  const acts = activities.get(opp.id);
  const count = (list: readonly number[] | undefined, days: number): number => (list ? countBetween(list, at - days * DAY, at) : 0);
  const lastMeet = Math.max(lastBefore(acts?.meeting, at), lastBefore(acts?.visit, at));
  const features: Record<WinFeature, number> = {
    stage_qualification: stage === 'qualification' ? 1 : 0,
    stage_needs_analysis: stage === 'needs_analysis' ? 1 : 0,
    stage_proposal: stage === 'proposal' ? 1 : 0,
    stage_negotiation: stage === 'negotiation' ? 1 : 0,
    log_age_days: Math.log1p(Math.max(0, at - opp.createdAt) / DAY),
    log_amount: Math.log1p(opp.amount / 100),
    log_days_in_stage: Math.log1p(Math.max(0, at - stageSince) / DAY),
    stage_regressions: regressions,
    calls_30d: count(acts?.call, 30),
    meetings_30d: count(acts?.meeting, 30),
    visits_30d: count(acts?.visit, 30),
    calls_90d: count(acts?.call, 90),
    meetings_90d: count(acts?.meeting, 90),
    visits_90d: count(acts?.visit, 90),
    // Capped: "never met" and "not for half a year" mean the same thing to a buyer.
    days_since_meeting_or_visit: lastMeet === -Infinity ? 180 : Math.min(180, (at - lastMeet) / DAY),
  };
  return { stage, at, features: WIN_FEATURES.map((f) => features[f]) };
}

/**
 * The moment of a closed deal's life it is learnt from: a fixed, id-derived point between 15% and
 * 85% of its life. One snapshot per deal keeps rows independent (honest AUC intervals), and never
 * the close moment itself, where stage and activity would simply restate the outcome.
 */
export function trainingInstant(opp: WinOpportunity): number | undefined {
  const end = opp.closedAt ?? lastHistoryAt(opp) ?? opp.updatedAt;
  if (end <= opp.createdAt) return undefined;
  const u = 0.15 + 0.7 * ((hashString(opp.id) % 10_000) / 10_000);
  return opp.createdAt + u * (end - opp.createdAt);
}

export function isClosed(stage: OpportunityStage): boolean {
  return stage === 'closed_won' || stage === 'closed_lost';
}

function lastHistoryAt(opp: WinOpportunity): number | undefined {
  let best: number | undefined;
  for (const h of opp.stageHistory) if (isClosed(h.stage) && (best === undefined || h.at > best)) best = h.at;
  return best;
}

function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Count of instants in (from, to]. */
function countBetween(list: readonly number[], from: number, to: number): number {
  return lowerBound(list, to + 1) - lowerBound(list, from + 1);
}

function lastBefore(list: readonly number[] | undefined, at: number): number {
  if (!list) return -Infinity;
  const i = lowerBound(list, at + 1) - 1;
  return i >= 0 ? (list[i] ?? -Infinity) : -Infinity;
}
