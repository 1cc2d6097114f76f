import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Case, CaseStatus } from '../schemas/cases';
import type { SlaPolicy } from '../schemas/knowledge';
import { createBusinessClock } from './business-clock';
import { slaDeadline } from './sla-deadline';
import { caseSla, clockStateAt, slaOutcomeAt } from './sla-state';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const nineToFive = [{ start: '09:00', end: '17:00' }];
const clock = createBusinessClock({
  timeZone: 'Europe/Berlin',
  week: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [], []],
  holidays: [],
});
// Monday 15 June 2026, 10:00 in Berlin.
const monday10 = Date.UTC(2026, 5, 15, 8);

const policy = (fields: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'p',
  ownerId: 'm',
  teamId: 't',
  createdAt: 0,
  updatedAt: 0,
  kind: 'sla_policy',
  name: 'High',
  priority: 'high',
  calendarId: 'cal',
  firstResponseMinutes: 60,
  resolutionMinutes: 480,
  atRiskPercent: 75,
  reopenWindowDays: 7,
  active: true,
  ...fields,
});

type SlaCase = Pick<Case, 'status' | 'openedAt' | 'firstRespondedAt' | 'statusHistory' | 'slaOutcome'>;
const history = (...steps: Array<[CaseStatus, number]>): SlaCase => {
  const statusHistory = steps.map(([status, at]) => ({ status, at, byUserId: 'u' }));
  const responded = steps.find(([status], i) => i > 0 && status !== 'new');
  const last = steps[steps.length - 1]!;
  return { status: last[0], openedAt: steps[0]![1], statusHistory, ...(responded ? { firstRespondedAt: responded[1] } : {}) };
};

describe('SLA clocks', () => {
  it('run in business time: on track, at risk at 75 %, breached at the target, with the deadlines as instants', () => {
    const c = history(['new', monday10]);
    const fresh = caseSla(c, policy(), clock, monday10 + 10 * MINUTE);
    expect(fresh.state).toBe('on_track');
    expect(fresh.firstResponse).toMatchObject({ elapsedMinutes: 10, dueAt: monday10 + HOUR, atRiskAt: monday10 + 45 * MINUTE });
    expect(caseSla(c, policy(), clock, monday10 + 50 * MINUTE).state).toBe('at_risk');
    expect(caseSla(c, policy(), clock, monday10 + HOUR).state).toBe('breached');
    // Resolution: 8 business hours from Monday 10:00 end Tuesday 10:00.
    expect(fresh.resolution?.dueAt).toBe(monday10 + 24 * HOUR);
    expect(clockStateAt(fresh.firstResponse!, monday10 + 46 * MINUTE)).toBe('at_risk');
    expect(clockStateAt(fresh.firstResponse!, monday10 + 61 * MINUTE)).toBe('breached');
  });

  it('pause while the case waits on the customer and continue from the time already spent', () => {
    const waiting = history(['new', monday10], ['open', monday10 + 30 * MINUTE], ['pending_customer', monday10 + 2 * HOUR]);
    const paused = caseSla(waiting, policy(), clock, monday10 + 30 * HOUR);
    expect(paused.resolution).toMatchObject({ state: 'paused', paused: true, elapsedMinutes: 120 });
    expect(paused.resolution?.dueAt).toBeUndefined();
    expect(paused.state).toBe('paused');
    // Back to open on Tuesday 09:00 with 6 business hours left: due Tuesday 15:00.
    const tuesday9 = Date.UTC(2026, 5, 16, 7);
    const resumed = history(
      ['new', monday10],
      ['open', monday10 + 30 * MINUTE],
      ['pending_customer', monday10 + 2 * HOUR],
      ['open', tuesday9],
    );
    const running = caseSla(resumed, policy(), clock, tuesday9 + HOUR);
    expect(running.resolution).toMatchObject({ state: 'on_track', elapsedMinutes: 180, dueAt: tuesday9 + 6 * HOUR });
  });

  it('freeze at resolution; a resolved case keeps its outcome under a changed policy while an open one follows it', () => {
    const resolvedAt = monday10 + 3 * HOUR;
    const done = history(['new', monday10], ['open', monday10 + 90 * MINUTE], ['resolved', resolvedAt]);
    const outcome = slaOutcomeAt(done, policy(), clock, resolvedAt);
    expect(outcome).toEqual({
      policyId: 'p',
      firstResponseTargetMinutes: 60,
      resolutionTargetMinutes: 480,
      firstResponseMinutes: 90,
      resolutionMinutes: 180,
      firstResponseMet: false,
      resolutionMet: true,
    });
    const frozen = { ...done, slaOutcome: outcome };
    const stricter = policy({ firstResponseMinutes: 120, resolutionMinutes: 120 });
    expect(caseSla(frozen, stricter, clock, resolvedAt + HOUR)).toEqual(caseSla(frozen, policy(), clock, resolvedAt + HOUR));
    expect(caseSla(frozen, stricter, clock, resolvedAt + HOUR).state).toBe('breached');

    const open = history(['new', monday10], ['open', monday10 + 90 * MINUTE]);
    expect(caseSla(open, policy(), clock, monday10 + 2 * HOUR).resolution?.dueAt).toBe(monday10 + 24 * HOUR);
    const tighter = policy({ resolutionMinutes: 150 });
    expect(caseSla(open, tighter, clock, monday10 + 2 * HOUR).resolution).toMatchObject({
      state: 'at_risk',
      dueAt: monday10 + 150 * MINUTE,
    });
    expect(caseSla(open, stricter, clock, monday10 + 2 * HOUR).state).toBe('breached');
  });

  it('say "none" without a policy or a calendar', () => {
    expect(caseSla(history(['new', monday10]), undefined, clock, monday10).state).toBe('none');
    expect(caseSla(history(['new', monday10]), policy(), undefined, monday10).state).toBe('none');
  });
});

const OPEN_MOVES: CaseStatus[] = ['open', 'pending_customer', 'escalated'];

describe('SLA deadline', () => {
  it('does not count a first response out of hours, right after the due time, as late', () => {
    // Due Monday 17:00 (seven business hours from 10:00); answered 1 ms later, after hours.
    const c = history(['new', monday10], ['open', monday10 + 7 * HOUR + 1]);
    const p = policy({ firstResponseMinutes: 420, resolutionMinutes: 1260 });
    expect(caseSla(c, p, clock, monday10 + 7 * HOUR + 1).state).not.toBe('breached');
    expect(slaDeadline({ ...c, status: 'open' }, p, clock)).toBeGreaterThan(monday10 + 7 * HOUR + 1);
  });

  it('is the instant caseSla turns breached, for any history of open moves', () => {
    const steps = fc.array(fc.tuple(fc.constantFrom(...OPEN_MOVES), fc.integer({ min: 1, max: 30 * HOUR })), { maxLength: 6 });
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 10 * 24 * HOUR }), fc.integer({ min: 1, max: 600 }), (moves, later, target) => {
        let at = monday10;
        const path: Array<[CaseStatus, number]> = [['new', at]];
        for (const [status, gap] of moves) path.push([status, (at += gap)]);
        const c = history(...path);
        const p = policy({ firstResponseMinutes: target, resolutionMinutes: target * 3 });
        const deadline = slaDeadline({ ...c, status: path[path.length - 1]![0] }, p, clock);
        const now = at + later;
        const breached = caseSla(c, p, clock, now).state === 'breached';
        expect(breached).toBe(deadline !== undefined && deadline <= now);
      }),
      { numRuns: 200 },
    );
  });
});
