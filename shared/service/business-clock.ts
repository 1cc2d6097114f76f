import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar } from '../schemas/knowledge';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The clock never looks past this year: a target that cannot be met before then is never met. */
const LAST_YEAR = 2099;
const FIRST_YEAR = 1970;

/** The calendar fields the clock reads (a synced calendar document has more). */
export type CalendarRules = Pick<BusinessCalendar, 'timeZone' | 'week' | 'holidays'>;

/**
 * Business time on one calendar. Working stretches are turned into UTC instants once per year
 * (in the calendar's time zone, so a DST change moves them correctly) with a running total, so
 * "business time between two instants" is a difference of two totals: additive over any split of
 * an interval by construction, and two binary searches per question however long the interval.
 */
export type BusinessClock = {
  /** Business milliseconds in [from, to); 0 when `to` ≤ `from`. */
  between(from: number, to: number): number;
  /** The instant at which `ms` business milliseconds after `from` have elapsed; undefined if never. */
  advance(from: number, ms: number): number | undefined;
  /** Whether the clock runs at `at` (inside a working stretch, not a holiday). */
  isWorking(at: number): boolean;
};

type Span = {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Instants the span answers for without widening: the years strictly inside it. */
  readonly safeFrom: number;
  readonly safeTo: number;
  starts: Float64Array;
  ends: Float64Array;
  before: Float64Array;
};

export function createBusinessClock(calendar: CalendarRules): BusinessClock {
  const holidays = new Set(calendar.holidays.map((h) => h.date));
  const minutes = calendar.week.map((day) => day.map((h) => [toMinutes(h.start), toMinutes(h.end)] as const));
  const weeklyWork = minutes.reduce((sum, day) => sum + day.reduce((s, [a, b]) => s + Math.max(0, b - a), 0), 0);
  let span: Span | undefined;
  const zone = zoneOffset(calendar.timeZone);

  const build = (firstYear: number, lastYear: number): Span => {
    const starts: number[] = [];
    const ends: number[] = [];
    const offsetOf = offsetTable(zone, Date.UTC(firstYear, 0, 1) - DAY_MS, Date.UTC(lastYear + 1, 0, 1) + DAY_MS);
    for (let day = Date.UTC(firstYear, 0, 1); day < Date.UTC(lastYear + 1, 0, 1); day += DAY_MS) {
      const date = new Date(day);
      const y = date.getUTCFullYear();
      const m = date.getUTCMonth();
      const d = date.getUTCDate();
      if (holidays.has(isoDate(y, m, d))) continue;
      const stretches = minutes[(date.getUTCDay() + 6) % 7] ?? [];
      if (stretches.length === 0) continue;
      // Every instant of a local day lies within 14 hours either side of the same wall time in UTC.
      const offset = offsetOf(day - 14 * HOUR_MS);
      const steady = offset === offsetOf(day + DAY_MS + 14 * HOUR_MS);
      for (const [from, to] of stretches) {
        // The zone's offset is the same all day (every day but the few with a change): plain arithmetic.
        const start = steady ? day + from * MINUTE_MS - offset : localInstant(y, m, d, from, calendar.timeZone);
        const end = steady ? day + to * MINUTE_MS - offset : localInstant(y, m, d, to, calendar.timeZone);
        if (end <= start) continue;
        // Overlapping stretches (a DST fall-back hour counted twice) are merged, never double-counted.
        const last = ends.length - 1;
        if (last >= 0 && start <= (ends[last] ?? 0)) ends[last] = Math.max(ends[last] ?? 0, end);
        else {
          starts.push(start);
          ends.push(end);
        }
      }
    }
    const before = new Float64Array(starts.length);
    for (let i = 1; i < starts.length; i++) before[i] = (before[i - 1] ?? 0) + ((ends[i - 1] ?? 0) - (starts[i - 1] ?? 0));
    return {
      firstYear,
      lastYear,
      safeFrom: firstYear <= FIRST_YEAR ? Number.NEGATIVE_INFINITY : Date.UTC(firstYear + 1, 0, 1),
      safeTo: lastYear >= LAST_YEAR ? Number.POSITIVE_INFINITY : Date.UTC(lastYear, 0, 1),
      starts: Float64Array.from(starts),
      ends: Float64Array.from(ends),
      before,
    };
  };

  /** The span covering `at`, widened (a year of margin each side) when `at` falls outside it. */
  const cover = (at: number): Span => {
    if (span && at >= span.safeFrom && at < span.safeTo) return span;
    const year = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, new Date(at).getUTCFullYear()));
    if (span && year > span.firstYear && year < span.lastYear) return span;
    const first = Math.max(FIRST_YEAR, Math.min(span?.firstYear ?? year - 1, year - 1));
    const last = Math.min(LAST_YEAR, Math.max(span?.lastYear ?? year + 1, year + 1));
    span = build(first, last);
    return span;
  };

  /** Business ms from the start of the span to `at`. */
  const total = (s: Span, at: number): number => {
    const i = lastStartAtOrBefore(s.starts, at);
    if (i < 0) return 0;
    return (s.before[i] ?? 0) + Math.min(at, s.ends[i] ?? 0) - (s.starts[i] ?? 0);
  };

  return {
    between(from, to) {
      if (!(to > from) || weeklyWork === 0) return 0;
      cover(from);
      const s = cover(to);
      return total(s, to) - total(s, from);
    },
    advance(from, ms) {
      if (ms <= 0) return from;
      if (weeklyWork === 0) return undefined;
      let s = cover(from);
      const target = total(s, from) + ms;
      for (;;) {
        const count = s.starts.length;
        const lastIndex = count - 1;
        const available = count === 0 ? 0 : (s.before[lastIndex] ?? 0) + (s.ends[lastIndex] ?? 0) - (s.starts[lastIndex] ?? 0);
        if (target <= available && count > 0) {
          const i = firstEndingAtOrAfter(s, target);
          return (s.starts[i] ?? 0) + (target - (s.before[i] ?? 0));
        }
        if (s.lastYear >= LAST_YEAR) return undefined;
        // Widening keeps the span's start, so the running totals (and `target`) stay comparable.
        s = cover(Date.UTC(s.lastYear + 1, 6, 1));
      }
    },
    isWorking(at) {
      const s = cover(at);
      const i = lastStartAtOrBefore(s.starts, at);
      return i >= 0 && at < (s.ends[i] ?? 0);
    },
  };
}

