import type { Transaction } from './transactions';

/**
 * The CLV models count time in weeks, as Fader, Hardie & Lee do: purchase rates per week keep the
 * fitted scale parameters (alpha, the BG/NBD rate scale) near 1..10 for B2B and retail histories,
 * where the optimiser works best. Days are whole UTC days since the epoch.
 */
export const DAYS_PER_WEEK = 7;
export const WEEKS_PER_MONTH = 365.25 / 12 / DAYS_PER_WEEK;

/** One account's purchases in a window, one entry per purchase day (amounts of that day summed). */
export type DailyPurchases = {
  readonly accountId: string;
  /** Distinct purchase days, ascending. */
  readonly days: ReadonlyArray<number>;
  /** Sum of the day's amounts, same order as `days`. */
  readonly amounts: ReadonlyArray<number>;
};

/**
 * The recency-frequency-monetary summary the BG/NBD and Gamma-Gamma models are fitted on.
 * Purchases on the same day are one transaction; the first purchase is the trial and not a repeat.
 */
export type CustomerSummary = {
  readonly accountId: string;
  /** Repeat transactions: distinct purchase days in the window minus 1. */
  readonly x: number;
  /** Weeks from the first to the last purchase ("recency" in the papers). */
  readonly tx: number;
  /** Weeks from the first purchase to the end of the window ("age"). */
  readonly T: number;
  /** Mean amount of the repeat transactions (minor units); 0 when x = 0. */
  readonly monetary: number;
  /** Transactions (purchase days) in the window, x + 1. */
  readonly count: number;
  /** Sum of all amounts in the window, the first purchase included. */
  readonly total: number;
  readonly firstDay: number;
  readonly lastDay: number;
};

export type SummaryWindow = {
  /** Exclusive end: purchases on days < endDay count; T is measured up to endDay. */
  readonly endDay: number;
  /** Inclusive start; purchases before it are ignored. */
  readonly startDay?: number;
};

function checkWindow(opts: SummaryWindow): { startDay: number; endDay: number } {
  const { endDay } = opts;
  const startDay = opts.startDay ?? Number.NEGATIVE_INFINITY;
  if (!Number.isInteger(endDay)) throw new Error(`customer summary: endDay must be a whole day number, got ${endDay}`);
  if (opts.startDay !== undefined && !Number.isInteger(opts.startDay)) {
    throw new Error(`customer summary: startDay must be a whole day number, got ${opts.startDay}`);
  }
  if (startDay > endDay) throw new Error(`customer summary: startDay ${startDay} is after endDay ${endDay}`);
  return { startDay, endDay };
}

function checkTransaction(t: Transaction): void {
  if (!Number.isInteger(t.day)) throw new Error(`transaction of account ${t.accountId}: day must be a whole day number, got ${t.day}`);
  if (!Number.isFinite(t.amount) || t.amount < 0) {
    throw new Error(`transaction of account ${t.accountId}: amount must be a finite non-negative number, got ${t.amount}`);
  }
}

/**
 * Groups transactions per account into purchase days within [startDay, endDay) (whole history when
 * no window is given). Every transaction is validated, also those outside the window, so bad input
 * fails the same way whatever window is asked for. Accounts keep the order of their first appearance.
 */
export function groupByAccount(
  transactions: readonly Transaction[],
  opts: { readonly startDay?: number; readonly endDay?: number } = {},
): DailyPurchases[] {
  const startDay = opts.startDay ?? Number.NEGATIVE_INFINITY;
  const endDay = opts.endDay ?? Number.POSITIVE_INFINITY;
  const byAccount = new Map<string, Map<number, number>>();
  for (const t of transactions) {
    checkTransaction(t);
    if (t.day < startDay || t.day >= endDay) continue;
    let days = byAccount.get(t.accountId);
    if (!days) {
      days = new Map();
      byAccount.set(t.accountId, days);
    }
    days.set(t.day, (days.get(t.day) ?? 0) + t.amount);
  }
  const out: DailyPurchases[] = [];
  for (const [accountId, dayMap] of byAccount) {
    const days = [...dayMap.keys()].sort((a, b) => a - b);
    out.push({ accountId, days, amounts: days.map((d) => dayMap.get(d) ?? 0) });
  }
  return out;
}

/** The summary of one account's purchase days (see CustomerSummary), measured up to endDay. */
export function summariseDays(p: DailyPurchases, endDay: number): CustomerSummary {
  const n = p.days.length;
  const firstDay = p.days[0];
  const lastDay = p.days[n - 1];
  if (firstDay === undefined || lastDay === undefined) throw new Error(`account ${p.accountId} has no purchase days`);
  let total = 0;
  for (const a of p.amounts) total += a;
  const x = n - 1;
  const repeatTotal = total - (p.amounts[0] ?? 0);
  return {
    accountId: p.accountId,
    x,
    tx: (lastDay - firstDay) / DAYS_PER_WEEK,
    T: (endDay - firstDay) / DAYS_PER_WEEK,
    monetary: x > 0 ? repeatTotal / x : 0,
    count: n,
    total,
    firstDay,
    lastDay,
  };
}

/**
 * One summary per account with at least one purchase day in [startDay, endDay). Times are in weeks
 * (DAYS_PER_WEEK); a purchase on endDay - 1 gives T = 1/7.
 */
export function summariseCustomers(transactions: readonly Transaction[], opts: SummaryWindow): CustomerSummary[] {
  const { startDay, endDay } = checkWindow(opts);
  return groupByAccount(transactions, { startDay, endDay }).map((p) => summariseDays(p, endDay));
}
