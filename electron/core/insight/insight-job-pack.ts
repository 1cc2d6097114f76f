import type { AccountProfile, ServiceEvents, Transaction } from '../../../shared/insight/transactions';
import type { InsightJobAccount, InsightJobInput, InsightJobPart, InsightJobResult } from './insight-job-types';

/**
 * The insight job's input in columns: typed arrays and string tables instead of hundreds of
 * thousands of small objects. Structured clone copies a typed array as one block of memory, while
 * it walks every object, array and repeated id string one by one (about 1.4 s of CPU per copy at
 * 400,000 purchases), and the job is copied to each thread that runs a part of it.
 */
export type PackedInsightInput = {
  readonly todayDay: number;
  readonly part: InsightJobPart;
  /** Every account id the columns below point into (profiles first, in their order). */
  readonly accountIds: readonly string[];
  readonly profiles: {
    readonly count: number;
    /** Distinct values of the profile fields; each column holds indexes into it (-1 = null). */
    readonly values: readonly string[];
    readonly industry: Int32Array;
    readonly region: Int32Array;
    readonly tier: Int32Array;
    readonly size: Int32Array;
    readonly currency: Int32Array;
  };
  readonly transactions: {
    readonly account: Int32Array;
    readonly day: Int32Array;
    readonly amount: Float64Array;
    /** Products of transaction i are productIds[products[productStart[i] .. productStart[i + 1])]. */
    readonly productStart: Int32Array;
    readonly products: Int32Array;
    readonly productIds: readonly string[];
  };
  readonly cases: {
    readonly account: Int32Array;
    readonly openedDay: Int32Array;
    /** NO_DAY while open. */
    readonly resolvedDay: Int32Array;
    readonly breached: Uint8Array;
  };
  readonly surveys: { readonly account: Int32Array; readonly day: Int32Array; readonly nps: Uint8Array; readonly score: Int32Array };
  readonly activities: { readonly account: Int32Array; readonly day: Int32Array };
};

const NO_DAY = -2_147_483_648;

/** Ids and strings to small integers, in first-seen order. */
class Table {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string | null): number {
    if (value === null) return -1;
    let at = this.index.get(value);
    if (at === undefined) {
      at = this.values.length;
      this.values.push(value);
      this.index.set(value, at);
    }
    return at;
  }
}

/**
 * Work done on the core's thread in slices: the generator yields at checkpoints (every few hundred
 * or thousand items), where a caller may let queued requests run (runInSlices) or go straight on
 * (runWhole).
 */
export type Sliced<T> = Generator<void, T, void>;

/** Items (purchases, cases, accounts) packed between two checkpoints: ~1 ms. */
export const PACK_CHECKPOINT = 1_000;
/** Accounts per JSON chunk of a result (one checkpoint each when the core reads it): ~5–20 ms to parse. */
export const RESULT_CHUNK_ACCOUNTS = 1_000;
/** Longest stretch runInSlices works on the core's thread before it lets other work run. */
export const SLICE_MS = 20;

