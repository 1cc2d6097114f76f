import type { BusinessCalendar, CasePriority, SlaPolicy } from '../../../shared/schemas';
import { DAY_MS, type SeedRandom } from './seed-random';

/** Calendars and SLA policies of the demo company: what service managers maintain. */
export type ServiceSettings = { readonly calendars: ReadonlyArray<BusinessCalendar>; readonly policies: ReadonlyArray<SlaPolicy> };

type Holiday = BusinessCalendar['holidays'][number];
type Stamp = { readonly ownerId: string; readonly teamId: string; readonly createdAt: number; readonly updatedAt: number };

const WEEKDAYS = (hours: BusinessCalendar['week'][number]): BusinessCalendar['week'] => [hours, hours, hours, hours, hours, [], []];

/**
 * Lunar-calendar holidays cannot be computed with a few lines of arithmetic: the official dates of
 * the Spring Festival (first day), Dragon Boat and Mid-Autumn festivals.
 */
const CHINA_LUNAR: Readonly<Record<number, readonly [string, string, string]>> = {
  2020: ['01-25', '06-25', '10-01'],
  2021: ['02-12', '06-14', '09-21'],
  2022: ['02-01', '06-03', '09-10'],
  2023: ['01-22', '06-22', '09-29'],
  2024: ['02-10', '06-10', '09-17'],
  2025: ['01-29', '05-31', '10-06'],
  2026: ['02-17', '06-19', '09-25'],
  2027: ['02-06', '06-09', '09-15'],
  2028: ['01-26', '05-28', '10-03'],
  2029: ['02-13', '06-16', '09-22'],
  2030: ['02-03', '06-05', '09-12'],
};

/** Targets in business minutes per priority: [first response, resolution]. */
const TARGETS: Readonly<Record<CasePriority, readonly [number, number]>> = {
  urgent: [60, 8 * 60],
  high: [4 * 60, 2 * 8 * 60],
  medium: [8 * 60, 5 * 8 * 60],
  low: [2 * 8 * 60, 10 * 8 * 60],
};
/** Strategic accounts buy premium support: half the standard targets. Key accounts: urgent and high a quarter faster. */
const STRATEGIC_FACTOR = 0.5;
const KEY_FACTOR = 0.75;
const PRIORITY_NAME: Readonly<Record<CasePriority, string>> = { urgent: 'Urgent', high: 'High', medium: 'Medium', low: 'Low' };

/**
 * Three office calendars (New York, Berlin, Shanghai) with their public holidays over the seeded
 * years, and SLA policies per priority on the headquarters calendar, stricter for strategic and
 * key accounts, plus a regional pilot policy that was switched off.
 */
