/** Close-date periods the list and the board offer, as inclusive `YYYY-MM-DD` bounds of calendar dates. */
export const CLOSE_PERIODS = ['this_month', 'this_quarter', 'next_quarter', 'last_quarter', 'this_year', 'any'] as const;
export type ClosePeriod = (typeof CLOSE_PERIODS)[number];

export type DateRange = { readonly from?: string; readonly to?: string };

const pad = (n: number): string => String(n).padStart(2, '0');
/** First day of month index `m` (months counted from year 0), as an ISO date. */
const firstOf = (m: number): string => `${String(Math.floor(m / 12)).padStart(4, '0')}-${pad((m % 12) + 1)}-01`;
/** Last day of month index `m`: the day before the next month's first (calendar dates only, no time zone). */
function lastOf(m: number): string {
  const year = Math.floor(m / 12);
  const month = (m % 12) + 1;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(days)}`;
}

/** The period's bounds around `today` (an ISO date in the rep's calendar). */
export function closePeriodRange(period: ClosePeriod, today: string): DateRange {
  const month = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const quarter = month - (month % 3);
  switch (period) {
    case 'this_month':
      return { from: firstOf(month), to: lastOf(month) };
    case 'this_quarter':
      return { from: firstOf(quarter), to: lastOf(quarter + 2) };
    case 'next_quarter':
      return { from: firstOf(quarter + 3), to: lastOf(quarter + 5) };
    case 'last_quarter':
      return { from: firstOf(quarter - 3), to: lastOf(quarter - 1) };
    case 'this_year': {
      const year = month - (month % 12);
      return { from: firstOf(year), to: lastOf(year + 11) };
    }
    case 'any':
      return {};
  }
}