export function runWhole<T>(steps: Sliced<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, giving the event loop a turn at the first checkpoint after each `sliceMs` of work. */
export async function runInSlices<T>(steps: Sliced<T>, sliceMs: number = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

export function packInsightInput(input: InsightJobInput): PackedInsightInput {
  return runWhole(packInsightInputSliced(input));
}

export function* packInsightInputSliced(input: InsightJobInput): Sliced<PackedInsightInput> {
  let done = 0;
  const accounts = new Table();
  for (const p of input.profiles) {
    accounts.of(p.accountId);
    if (++done % PACK_CHECKPOINT === 0) yield;
  }
  const values = new Table();
  const n = input.profiles.length;
  const profiles = {
    count: n,
    values: values.values,
    industry: new Int32Array(n),
    region: new Int32Array(n),
    tier: new Int32Array(n),
    size: new Int32Array(n),
    currency: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const p = input.profiles[i] as AccountProfile;
    profiles.industry[i] = values.of(p.industry);
    profiles.region[i] = values.of(p.region);
    profiles.tier[i] = values.of(p.tier);
    profiles.size[i] = values.of(p.size);
    profiles.currency[i] = values.of(p.currency);
    if (++done % PACK_CHECKPOINT === 0) yield;
  }

  const t = input.transactions;
  const products = new Table();
  let productCount = 0;
  for (const x of t) {
    productCount += x.productIds.length;
    if (++done % (PACK_CHECKPOINT * 10) === 0) yield;
  }
  const transactions = {
    account: new Int32Array(t.length),
    day: new Int32Array(t.length),
    amount: new Float64Array(t.length),
    productStart: new Int32Array(t.length + 1),
    products: new Int32Array(productCount),
    productIds: products.values,
  };
  let at = 0;
  for (let i = 0; i < t.length; i++) {
    const x = t[i] as Transaction;
    transactions.account[i] = accounts.of(x.accountId);
    transactions.day[i] = x.day;
    transactions.amount[i] = x.amount;
    transactions.productStart[i] = at;
    for (const id of x.productIds) transactions.products[at++] = products.of(id);
    if (++done % PACK_CHECKPOINT === 0) yield;
  }
  transactions.productStart[t.length] = at;

  const c = input.events.cases;
  const cases = {
    account: new Int32Array(c.length),
    openedDay: new Int32Array(c.length),
    resolvedDay: new Int32Array(c.length),
    breached: new Uint8Array(c.length),
  };
  for (let i = 0; i < c.length; i++) {
    const x = c[i] as ServiceEvents['cases'][number];
    cases.account[i] = accounts.of(x.accountId);
    cases.openedDay[i] = x.openedDay;
    cases.resolvedDay[i] = x.resolvedDay ?? NO_DAY;
    cases.breached[i] = x.breached ? 1 : 0;
    if (++done % PACK_CHECKPOINT === 0) yield;
  }
  const s = input.events.surveys;
  const surveys = {
    account: new Int32Array(s.length),
    day: new Int32Array(s.length),
    nps: new Uint8Array(s.length),
    score: new Int32Array(s.length),
  };
  for (let i = 0; i < s.length; i++) {
    const x = s[i] as ServiceEvents['surveys'][number];
    surveys.account[i] = accounts.of(x.accountId);
    surveys.day[i] = x.day;
    surveys.nps[i] = x.kind === 'nps' ? 1 : 0;
    surveys.score[i] = x.score;
    if (++done % PACK_CHECKPOINT === 0) yield;
  }
  const a = input.events.activities;
  const activities = { account: new Int32Array(a.length), day: new Int32Array(a.length) };
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as ServiceEvents['activities'][number];
    activities.account[i] = accounts.of(x.accountId);
    activities.day[i] = x.day;
    if (++done % PACK_CHECKPOINT === 0) yield;
  }

  return {
    todayDay: input.todayDay,
    part: input.part ?? 'all',
    accountIds: accounts.values,
    profiles,
    transactions,
    cases,
    surveys,
    activities,
  };
}

/**
 * The job's result as JSON text: 100,000 accounts' figures are millions of small objects, which
 * structured clone copies several times slower than JSON writes and reads them, while a string
 * crosses as one block. The accounts are cut into chunks of RESULT_CHUNK_ACCOUNTS, so the core
 * parses a chunk at a time instead of holding its thread for the whole text (one JSON.parse of the
 * larger half's accounts took 0.8 s at 100,000 accounts). The result holds numbers, strings, booleans and nulls only (a non-finite
 * number, which the models do not return, would arrive as null).
 */
export type PackedInsightResult = {
  /** Everything but `accounts`. */
  readonly head: string;
  /** JSON arrays of consecutive accounts, in the result's order. */
  readonly accounts: readonly string[];
};

export function packInsightResult(result: InsightJobResult): PackedInsightResult {
  const { accounts, ...head } = result;
  const chunks: string[] = [];
  for (let i = 0; i < accounts.length; i += RESULT_CHUNK_ACCOUNTS)
    chunks.push(JSON.stringify(accounts.slice(i, i + RESULT_CHUNK_ACCOUNTS)));
  return { head: JSON.stringify(head), accounts: chunks };
}

export function unpackInsightResult(packed: PackedInsightResult): InsightJobResult {
  return runWhole(unpackInsightResultSliced(packed));
}

/** Parses one chunk of accounts per checkpoint. */
export function* unpackInsightResultSliced(packed: PackedInsightResult): Sliced<InsightJobResult> {
  const head = JSON.parse(packed.head) as Omit<InsightJobResult, 'accounts'>;
  const accounts: InsightJobAccount[] = [];
  for (const chunk of packed.accounts) {
    for (const account of JSON.parse(chunk) as InsightJobAccount[]) accounts.push(account);
    yield;
  }
  return { ...head, accounts };
}

export function unpackInsightInput(packed: PackedInsightInput): InsightJobInput {
  const ids = packed.accountIds;
  const id = (i: number): string => {
    const value = ids[i];
    if (value === undefined) throw new Error(`packed insight input: no account ${i}`);
    return value;
  };
  const p = packed.profiles;
  const value = (i: number | undefined): string | null => (i === undefined || i < 0 ? null : (p.values[i] ?? null));
  const profiles: AccountProfile[] = new Array<AccountProfile>(p.count);
  for (let i = 0; i < p.count; i++) {
    profiles[i] = {
      accountId: id(i),
      industry: value(p.industry[i]),
      region: value(p.region[i]) ?? '',
      tier: value(p.tier[i]) ?? '',
      size: value(p.size[i]),
      currency: value(p.currency[i]) ?? '',
    };
  }

  const t = packed.transactions;
  const transactions: Transaction[] = new Array<Transaction>(t.account.length);
  for (let i = 0; i < t.account.length; i++) {
    const productIds: string[] = [];
    for (let k = t.productStart[i] ?? 0; k < (t.productStart[i + 1] ?? 0); k++) productIds.push(t.productIds[t.products[k] ?? -1] ?? '');
    transactions[i] = { accountId: id(t.account[i] ?? -1), day: t.day[i] ?? 0, amount: t.amount[i] ?? 0, productIds };
  }

  const c = packed.cases;
  const cases: Array<ServiceEvents['cases'][number]> = new Array(c.account.length);
  for (let i = 0; i < c.account.length; i++) {
    const resolved = c.resolvedDay[i] ?? NO_DAY;
    cases[i] = {
      accountId: id(c.account[i] ?? -1),
      openedDay: c.openedDay[i] ?? 0,
      resolvedDay: resolved === NO_DAY ? null : resolved,
      breached: c.breached[i] === 1,
    };
  }
  const s = packed.surveys;
  const surveys: Array<ServiceEvents['surveys'][number]> = new Array(s.account.length);
  for (let i = 0; i < s.account.length; i++) {
    surveys[i] = { accountId: id(s.account[i] ?? -1), day: s.day[i] ?? 0, kind: s.nps[i] === 1 ? 'nps' : 'csat', score: s.score[i] ?? 0 };
  }
  const a = packed.activities;
  const activities: Array<ServiceEvents['activities'][number]> = new Array(a.account.length);
  for (let i = 0; i < a.account.length; i++) activities[i] = { accountId: id(a.account[i] ?? -1), day: a.day[i] ?? 0 };

  return { todayDay: packed.todayDay, part: packed.part, transactions, profiles, events: { cases, surveys, activities } };
}