export function buildServiceSettings(r: SeedRandom, ref: number, firstYear: number, stamp: Stamp): ServiceSettings {
  const lastYear = new Date(ref).getUTCFullYear() + 1;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const calendar = (name: string, timeZone: string, week: BusinessCalendar['week'], holidays: Holiday[]): BusinessCalendar => ({
    id: r.uuid(),
    ...stamp,
    kind: 'business_calendar',
    name,
    timeZone,
    week,
    holidays,
  });
  const newYork = calendar('New York office', 'America/New_York', WEEKDAYS([{ start: '09:00', end: '17:00' }]), years.flatMap(usHolidays));
  const berlin = calendar('Berlin office', 'Europe/Berlin', WEEKDAYS([{ start: '08:00', end: '17:00' }]), years.flatMap(berlinHolidays));
  const shanghai = calendar(
    '上海办公室 Shanghai office',
    'Asia/Shanghai',
    WEEKDAYS([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '18:00' },
    ]),
    years.flatMap(chinaHolidays),
  );
  const policy = (name: string, priority: CasePriority, factor: number, extra: Partial<SlaPolicy> = {}): SlaPolicy => {
    const [first, resolution] = TARGETS[priority];
    return {
      id: r.uuid(),
      ...stamp,
      // Policies were revised after the calendars were set up.
      updatedAt: Math.min(ref, stamp.createdAt + r.int(30, 400) * DAY_MS),
      kind: 'sla_policy',
      name,
      priority,
      calendarId: newYork.id,
      firstResponseMinutes: Math.round(first * factor),
      resolutionMinutes: Math.round(resolution * factor),
      atRiskPercent: priority === 'urgent' ? 50 : 75,
      reopenWindowDays: 14,
      active: true,
      ...extra,
    };
  };
  const priorities: CasePriority[] = ['urgent', 'high', 'medium', 'low'];
  const policies = [
    ...priorities.map((p) => policy(`${PRIORITY_NAME[p]} priority`, p, 1)),
    ...priorities.map((p) =>
      policy(`Strategic accounts, ${PRIORITY_NAME[p].toLowerCase()}`, p, STRATEGIC_FACTOR, { tier: 'strategic', reopenWindowDays: 30 }),
    ),
    ...(['urgent', 'high'] as const).map((p) => policy(`Key accounts, ${PRIORITY_NAME[p].toLowerCase()}`, p, KEY_FACTOR, { tier: 'key' })),
    policy('大中华区紧急工单（上海工作时间，试点）', 'urgent', 1, { calendarId: shanghai.id, active: false }),
  ];
  return { calendars: [newYork, berlin, shanghai], policies };
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The n-th (1-based; -1 = last) given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): string {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    return iso(year, month, 1 + ((weekday - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDate = new Date(Date.UTC(year, month, 0));
  return iso(year, month, lastDate.getUTCDate() - ((lastDate.getUTCDay() - weekday + 7) % 7));
}

/** A fixed-date US holiday moves to Friday or Monday when it falls on a weekend. */
function observed(year: number, month: number, day: number): string {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return iso(year, month, day + (weekday === 6 ? -1 : weekday === 0 ? 1 : 0));
}

function usHolidays(year: number): Holiday[] {
  return [
    { date: observed(year, 1, 1), name: "New Year's Day" },
    { date: nthWeekday(year, 1, 1, 3), name: 'Martin Luther King Jr. Day' },
    { date: nthWeekday(year, 2, 1, 3), name: "Presidents' Day" },
    { date: nthWeekday(year, 5, 1, -1), name: 'Memorial Day' },
    { date: observed(year, 6, 19), name: 'Juneteenth' },
    { date: observed(year, 7, 4), name: 'Independence Day' },
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day' },
    { date: nthWeekday(year, 10, 1, 2), name: 'Columbus Day' },
    { date: observed(year, 11, 11), name: 'Veterans Day' },
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving' },
    { date: observed(year, 12, 25), name: 'Christmas Day' },
  ];
}

/** Easter Sunday (anonymous Gregorian algorithm), as a UTC midnight. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

function berlinHolidays(year: number): Holiday[] {
  const e = easter(year);
  const fromEaster = (days: number) => new Date(e + days * DAY_MS).toISOString().slice(0, 10);
  return [
    { date: iso(year, 1, 1), name: 'Neujahr' },
    { date: iso(year, 3, 8), name: 'Internationaler Frauentag' },
    { date: fromEaster(-2), name: 'Karfreitag' },
    { date: fromEaster(1), name: 'Ostermontag' },
    { date: iso(year, 5, 1), name: 'Tag der Arbeit' },
    { date: fromEaster(39), name: 'Christi Himmelfahrt' },
    { date: fromEaster(50), name: 'Pfingstmontag' },
    { date: iso(year, 10, 3), name: 'Tag der Deutschen Einheit' },
    { date: iso(year, 12, 25), name: '1. Weihnachtstag' },
    { date: iso(year, 12, 26), name: '2. Weihnachtstag' },
  ];
}

function chinaHolidays(year: number): Holiday[] {
  const run = (month: number, day: number, days: number, name: string): Holiday[] =>
    Array.from({ length: days }, (_, i) => ({ date: iso(year, month, day + i), name }));
  const lunar = CHINA_LUNAR[year];
  const fromLunar = (mmdd: string | undefined, days: number, name: string): Holiday[] => {
    if (!mmdd) return [];
    const [m, d] = mmdd.split('-').map(Number);
    return run(m ?? 1, d ?? 1, days, name);
  };
  const holidays = [
    ...run(1, 1, 1, '元旦'),
    ...fromLunar(lunar?.[0], 7, '春节'),
    ...run(4, 4, 1, '清明节'),
    ...run(5, 1, 5, '劳动节'),
    ...fromLunar(lunar?.[1], 1, '端午节'),
    ...fromLunar(lunar?.[2], 1, '中秋节'),
    ...run(10, 1, 7, '国庆节'),
  ];
  // Mid-Autumn can fall inside the National Day week: one entry per date.
  return holidays.filter((h, i) => holidays.findIndex((o) => o.date === h.date) === i);
}
