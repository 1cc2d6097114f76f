import { isoDateOfEpoch, periodOf } from '../analytics/periods';
import type { CohortRow } from '../contract/insight/insight-requests';
import { DAY_MS, type Transaction } from './transactions';

/**
 * Retention by cohort and churn by quarter, from purchase days alone. Quarters are calendar quarters
 * (UTC) keyed like '2025-Q3'; transactions after `endDay` are ignored, as if it were today.
 */

export type CohortOptions = { readonly endDay: number; readonly quarters?: number };
export type ChurnRateOptions = { readonly endDay: number; readonly inactiveDays?: number; readonly quarters?: number };
export type QuarterChurn = { readonly period: string; readonly active: number; readonly churned: number; readonly rate: number };

export const DEFAULT_COHORT_QUARTERS = 8;
export const DEFAULT_INACTIVE_DAYS = 180;

/**
 * One row per quarter of first purchase, for the `quarters` quarters up to and including the one
 * holding endDay. retention[k] is the share of the cohort that bought in the k-th quarter after
 * its first (retention[0] = 1); a row runs up to endDay's quarter, whose figure counts the
 * purchases made so far. Accounts whose first purchase is older than the first row are in no row.
 */
export function cohortRetention(transactions: readonly Transaction[], options: CohortOptions): CohortRow[] {
  const quarters = checkedQuarters(options.quarters ?? DEFAULT_COHORT_QUARTERS);
  checkDay(options.endDay, 'endDay');
  const endQ = quarterIndex(options.endDay);
  const firstQ = endQ - quarters + 1;
  const byAccount = quartersByAccount(transactions, options.endDay);
  const size = new Array<number>(quarters).fill(0);
  const buyers = Array.from({ length: quarters }, () => new Array<number>(quarters).fill(0));
  for (const qs of byAccount.values()) {
    const cohort = qs[0] ?? 0;
    if (cohort < firstQ) continue;
    const row = cohort - firstQ;
    size[row] = (size[row] ?? 0) + 1;
    const counts = buyers[row] ?? [];
    for (const q of qs) counts[q - cohort] = (counts[q - cohort] ?? 0) + 1;
  }
  const rows: CohortRow[] = [];
  for (let r = 0; r < quarters; r++) {
    const n = size[r] ?? 0;
    if (n === 0) continue;
    const span = endQ - (firstQ + r) + 1;
    rows.push({
      cohort: quarterLabel(firstQ + r),
      size: n,
      retention: (buyers[r] ?? []).slice(0, span).map((c) => c / n),
    });
  }
  return rows;
}

/**
 * Churn per quarter, for the `quarters` complete quarters ending on or before endDay (a part of a
 * quarter would not compare with whole ones). An account is active on a day when it bought within
 * the `inactiveDays` days before it; it churns on the day `inactiveDays` after a purchase that no
 * other purchase followed within those days. `active` counts the accounts active at the quarter's
 * start (a purchase in the inactiveDays before its first day); `churned` those of them that churned
 * on a day within the quarter; rate = churned / active (0 without active accounts). Accounts won
 * during the quarter are not in its figures, even if they churn in it.
 */
export function churnRateByQuarter(transactions: readonly Transaction[], options: ChurnRateOptions): QuarterChurn[] {
  const quarters = checkedQuarters(options.quarters ?? DEFAULT_COHORT_QUARTERS);
  const inactiveDays = options.inactiveDays ?? DEFAULT_INACTIVE_DAYS;
  checkDay(options.endDay, 'endDay');
  if (!Number.isInteger(inactiveDays) || inactiveDays < 1)
    throw new Error(`inactiveDays must be a whole number of days >= 1, got ${inactiveDays}`);
  // The last complete quarter: endDay's own when endDay is its last day, otherwise the one before.
  const lastQ = quarterIndex(options.endDay + 1) - 1;
  const firstQ = lastQ - quarters + 1;
  const days = purchaseDays(transactions, options.endDay);
  const out: QuarterChurn[] = [];
  for (let q = firstQ; q <= lastQ; q++) {
    const start = quarterStartDay(q);
    const end = quarterStartDay(q + 1) - 1;
    let active = 0;
    let churned = 0;
    for (const ds of days.values()) {
      const before = lastBefore(ds, start);
      if (before < 0 || start - (ds[before] ?? 0) > inactiveDays) continue;
      active++;
      // Walk the purchases from the last one before the quarter until a gap longer than inactiveDays.
      for (let i = before; ; i++) {
        const churnDay = (ds[i] ?? 0) + inactiveDays;
        const next = ds[i + 1];
        if (next !== undefined && next <= churnDay) continue;
        if (churnDay <= end) churned++;
        break;
      }
    }
    out.push({ period: quarterLabel(q), active, churned, rate: active > 0 ? churned / active : 0 });
  }
  return out;
}

/** Quarters since year 0, so consecutive quarters differ by 1 across year ends. */
function quarterIndex(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3);
}

function quarterStartDay(q: number): number {
  return Math.round(Date.UTC(Math.floor(q / 4), (q % 4) * 3, 1) / DAY_MS);
}

function quarterLabel(q: number): string {
  return periodOf(isoDateOfEpoch(quarterStartDay(q) * DAY_MS), 'quarter');
}

/** Per account, the distinct quarters it bought in (up to endDay), ascending. */
function quartersByAccount(transactions: readonly Transaction[], endDay: number): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const quarterOf = new Map<number, number>();
  for (const [account, ds] of purchaseDays(transactions, endDay)) {
    const qs: number[] = [];
    for (const d of ds) {
      let q = quarterOf.get(d);
      if (q === undefined) {
        q = quarterIndex(d);
        quarterOf.set(d, q);
      }
      if (qs[qs.length - 1] !== q) qs.push(q);
    }
    out.set(account, qs);
  }
  return out;
}

/** Per account, its distinct purchase days up to endDay, ascending. */
function purchaseDays(transactions: readonly Transaction[], endDay: number): Map<string, number[]> {
  const byAccount = new Map<string, number[]>();
  for (const t of transactions) {
    checkDay(t.day, `day of a transaction of ${t.accountId}`);
    if (t.day > endDay) continue;
    const ds = byAccount.get(t.accountId);
    if (ds) ds.push(t.day);
    else byAccount.set(t.accountId, [t.day]);
  }
  for (const ds of byAccount.values()) {
    ds.sort((a, b) => a - b);
    let kept = 0;
    for (let i = 0; i < ds.length; i++) if (i === 0 || ds[i] !== ds[kept - 1]) ds[kept++] = ds[i] ?? 0;
    ds.length = kept;
  }
  return byAccount;
}

/** Position of the last day before `day` in ascending `ds`, or -1. */
function lastBefore(ds: readonly number[], day: number): number {
  let lo = 0;
  let hi = ds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ds[mid] ?? 0) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function checkedQuarters(quarters: number): number {
  if (!Number.isInteger(quarters) || quarters < 1 || quarters > 400)
    throw new Error(`quarters must be a whole number from 1 to 400, got ${quarters}`);
  return quarters;
}

function checkDay(day: number, what: string): void {
  if (!Number.isInteger(day)) throw new Error(`${what} must be a whole day number, got ${day}`);
}
