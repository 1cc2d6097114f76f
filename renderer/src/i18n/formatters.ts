/**
 * Locale-aware display of numbers, money and dates (Intl). Money arrives in integer minor units
 * (shared/schemas/primitives.ts); the currency's own minor-unit digits come from Intl, so JPY
 * (0 digits) and USD (2 digits) both come out right.
 *
 * The app's one date style: every screen shows a moment with `date`, `dateTime` or `time`, a
 * calendar day (a close date, "2025-03-31") with `day`, a month ("2025-03") with `month` or
 * `monthShort` (chart axes), and "how long ago" with `relative`. Screens do not build their own
 * Intl.DateTimeFormat or print ISO strings.
 */
export type Formatters = {
  number(value: number): string;
  /** `minor` in the currency's minor units, e.g. 123456 USD → $1,234.56. */
  money(minor: number, currency: string): string;
  /** Compact money for dense tables: $1.2M, ¥1,234万. */
  moneyCompact(minor: number, currency: string): string;
  /** A moment as a date: "Mar 31, 2025" / "2025年3月31日". */
  date(epochMs: number): string;
  /** A moment with its time: "Mar 31, 2025, 2:05 PM". */
  dateTime(epochMs: number): string;
  /** Only the time of day: "2:05 PM" / "14:05". */
  time(epochMs: number): string;
  /** A calendar day given as "YYYY-MM-DD", in the `date` style, the same day in every time zone. */
  day(isoDay: string): string;
  /** A month given as "YYYY-MM" (or a day in it): "March 2025" / "2025年3月". */
  month(isoMonth: string): string;
  /** A month for chart axes and tight cells: "Mar 25" / "25年3月". */
  monthShort(isoMonth: string): string;
  /** How long ago or ahead of `now`: "3 days ago", "in 2 hours", "2天前"; under 45 s, "just now". */
  relative(epochMs: number, now?: number): string;
  /**
   * A length of time, as coarse as it is uncertain: "40 seconds" (in fives), "3 minutes",
   * "1 hour, 20 minutes" / "40秒", "3分钟", "1小时20分钟". For "time left" estimates.
   */
  duration(ms: number): string;
  percent(value: number): string;
};

/** Words the formatters need that Intl does not have (the caller's translations). */
export type FormatterWords = {
  /** Under 45 s: "just now" / "刚刚" (Intl would say "now", and seconds would flicker). */
  readonly justNow?: string;
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Largest unit first; a month is approximate on purpose: this is "about when", not a date.
const RELATIVE_UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/** Noon UTC of a "YYYY-MM-DD" (or "YYYY-MM", taken as its 1st); NaN when it is not one. */
function utcNoon(iso: string): number {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso);
  if (!match) return NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3] ?? '1'), 12);
}

/**
 * Each Intl object is built on first use: a screen that shows only dates never pays for the money
 * formats, and the first construction (ICU start-up, tens of ms) happens when a value needs it.
 */
export function createFormatters(locale: string, words: FormatterWords = {}): Formatters {
  const once = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const numberFormat = once(() => new Intl.NumberFormat(locale));
  const dateFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
  const dateTimeFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const timeFormat = once(() => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }));
  // Calendar days and months carry no time zone: formatted in UTC from noon UTC, so the day shown
  // is the day stored wherever the laptop is.
  const dayFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
  const monthFormat = once(() => new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }));
  const monthShortFormat = once(() => new Intl.DateTimeFormat(locale, { year: '2-digit', month: 'short', timeZone: 'UTC' }));
  const relativeFormat = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const percentFormat = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }));
  const unitFormats = new Map<string, Intl.NumberFormat>();
  const unit = (value: number, name: 'second' | 'minute' | 'hour'): string => {
    let format = unitFormats.get(name);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' });
      unitFormats.set(name, format);
    }
    return format.format(value);
  };
  const listFormat = once(() => new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }));
  const moneyFormats = new Map<string, Intl.NumberFormat>();

  const moneyFormat = (currency: string, compact: boolean): Intl.NumberFormat => {
    const key = `${currency}|${compact}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      });
      moneyFormats.set(key, format);
    }
    return format;
  };
  const toMajor = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

  return {
    number: (value) => numberFormat().format(value),
    money: (minor, currency) => moneyFormat(currency, false).format(toMajor(minor, currency)),
    moneyCompact: (minor, currency) => moneyFormat(currency, true).format(toMajor(minor, currency)),
    date: (epochMs) => dateFormat().format(epochMs),
    dateTime: (epochMs) => dateTimeFormat().format(epochMs),
    time: (epochMs) => timeFormat().format(epochMs),
    day: (isoDay) => {
      const at = utcNoon(isoDay);
      return Number.isNaN(at) ? isoDay : dayFormat().format(at);
    },
    month: (isoMonth) => {
      const at = utcNoon(isoMonth);
      return Number.isNaN(at) ? isoMonth : monthFormat().format(at);
    },
    monthShort: (isoMonth) => {
      const at = utcNoon(isoMonth);
      return Number.isNaN(at) ? isoMonth : monthShortFormat().format(at);
    },
    relative: (epochMs, now = Date.now()) => {
      const diff = epochMs - now;
      const abs = Math.abs(diff);
      if (abs < 45_000) return words.justNow ?? relativeFormat().format(0, 'second');
      for (const [unit, size] of RELATIVE_UNITS) {
        if (abs >= size) return relativeFormat().format(Math.round(diff / size), unit);
      }
      return relativeFormat().format(diff < 0 ? -1 : 1, 'minute');
    },
    duration: (ms) => {
      const seconds = Math.max(0, Math.ceil(ms / 1000));
      if (seconds < 60) return unit(Math.max(5, Math.ceil(seconds / 5) * 5), 'second');
      const minutes = Math.ceil(seconds / 60);
      if (minutes < 60) return unit(minutes, 'minute');
      const hours = Math.floor(minutes / 60);
      const rest = minutes % 60;
      return rest === 0 ? unit(hours, 'hour') : listFormat().format([unit(hours, 'hour'), unit(rest, 'minute')]);
    },
    percent: (value) => percentFormat().format(value),
  };
}

/** A currency's minor-unit digits (USD 2, JPY 0), by currency; a list cell asks once per row. */
const digitsByCurrency = new Map<string, number>();

function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
