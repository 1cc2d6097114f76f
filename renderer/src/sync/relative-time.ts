const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Largest unit first; a month is approximate on purpose: this is "about when", not a date.
const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

/**
 * "2 minutes ago" / "2分钟前" with Intl. Under 45 s it returns `justNow` (the caller's translated
 * text), because "0 minutes ago" reads as broken and seconds would make the header flicker.
 */
export function formatRelativeTime(epochMs: number, now: number, locale: string, justNow: string): string {
  const diff = epochMs - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return justNow;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (abs >= size) return format.format(Math.round(diff / size), unit);
  }
  return format.format(diff < 0 ? -1 : 1, 'minute');
}
