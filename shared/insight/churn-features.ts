import type { ServiceEvents, Transaction } from './transactions';

/**
 * Churn features of an account as of a day, from one index of its purchases and service events.
 * The same function gives the training rows (as of the split day) and the scoring rows (as of
 * today), so the model never sees a feature computed one way in training and another in use.
 * Everything dated after the as-of day is invisible to it.
 */

/** Model inputs, in row order. `p_alive` is present only when a P(alive) callback is given. */
export const CHURN_FEATURES = [
  'log_days_since_purchase',
  'log_purchases_12m',
  'purchase_trend',
  'order_value_trend',
  'log_tenure_days',
  'log_open_cases',
  'log_breached_cases_6m',
  'csat_mean',
  'csat_missing',
  'nps_latest',
  'nps_missing',
  'log_days_since_activity',
  'p_alive',
] as const;
export type ChurnFeature = (typeof CHURN_FEATURES)[number];

/** Half a year and a year of days, the windows of the trend features. */
export const HALF_YEAR_DAYS = 182;
export const YEAR_DAYS = 365;
/** Days since the last activity are capped: beyond two years the difference says nothing more. */
export const MAX_ACTIVITY_GAP_DAYS = 730;

/** BG/NBD inputs as of a day, in weeks: repeat purchases, time of the last one and age, both since the first. */
export type PAliveInput = { readonly x: number; readonly tx: number; readonly T: number };
export type PAliveFn = (c: PAliveInput) => number;

/** The account's figures as of a day, in the units a reason shows them (days, counts, minor units, scores). */
export type ChurnSnapshot = {
  readonly daysSincePurchase: number;
  /** Distinct purchase days in the last 182 days, and in the 183 before them. */
  readonly purchases6m: number;
  readonly purchasesPrev6m: number;
  readonly spend6m: number;
  readonly spendPrev6m: number;
  readonly tenureDays: number;
  readonly openCases: number;
  readonly breachedCases6m: number;
  /** Mean CSAT (1..5) of the last 12 months; null without a survey. */
  readonly csatMean: number | null;
  /** Latest NPS answer (0..10); null without one. */
  readonly npsLatest: number | null;
  /** Days since the last activity; without any, the days since the first purchase; capped. */
  readonly daysSinceActivity: number;
  readonly pAlive: number | null;
};

/** Compressed-row arrays: account a's entries are at start[a] .. start[a + 1] - 1, sorted by day. */
type Csr = { readonly start: Int32Array; readonly day: Int32Array; readonly value: Float64Array };

export type ChurnIndex = {
  /** Accounts with at least one purchase; their position is the account number used below. */
  readonly accountIds: readonly string[];
  readonly accountOf: ReadonlyMap<string, number>;
  /** One entry per distinct purchase day, value = the day's spend. */
  readonly purchases: Csr;
  /** Cases by opened day; value = resolved day (Infinity while open), breached in a parallel array. */
  readonly cases: Csr;
  readonly caseBreached: Uint8Array;
  readonly csat: Csr;
  readonly nps: Csr;
  readonly activities: Csr;
};

/** Indexes the input once; events of accounts without any purchase are left out (they are never scored). */
export function indexChurnInput(transactions: readonly Transaction[], events: ServiceEvents): ChurnIndex {
  const accountOf = new Map<string, number>();
  const accountIds: string[] = [];
  const txAccount = new Int32Array(transactions.length);
  for (let i = 0; i < transactions.length; i++) {
    const t = transactions[i] as Transaction;
    if (!Number.isFinite(t.day) || !Number.isFinite(t.amount)) {
      throw new Error(`Transaction of account ${t.accountId} has a non-numeric day or amount`);
    }
    let a = accountOf.get(t.accountId);
    if (a === undefined) {
      a = accountIds.length;
      accountOf.set(t.accountId, a);
      accountIds.push(t.accountId);
    }
    txAccount[i] = a;
  }
  const n = accountIds.length;
  const raw = buildCsr(
    n,
    transactions,
    (_, i) => txAccount[i],
    (t) => t.day,
    (t) => t.amount,
  );
  const purchases = mergeSameDay(raw);
  const cases = buildCsr(
    n,
    events.cases,
    (c) => accountOf.get(c.accountId),
    (c) => c.openedDay,
    (c) => c.resolvedDay ?? Infinity,
  );
  const caseBreached = new Uint8Array(cases.day.length);
  for (let i = 0; i < caseBreached.length; i++) caseBreached[i] = events.cases[cases.source[i] ?? 0]?.breached ? 1 : 0;
  const csat = buildCsr(
    n,
    events.surveys,
    (s) => (s.kind === 'csat' ? accountOf.get(s.accountId) : undefined),
    (s) => s.day,
    (s) => s.score,
  );
  const nps = buildCsr(
    n,
    events.surveys,
    (s) => (s.kind === 'nps' ? accountOf.get(s.accountId) : undefined),
    (s) => s.day,
    (s) => s.score,
  );
  const activities = buildCsr(
    n,
    events.activities,
    (a) => accountOf.get(a.accountId),
    (a) => a.day,
    () => 0,
  );
  return { accountIds, accountOf, purchases, cases, caseBreached, csat, nps, activities };
}

