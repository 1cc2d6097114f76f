import type { Case } from '../schemas/cases';
import type { SlaPolicy } from '../schemas/knowledge';
import type { BusinessClock } from './business-clock';
import { CLOCK_RUNS_IN } from './sla-state';

const MINUTE = 60_000;

type DeadlineCase = Pick<Case, 'status' | 'openedAt' | 'firstRespondedAt' | 'statusHistory'>;

/**
 * The instant an open case's SLA state turns (or turned) `breached` if its status does not change
 * again: the earlier of the first-response and resolution breaches, leaving out a first response
 * that was met. Undefined when the clocks are paused short of their targets (or the case is
 * finished). It does not depend on the time it is asked at, so queues cache it per case and
 * per policy set: "breached" at `now` is `deadline <= now`, exactly as caseSla says at `now`.
 */
export function slaDeadline(c: DeadlineCase, policy: SlaPolicy, clock: BusinessClock): number | undefined {
  if (c.status === 'resolved' || c.status === 'closed') return undefined;
  const responded = c.firstRespondedAt;
  const first = reachAt(c, clock, policy.firstResponseMinutes * MINUTE, responded);
  // A response with no business time past the target (say at 17:00:00.001 after a 17:00 due time,
  // out of hours) is on time, as caseSla counts it: only a later one makes the target the deadline.
  const firstCounts = first !== undefined && (responded === undefined || (first < responded && clock.between(first, responded) > 0));
  const resolution = reachAt(c, clock, policy.resolutionMinutes * MINUTE, undefined);
  if (firstCounts && (resolution === undefined || first < resolution)) return first;
  return resolution;
}

/**
 * When the business time with the clock running (capped at `until`) reaches `targetMs`, the last
 * status lasting forever; undefined if it never does.
 */
function reachAt(c: DeadlineCase, clock: BusinessClock, targetMs: number, until: number | undefined): number | undefined {
  const history = c.statusHistory;
  const cap = until ?? Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let i = 0; i < history.length; i++) {
    const change = history[i];
    if (!change || !CLOCK_RUNS_IN.has(change.status)) continue;
    const from = Math.max(change.at, c.openedAt);
    const to = Math.min(history[i + 1]?.at ?? Number.POSITIVE_INFINITY, cap);
    if (to <= from) continue;
    const end = clock.advance(from, targetMs - spent);
    if (end !== undefined && end <= to) return end;
    if (to === Number.POSITIVE_INFINITY) return undefined;
    spent += clock.between(from, to);
  }
  return undefined;
}
