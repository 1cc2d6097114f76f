import type { Case, CaseSlaOutcome, CaseStatus } from '../schemas/cases';
import type { SlaPolicy } from '../schemas/knowledge';
import type { BusinessClock } from './business-clock';

const MINUTE = 60_000;

export const SLA_STATES = ['on_track', 'at_risk', 'breached', 'met', 'paused', 'none'] as const;
/** `met`: a finished clock inside its target; `none`: no active policy covers the case. */
export type SlaState = (typeof SLA_STATES)[number];

/** The statuses during which the SLA clocks run; waiting on the customer pauses them, resolution stops them. */
export const CLOCK_RUNS_IN: ReadonlySet<CaseStatus> = new Set<CaseStatus>(['new', 'open', 'escalated']);

/** One SLA clock (first response or resolution) at the instant it was computed. */
export type SlaClock = {
  readonly state: Exclude<SlaState, 'none'>;
  readonly targetMinutes: number;
  readonly elapsedMinutes: number;
  /** Running clocks only: when it turns at risk and when it breaches (wall-clock instants). */
  readonly atRiskAt?: number;
  readonly dueAt?: number;
  /** The clock is stopped while the case waits on the customer. */
  readonly paused: boolean;
  readonly done: boolean;
};

export type CaseSla = {
  readonly state: SlaState;
  readonly policyId?: string;
  readonly firstResponse?: SlaClock;
  readonly resolution?: SlaClock;
};

type SlaCase = Pick<Case, 'status' | 'openedAt' | 'firstRespondedAt' | 'statusHistory' | 'slaOutcome'>;

/**
 * The SLA of one case at `now`, derived from its status history, the policy and the policy's
 * calendar; nothing here is stored as truth, so it is right offline and after any sync.
 *
 * Policy changes: a case that is not resolved or closed is always measured against the policy in
 * force now (a changed target or calendar moves its deadline, from the case's opening); a resolved
 * or closed case keeps the `slaOutcome` frozen when it was resolved, so past attainment never
 * changes under a manager's edit. Reopening clears that outcome and the case follows the current
 * policy again, its clock continuing from the business time already spent.
 */
export function caseSla(c: SlaCase, policy: SlaPolicy | undefined, clock: BusinessClock | undefined, now: number): CaseSla {
  const finished = c.status === 'resolved' || c.status === 'closed';
  if (finished && c.slaOutcome) return fromOutcome(c.slaOutcome);
  if (!policy || !clock) return { state: 'none' };
  const spent = activeBusinessTime(c, clock, now);
  const firstResponse = measure(
    spent.untilFirstResponse,
    policy.firstResponseMinutes,
    policy.atRiskPercent,
    c.firstRespondedAt !== undefined || finished,
    spent.running,
    clock,
    now,
  );
  const resolution = measure(spent.total, policy.resolutionMinutes, policy.atRiskPercent, finished, spent.running, clock, now);
  return { state: worst(firstResponse, resolution), policyId: policy.id, firstResponse, resolution };
}

/** What to freeze on the case when it is resolved (see caseSla). */
export function slaOutcomeAt(c: SlaCase, policy: SlaPolicy, clock: BusinessClock, resolvedAt: number): CaseSlaOutcome {
  const spent = activeBusinessTime(c, clock, resolvedAt);
  const firstResponseMinutes = Math.round(spent.untilFirstResponse / MINUTE);
  const resolutionMinutes = Math.round(spent.total / MINUTE);
  return {
    policyId: policy.id,
    firstResponseTargetMinutes: policy.firstResponseMinutes,
    resolutionTargetMinutes: policy.resolutionMinutes,
    firstResponseMinutes,
    resolutionMinutes,
    firstResponseMet: firstResponseMinutes <= policy.firstResponseMinutes,
    resolutionMet: resolutionMinutes <= policy.resolutionMinutes,
  };
}

