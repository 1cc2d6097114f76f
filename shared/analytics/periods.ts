/** Calendar periods keyed by strings that sort chronologically ("2025-03", "2025-Q1"). */
export type PeriodKind = 'month' | 'quarter';

/** Period of a `YYYY-MM-DD` calendar date; dates are never turned into instants, so no time zone can shift them. */
export function periodOf(isoDate: string, kind: PeriodKind): string {
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  return kind === 'month' ? `${year}-${isoDate.slice(5, 7)}` : `${year}-Q${Math.ceil(month / 3)}`;
}

/** Month index counted from year 0, so consecutive months differ by 1 across year ends. */
export function monthIndex(isoMonthOrDate: string): number {
  return Number(isoMonthOrDate.slice(0, 4)) * 12 + Number(isoMonthOrDate.slice(5, 7)) - 1;
}

export function monthKeyOfIndex(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** UTC calendar date of an instant, for fields stored as epoch ms (closedAt, activity times). */
export function isoDateOfEpoch(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
