import { clockStateAt, worstState, type CaseSla, type SlaClock, type SlaState } from '../../../../shared/service/sla-state';

const MINUTE = 60_000;

/** The case's overall state at `now`, ticked locally between live answers (same rule as the core's). */
export function slaStateAt(sla: CaseSla, now: number): SlaState {
  const { firstResponse, resolution } = sla;
  if (sla.state === 'none' || !firstResponse || !resolution) return sla.state;
  const first = clockStateAt(firstResponse, now);
  const last = clockStateAt(resolution, now);
  // A met first response says nothing about the case as a whole: the resolution clock does.
  return !firstResponse.done || first === 'breached' ? worstState(first, last) : last;
}

/** The clock whose deadline the rep races: the unfinished one due first, else the resolution clock. */
export function drivingClock(sla: CaseSla): SlaClock | undefined {
  const open = [sla.firstResponse, sla.resolution].filter((clock): clock is SlaClock => clock !== undefined && !clock.done);
  const running = open.filter((clock) => clock.dueAt !== undefined).sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
  return running[0] ?? open[0] ?? sla.resolution;
}

/**
 * Milliseconds to the clock's deadline at `now` (negative: past it). A running clock counts down in
 * wall-clock time to its due instant; a paused or breached one shows the business time it has left
 * or is over, which does not move while it stands still.
 */
export function remainingMs(clock: SlaClock, now: number): number {
  if (clock.dueAt !== undefined && !clock.paused && !clock.done) return clock.dueAt - now;
  return (clock.targetMinutes - clock.elapsedMinutes) * MINUTE;
}

export type DurationParts = { readonly days: number; readonly hours: number; readonly minutes: number; readonly seconds: number };

export function durationParts(ms: number): DurationParts {
  const total = Math.floor(Math.abs(ms) / 1000);
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
