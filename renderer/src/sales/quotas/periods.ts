import type { QUOTA_PERIODS } from '../../../../shared/schemas/org';

export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (year: number, month: number): string => `${year}-${pad(month)}-01`;

/** The first day of the month or quarter holding `date` (local calendar). */
export function periodStartOf(period: QuotaPeriod, date: Date): string {
  const month = date.getMonth();
  return iso(date.getFullYear(), (period === 'quarter' ? month - (month % 3) : month) + 1);
}

/** Period starts around `date`: `before` periods back through `after` periods ahead, oldest first. */
export function periodStartsAround(period: QuotaPeriod, date: Date, before: number, after: number): string[] {
  const step = period === 'quarter' ? 3 : 1;
  const first = periodStartOf(period, date);
  const year = Number(first.slice(0, 4));
  const month = Number(first.slice(5, 7)) - 1;
  const out: string[] = [];
  for (let k = -before; k <= after; k++) {
    const at = new Date(year, month + k * step, 1);
    out.push(iso(at.getFullYear(), at.getMonth() + 1));
  }
  return out;
}

/** 1-4 for a quarter start. */
export const quarterOf = (periodStart: string): number => Math.floor((Number(periodStart.slice(5, 7)) - 1) / 3) + 1;