/** Day of the account's last purchase on or before `day`; null when it had not bought yet. */
export function lastPurchaseDayAsOf(index: ChurnIndex, account: number, day: number): number | null {
  const p = index.purchases;
  const s = p.start[account] ?? 0;
  const end = upperBound(p.day, s, p.start[account + 1] ?? s, day);
  return end === s ? null : (p.day[end - 1] ?? null);
}

/** The account's snapshot as of `day` (events on that day included); null when it had not bought yet. */
export function churnSnapshotAt(index: ChurnIndex, account: number, day: number, pAlive?: PAliveFn): ChurnSnapshot | null {
  const p = index.purchases;
  const s = p.start[account] ?? 0;
  const end = upperBound(p.day, s, p.start[account + 1] ?? s, day);
  if (end === s) return null;
  const first = p.day[s] ?? day;
  const last = p.day[end - 1] ?? day;
  let purchases6m = 0;
  let purchasesPrev6m = 0;
  let spend6m = 0;
  let spendPrev6m = 0;
  for (let i = end - 1; i >= s; i--) {
    const age = day - (p.day[i] ?? 0);
    if (age >= YEAR_DAYS) break;
    if (age < HALF_YEAR_DAYS) {
      purchases6m++;
      spend6m += p.value[i] ?? 0;
    } else {
      purchasesPrev6m++;
      spendPrev6m += p.value[i] ?? 0;
    }
  }

  const c = index.cases;
  let openCases = 0;
  let breachedCases6m = 0;
  const cEnd = upperBound(c.day, c.start[account] ?? 0, c.start[account + 1] ?? 0, day);
  for (let i = c.start[account] ?? 0; i < cEnd; i++) {
    if ((c.value[i] ?? Infinity) > day) openCases++;
    if (index.caseBreached[i] === 1 && day - (c.day[i] ?? 0) < HALF_YEAR_DAYS) breachedCases6m++;
  }

  const cs = index.csat;
  let csatSum = 0;
  let csatCount = 0;
  const csEnd = upperBound(cs.day, cs.start[account] ?? 0, cs.start[account + 1] ?? 0, day);
  for (let i = csEnd - 1; i >= (cs.start[account] ?? 0) && day - (cs.day[i] ?? 0) < YEAR_DAYS; i--) {
    csatSum += cs.value[i] ?? 0;
    csatCount++;
  }

  const np = index.nps;
  const npStart = np.start[account] ?? 0;
  const npEnd = upperBound(np.day, npStart, np.start[account + 1] ?? 0, day);
  const npsLatest = npEnd > npStart ? (np.value[npEnd - 1] ?? null) : null;

  const ac = index.activities;
  const acStart = ac.start[account] ?? 0;
  const acEnd = upperBound(ac.day, acStart, ac.start[account + 1] ?? 0, day);
  const sinceActivity = acEnd > acStart ? day - (ac.day[acEnd - 1] ?? day) : day - first;

  return {
    daysSincePurchase: day - last,
    purchases6m,
    purchasesPrev6m,
    spend6m,
    spendPrev6m,
    tenureDays: day - first,
    openCases,
    breachedCases6m,
    csatMean: csatCount > 0 ? csatSum / csatCount : null,
    npsLatest,
    daysSinceActivity: Math.min(sinceActivity, MAX_ACTIVITY_GAP_DAYS),
    pAlive: pAlive ? clampProbability(pAlive({ x: end - s - 1, tx: (last - first) / 7, T: (day - first) / 7 })) : null,
  };
}

/** The model row of a snapshot, in CHURN_FEATURES order; NaN marks a missing survey value (the model imputes it). */
export function churnFeatureRow(s: ChurnSnapshot, withPAlive: boolean): number[] {
  const row = [
    Math.log1p(s.daysSincePurchase),
    Math.log1p(s.purchases6m + s.purchasesPrev6m),
    relativeChange(s.purchases6m, s.purchasesPrev6m),
    // Spend per purchase, not total spend: total spend moves with the purchase count, which
    // purchase_trend already measures, and two collinear features would split one effect between them.
    s.purchases6m > 0 && s.purchasesPrev6m > 0 ? relativeChange(s.spend6m / s.purchases6m, s.spendPrev6m / s.purchasesPrev6m) : 0,
    Math.log1p(s.tenureDays),
    Math.log1p(s.openCases),
    Math.log1p(s.breachedCases6m),
    s.csatMean ?? NaN,
    s.csatMean === null ? 1 : 0,
    s.npsLatest ?? NaN,
    s.npsLatest === null ? 1 : 0,
    Math.log1p(s.daysSinceActivity),
  ];
  if (withPAlive) row.push(s.pAlive ?? NaN);
  return row;
}

