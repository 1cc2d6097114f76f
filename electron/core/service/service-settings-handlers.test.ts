import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessCalendarValues, SlaPolicyValues } from '../../../shared/contract/service/service-settings-requests';
import { createServiceHarness, type ServiceHarness } from '../../../tests/support/service-test-setup';

const now = Date.UTC(2026, 11, 1, 9);
const manager = { userId: 'm1', email: 'm1@example.com', role: 'manager', teamId: 'A' } as const;
const rep = { userId: 'r1', email: 'r1@example.com', role: 'rep', teamId: 'A' } as const;
let h: ServiceHarness;

const nineToFive = [{ start: '09:00', end: '17:00' }];
const calendar: BusinessCalendarValues = {
  name: 'Shanghai office',
  timeZone: 'Asia/Shanghai',
  week: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [], []],
  holidays: [{ date: '2026-10-01', name: 'National Day' }],
};
const policy = (calendarId: string): SlaPolicyValues => ({
  name: 'Urgent, key accounts',
  priority: 'urgent',
  tier: 'key',
  calendarId,
  firstResponseMinutes: 30,
  resolutionMinutes: 240,
  atRiskPercent: 80,
  reopenWindowDays: 10,
  active: true,
});

beforeAll(async () => {
  h = await createServiceHarness(now);
});

afterAll(async () => {
  await h?.close();
});

const referenceCount = (): Promise<number> =>
  h.core.db.knowledge.count({ selector: { kind: { $in: ['sla_policy', 'business_calendar'] } } }).exec();

describe('SLA settings', () => {
  it('a manager creates a calendar and a policy on it, owned by the manager, kind set by the core', async () => {
    h.signInAs(manager);
    const cal = await h.must('service.saveCalendar', { values: calendar });
    expect(cal).toMatchObject({ kind: 'business_calendar', ownerId: 'm1', teamId: 'A', timeZone: 'Asia/Shanghai' });
    const saved = await h.must('service.savePolicy', { values: policy(cal.id) });
    expect(saved).toMatchObject({ kind: 'sla_policy', ownerId: 'm1', tier: 'key', calendarId: cal.id });
    const settings = await h.must('service.settings', {});
    expect(settings.canEdit).toBe(true);
    expect(settings.policies.map((p) => p.id)).toEqual([saved.id]);
    expect(settings.calendars.map((c) => c.id)).toEqual([cal.id]);

    // An edit replaces the editable fields: leaving the tier out makes the policy apply to every tier.
    const { tier: _tier, ...anyTier } = policy(cal.id);
    const edited = await h.must('service.savePolicy', { id: saved.id, values: anyTier, expectedRevision: saved.revision });
    expect(edited.tier).toBeUndefined();
    expect(edited.ownerId).toBe('m1');
    const stale = await h.call('service.savePolicy', { id: saved.id, values: anyTier, expectedRevision: saved.revision });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('conflict');
  });

  it('refuses an unknown time zone, overlapping hours, a repeated holiday and a missing calendar; writes nothing', async () => {
    h.signInAs(manager);
    const before = await referenceCount();
    const refusals = await Promise.all([
      h.call('service.saveCalendar', { values: { ...calendar, timeZone: 'Mars/Olympus' } }),
      h.call('service.saveCalendar', {
        values: {
          ...calendar,
          week: [
            [
              { start: '09:00', end: '13:00' },
              { start: '12:00', end: '17:00' },
            ],
            [],
            [],
            [],
            [],
            [],
            [],
          ],
        },
      }),
      h.call('service.saveCalendar', { values: { ...calendar, holidays: [{ date: '2026-10-01' }, { date: '2026-10-01' }] } }),
      h.call('service.saveCalendar', { values: { ...calendar, week: [nineToFive] } }),
      h.call('service.savePolicy', { values: policy('no-such-calendar') }),
    ]);
    for (const result of refusals) expect(result.ok ? 'ok' : result.error.code).toBe('invalid_request');
    const first = refusals[0];
    if (first && !first.ok) expect(first.error.message).toContain('Mars/Olympus');
    expect(await referenceCount()).toBe(before);
  });

  it('shows a signed-in rep the settings read-only and refuses their writes in words, writing nothing', async () => {
    h.signInAs(rep);
    const before = await referenceCount();
    const settings = await h.must('service.settings', {});
    expect(settings.canEdit).toBe(false);
    const cal = await h.call('service.saveCalendar', { values: calendar });
    const pol = await h.call('service.savePolicy', { values: policy(settings.calendars[0]?.id ?? 'x') });
    for (const result of [cal, pol]) {
      expect(result.ok ? 'ok' : result.error.code).toBe('forbidden');
      if (!result.ok) expect(result.error.message).toMatch(/manager or an admin/);
    }
    expect(await referenceCount()).toBe(before);
    h.signInAs(null);
    expect((await h.must('service.settings', {})).canEdit).toBe(true);
  });
});