function toMinutes(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The zone's offset from UTC (ms, local minus UTC) at an instant, to the second. One formatter per
 * clock; reading its parts is far cheaper than building a zoned date per working stretch.
 */
function zoneOffset(timeZone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (at) => {
    const second = Math.floor(at / 1000) * 1000;
    const part: Record<string, number> = {};
    for (const p of format.formatToParts(second)) if (p.type !== 'literal') part[p.type] = Number(p.value);
    return Date.UTC(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0) - second;
  };
}

/** Offsets are sampled this often; a zone changes its offset at most once in such a step. */
const SAMPLE_MS = 7 * DAY_MS;

/**
 * The zone's offset over [from, to) as a table of changes found by sampling each week and
 * bisecting to the second where two samples differ: a few hundred zone look-ups per span instead
 * of one per working stretch.
 */
function offsetTable(offsetOf: (at: number) => number, from: number, to: number): (at: number) => number {
  const changes: number[] = [from];
  const offsets: number[] = [offsetOf(from)];
  for (let at = from + SAMPLE_MS; at < to + SAMPLE_MS; at += SAMPLE_MS) {
    const offset = offsetOf(at);
    if (offset === offsets[offsets.length - 1]) continue;
    let lo = at - SAMPLE_MS;
    let hi = at;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetOf(mid) === offset) hi = mid;
      else lo = mid;
    }
    changes.push(hi);
    offsets.push(offset);
  }
  return (at) => {
    let lo = 0;
    let hi = changes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((changes[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return offsets[lo] ?? 0;
  };
}

/** The instant of a wall-clock time on a date in `timeZone` (a time skipped by DST moves forward). */
function localInstant(y: number, m: number, d: number, minuteOfDay: number, timeZone: string): number {
  return new TZDate(y, m, d, Math.floor(minuteOfDay / 60), minuteOfDay % 60, timeZone).getTime();
}

function lastStartAtOrBefore(starts: Float64Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? 0) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first stretch whose running total at its end reaches `target`. */
function firstEndingAtOrAfter(s: Span, target: number): number {
  let lo = 0;
  let hi = s.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const endTotal = (s.before[mid] ?? 0) + (s.ends[mid] ?? 0) - (s.starts[mid] ?? 0);
    if (endTotal >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