/**
 * The state a running clock has at `now` without asking the core again: screens tick countdowns
 * with this between live updates.
 */
export function clockStateAt(clock: SlaClock, now: number): SlaClock['state'] {
  if (clock.done || clock.paused || clock.dueAt === undefined) return clock.state;
  if (now >= clock.dueAt) return 'breached';
  if (clock.atRiskAt !== undefined && now >= clock.atRiskAt) return 'at_risk';
  return 'on_track';
}

/** The more urgent of two states, for a case's overall SLA. */
export function worstState(a: SlaState, b: SlaState): SlaState {
  return RANK[a] >= RANK[b] ? a : b;
}

const RANK: Readonly<Record<SlaState, number>> = { none: 0, met: 1, paused: 2, on_track: 3, at_risk: 4, breached: 5 };

function worst(first: SlaClock, resolution: SlaClock): SlaState {
  // A met first response says nothing about the case as a whole: the resolution clock does.
  const firstCounts = !first.done || first.state === 'breached';
  return firstCounts ? worstState(first.state, resolution.state) : resolution.state;
}

type Spent = { total: number; untilFirstResponse: number; running: boolean };

/** Business ms with the clock running (CLOCK_RUNS_IN), overall and until the first response. */
function activeBusinessTime(c: SlaCase, clock: BusinessClock, now: number): Spent {
  const history = c.statusHistory;
  const responded = c.firstRespondedAt ?? Number.POSITIVE_INFINITY;
  let total = 0;
  let untilFirstResponse = 0;
  let running = false;
  for (let i = 0; i < history.length; i++) {
    const change = history[i];
    if (!change) continue;
    const from = Math.max(change.at, c.openedAt);
    const to = Math.min(history[i + 1]?.at ?? now, now);
    running = i === history.length - 1 && CLOCK_RUNS_IN.has(change.status);
    if (!CLOCK_RUNS_IN.has(change.status) || to <= from) continue;
    const spent = clock.between(from, to);
    total += spent;
    if (from < responded) untilFirstResponse += to <= responded ? spent : clock.between(from, responded);
  }
  return { total, untilFirstResponse, running };
}

function measure(
  elapsedMs: number,
  targetMinutes: number,
  atRiskPercent: number,
  done: boolean,
  running: boolean,
  clock: BusinessClock,
  now: number,
): SlaClock {
  const targetMs = targetMinutes * MINUTE;
  const atRiskMs = (targetMs * atRiskPercent) / 100;
  const elapsedMinutes = Math.floor(elapsedMs / MINUTE);
  const base = { targetMinutes, elapsedMinutes, done };
  if (done) return { ...base, state: elapsedMs <= targetMs ? 'met' : 'breached', paused: false };
  if (elapsedMs >= targetMs) return { ...base, state: 'breached', paused: !running };
  const state = elapsedMs >= atRiskMs ? 'at_risk' : 'on_track';
  if (!running) return { ...base, state: 'paused', paused: true };
  const dueAt = clock.advance(now, targetMs - elapsedMs);
  const atRiskAt = elapsedMs >= atRiskMs ? now : clock.advance(now, atRiskMs - elapsedMs);
  return { ...base, state, paused: false, ...(dueAt !== undefined ? { dueAt } : {}), ...(atRiskAt !== undefined ? { atRiskAt } : {}) };
}

function fromOutcome(o: CaseSlaOutcome): CaseSla {
  const clock = (minutes: number, target: number, met: boolean): SlaClock => ({
    state: met ? 'met' : 'breached',
    targetMinutes: target,
    elapsedMinutes: minutes,
    paused: false,
    done: true,
  });
  const firstResponse = clock(o.firstResponseMinutes, o.firstResponseTargetMinutes, o.firstResponseMet);
  const resolution = clock(o.resolutionMinutes, o.resolutionTargetMinutes, o.resolutionMet);
  return { state: worst(firstResponse, resolution), policyId: o.policyId, firstResponse, resolution };
}