/** Feature names of the rows churnFeatureRow gives. */
export function churnFeatureNames(withPAlive: boolean): ChurnFeature[] {
  return withPAlive ? [...CHURN_FEATURES] : CHURN_FEATURES.filter((f) => f !== 'p_alive');
}

/** (recent - previous) / (recent + previous): -1 = stopped, 0 = steady or nothing in both, 1 = new. */
function relativeChange(recent: number, previous: number): number {
  const total = recent + previous;
  return total > 0 ? (recent - previous) / total : 0;
}

function clampProbability(p: number): number {
  if (!Number.isFinite(p)) throw new Error(`P(alive) callback returned ${p}`);
  return Math.min(1, Math.max(0, p));
}

/** First position in [from, to) whose day is after `day` (days are sorted within an account). */
function upperBound(days: Int32Array, from: number, to: number, day: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] ?? 0) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A CSR plus, per entry, the position of the item it came from in the input array. */
type CsrWithSource = Csr & { readonly source: Int32Array };

/**
 * Groups items by account into CSR arrays sorted by day: a counting pass by account, then an
 * insertion sort within each account, which is linear on the (usual) already-sorted input.
 */
function buildCsr<T>(
  accounts: number,
  items: readonly T[],
  accountOf: (item: T, index: number) => number | undefined,
  dayOf: (item: T) => number,
  valueOf: (item: T) => number,
): CsrWithSource {
  const start = new Int32Array(accounts + 1);
  const accountOfItem = new Int32Array(items.length).fill(-1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const a = accountOf(item, i);
    if (a === undefined) continue;
    const d = dayOf(item);
    if (!Number.isFinite(d)) throw new Error('An event has a non-numeric day');
    accountOfItem[i] = a;
    start[a + 1] = (start[a + 1] ?? 0) + 1;
  }
  for (let a = 0; a < accounts; a++) start[a + 1] = (start[a + 1] ?? 0) + (start[a] ?? 0);
  const total = start[accounts] ?? 0;
  const day = new Int32Array(total);
  const value = new Float64Array(total);
  const source = new Int32Array(total);
  const fill = start.slice(0, accounts);
  for (let i = 0; i < items.length; i++) {
    const a = accountOfItem[i] ?? -1;
    if (a < 0) continue;
    const item = items[i] as T;
    const pos = fill[a] ?? 0;
    fill[a] = pos + 1;
    day[pos] = dayOf(item);
    value[pos] = valueOf(item);
    source[pos] = i;
  }
  for (let a = 0; a < accounts; a++) {
    const from = start[a] ?? 0;
    const to = start[a + 1] ?? 0;
    for (let i = from + 1; i < to; i++) {
      const d = day[i] ?? 0;
      const v = value[i] ?? 0;
      const src = source[i] ?? 0;
      let j = i - 1;
      while (j >= from && (day[j] ?? 0) > d) {
        day[j + 1] = day[j] ?? 0;
        value[j + 1] = value[j] ?? 0;
        source[j + 1] = source[j] ?? 0;
        j--;
      }
      day[j + 1] = d;
      value[j + 1] = v;
      source[j + 1] = src;
    }
  }
  return { start, day, value, source };
}

/** Purchases on the same day count as one transaction: their spend is summed. */
function mergeSameDay(csr: Csr): Csr {
  const accounts = csr.start.length - 1;
  const start = new Int32Array(accounts + 1);
  const day = new Int32Array(csr.day.length);
  const value = new Float64Array(csr.day.length);
  let out = 0;
  for (let a = 0; a < accounts; a++) {
    start[a] = out;
    for (let i = csr.start[a] ?? 0; i < (csr.start[a + 1] ?? 0); i++) {
      const d = csr.day[i] ?? 0;
      if (out > (start[a] ?? 0) && day[out - 1] === d) value[out - 1] = (value[out - 1] ?? 0) + (csr.value[i] ?? 0);
      else {
        day[out] = d;
        value[out] = csr.value[i] ?? 0;
        out++;
      }
    }
  }
  start[accounts] = out;
  return { start, day: day.slice(0, out), value: value.slice(0, out) };
}
