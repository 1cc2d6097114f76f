import { describe, expect, it } from 'vitest';
import type { CaseSla, SlaClock } from '../../../../shared/service/sla-state';
import { drivingClock, durationParts, remainingMs, slaStateAt } from './sla-display';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9);

const running = (dueAt: number, atRiskAt: number, target = 480, elapsed = 60): SlaClock => ({
  state: 'on_track',
  targetMinutes: target,
  elapsedMinutes: elapsed,
  dueAt,
  atRiskAt,
  paused: false,
  done: false,
});

describe('SLA badge between live answers', () => {
  it('turns at risk, then breached, at the instants the core gave, without asking again', () => {
    const sla: CaseSla = {
      state: 'on_track',
      firstResponse: { ...running(T0 + HOUR, T0), done: true, state: 'met' },
      resolution: running(T0 + 4 * HOUR, T0 + 3 * HOUR),
    };
    expect(slaStateAt(sla, T0 + HOUR)).toBe('on_track');
    expect(slaStateAt(sla, T0 + 3 * HOUR)).toBe('at_risk');
    expect(slaStateAt(sla, T0 + 4 * HOUR)).toBe('breached');
  });

  it('counts down in wall-clock time to the due instant, and past it', () => {
    const clock = running(T0 + 2 * HOUR, T0 + HOUR);
    expect(remainingMs(clock, T0)).toBe(2 * HOUR);
    expect(remainingMs(clock, T0 + 3 * HOUR)).toBe(-HOUR);
  });

  it('stands still while the case waits on the customer', () => {
    const paused: SlaClock = { state: 'paused', targetMinutes: 480, elapsedMinutes: 300, paused: true, done: false };
    const sla: CaseSla = { state: 'paused', firstResponse: { ...paused, done: true, state: 'met' }, resolution: paused };
    expect(slaStateAt(sla, T0)).toBe('paused');
    expect(slaStateAt(sla, T0 + 100 * HOUR)).toBe('paused');
    expect(remainingMs(paused, T0)).toBe(180 * 60_000);
    expect(remainingMs(paused, T0 + 100 * HOUR)).toBe(180 * 60_000);
  });

  it('races the first response while it is unanswered and due first', () => {
    const first = running(T0 + HOUR, T0 + HOUR / 2, 60, 10);
    const resolution = running(T0 + 8 * HOUR, T0 + 6 * HOUR);
    expect(drivingClock({ state: 'on_track', firstResponse: first, resolution })).toBe(first);
    expect(slaStateAt({ state: 'on_track', firstResponse: first, resolution }, T0 + HOUR)).toBe('breached');
  });

  it('keeps a case without a policy at none', () => {
    expect(slaStateAt({ state: 'none' }, T0)).toBe('none');
  });

  it('splits a duration into days, hours, minutes and seconds', () => {
    expect(durationParts(2 * 86_400_000 + 3 * HOUR + 4 * 60_000 + 5_000)).toEqual({ days: 2, hours: 3, minutes: 4, seconds: 5 });
    expect(durationParts(-90_000)).toEqual({ days: 0, hours: 0, minutes: 1, seconds: 30 });
  });
});
