import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessClock, type CalendarRules } from './business-clock';

const HOUR = 3_600_000;
const nineToFive = [{ start: '09:00', end: '17:00' }];
const weekdays = (timeZone: string, holidays: string[] = []): CalendarRules => ({
  timeZone,
  week: [nineToFive, nineToFive, nineToFive, nineToFive, nineToFive, [], []],
  holidays: holidays.map((date) => ({ date })),
});
const allDay = (timeZone: string): CalendarRules => ({
  timeZone,
  week: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]),
  holidays: [],
});

describe('business time, known answers', () => {
  it('skips the weekend: Friday 16:00 to Monday 10:00 is two working hours', () => {
    const clock = createBusinessClock(weekdays('Europe/Berlin'));
    // 2026-06-19 is a Friday; Berlin is UTC+2 in June.
    const friday4pm = Date.UTC(2026, 5, 19, 14);
    const monday10am = Date.UTC(2026, 5, 22, 8);
    expect(clock.between(friday4pm, monday10am)).toBe(2 * HOUR);
    expect(clock.advance(friday4pm, 2 * HOUR)).toBe(monday10am);
    expect(clock.isWorking(Date.UTC(2026, 5, 20, 10))).toBe(false);
  });

  it('skips a holiday: with Monday off, Friday 16:00 to Tuesday 10:00 is two hours', () => {
    const clock = createBusinessClock(weekdays('Europe/Berlin', ['2026-06-22']));
    const friday4pm = Date.UTC(2026, 5, 19, 14);
    expect(clock.between(friday4pm, Date.UTC(2026, 5, 23, 8))).toBe(2 * HOUR);
    expect(clock.advance(friday4pm, 2 * HOUR)).toBe(Date.UTC(2026, 5, 23, 8));
    expect(clock.isWorking(Date.UTC(2026, 5, 22, 10))).toBe(false);
  });

  it('follows New York across the spring change (2026-03-08): 9:00 is 14:00 UTC before and 13:00 UTC after', () => {
    const clock = createBusinessClock(weekdays('America/New_York'));
    const friday4pm = Date.UTC(2026, 2, 6, 21); // 16:00 EST
    const monday10am = Date.UTC(2026, 2, 9, 14); // 10:00 EDT
    expect(clock.between(friday4pm, monday10am)).toBe(2 * HOUR);
    expect(clock.advance(friday4pm, 2 * HOUR)).toBe(monday10am);
    expect(clock.isWorking(Date.UTC(2026, 2, 9, 13, 30))).toBe(true);
    expect(clock.isWorking(Date.UTC(2026, 2, 6, 13, 30))).toBe(false);
    // The day of the change has 23 hours.
    const sunday = createBusinessClock(allDay('America/New_York'));
    expect(sunday.between(Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4))).toBe(23 * HOUR);
  });

  it('follows Berlin across the autumn change (2026-10-25): that day has 25 hours, counted once each', () => {
    const clock = createBusinessClock(allDay('Europe/Berlin'));
    const saturdayMidnight = Date.UTC(2026, 9, 23, 22); // 00:00 CEST
    const mondayMidnight = Date.UTC(2026, 9, 25, 23); // 00:00 CET
    expect(clock.between(saturdayMidnight, mondayMidnight)).toBe(49 * HOUR);
    const office = createBusinessClock(weekdays('Europe/Berlin'));
    // Friday 16:00 CEST to Monday 10:00 CET.
    expect(office.between(Date.UTC(2026, 9, 23, 14), Date.UTC(2026, 9, 26, 9))).toBe(2 * HOUR);
  });

  it('measures nothing on a calendar without working hours, and never reaches a target on it', () => {
    const never = createBusinessClock({ timeZone: 'UTC', week: [[], [], [], [], [], [], []], holidays: [] });
    expect(never.between(0, Date.UTC(2030, 0, 1))).toBe(0);
    expect(never.advance(Date.UTC(2026, 0, 1), HOUR)).toBeUndefined();
  });
});

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Sydney', 'Asia/Kolkata'];
const HALF_HOURS = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

const calendarArb: fc.Arbitrary<CalendarRules> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  week: fc.array(
    fc
      .uniqueArray(fc.integer({ min: 0, max: 48 }), { minLength: 0, maxLength: 4 })
      .map((points) => [...points].sort((a, b) => a - b))
      .map((points) => {
        const stretches: Array<{ start: string; end: string }> = [];
        for (let i = 0; i + 1 < points.length; i += 2) stretches.push({ start: HALF_HOURS[points[i]!]!, end: HALF_HOURS[points[i + 1]!]! });
        return stretches;
      }),
    { minLength: 7, maxLength: 7 },
  ),
  holidays: fc.uniqueArray(
    fc
      .date({ min: new Date(Date.UTC(2025, 0, 1)), max: new Date(Date.UTC(2027, 11, 31)), noInvalidDate: true })
      .map((d) => ({ date: d.toISOString().slice(0, 10) })),
    { maxLength: 20, selector: (h) => h.date },
  ),
});
const instant = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 11, 31) });

describe('business time, properties', () => {
  it('is additive: time over [a, c) is time over [a, b) plus time over [b, c)', () => {
    fc.assert(
      fc.property(calendarArb, instant, instant, instant, (calendar, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const clock = createBusinessClock(calendar);
        expect(clock.between(a, c)).toBe(clock.between(a, b) + clock.between(b, c));
      }),
      { numRuns: 60 },
    );
  });

  it('advance is the inverse of between: the first instant at which that much business time has passed', () => {
    fc.assert(
      fc.property(calendarArb, instant, fc.integer({ min: 1, max: 400 * HOUR }), (calendar, from, ms) => {
        const clock = createBusinessClock(calendar);
        const at = clock.advance(from, ms);
        if (at === undefined) return;
        expect(clock.between(from, at)).toBe(ms);
        expect(clock.between(from, at - 1)).toBeLessThan(ms);
      }),
      { numRuns: 60 },
    );
  });
});
