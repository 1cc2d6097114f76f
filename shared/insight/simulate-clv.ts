import { normalDraw, seededRandom } from '../analytics/stats';
import type { BgNbdParams } from './bgnbd';
import { DAYS_PER_WEEK, type CustomerSummary } from './customer-summary';
import type { GammaGammaParams } from './gamma-gamma';
import type { Transaction } from './transactions';

/**
 * Seeded simulators of the generative CLV models, for tests and the benchmark: data drawn from
 * the models themselves, so a fit can be checked against the parameters that made it.
 */

/** Gamma(shape, rate) draw by Marsaglia & Tsang (2000); shape < 1 via Gamma(shape + 1) U^(1/shape). */
export function gammaDraw(rand: () => number, shape: number, rate: number): number {
  if (shape < 1) {
    const u = Math.max(rand(), 1e-300);
    return gammaDraw(rand, shape + 1, rate) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = normalDraw(rand);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = rand();
    if (u < 1 - 0.0331 * z ** 4 || Math.log(Math.max(u, 1e-300)) < 0.5 * z * z + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

export function betaDraw(rand: () => number, a: number, b: number): number {
  const x = gammaDraw(rand, a, 1);
  const y = gammaDraw(rand, b, 1);
  return x / (x + y);
}

export type SimulatedCustomers = {
  /** Exact continuous-time summaries (weeks), as the model generates them: fit these to test recovery. */
  readonly customers: CustomerSummary[];
  /**
   * The same purchases as day-stamped transactions (day = startDay + floor(week * 7)); purchases
   * that fall on one day merge when summarised, so their summaries differ slightly from `customers`.
   */
  readonly transactions: Transaction[];
};

export type SimulateBgNbdOptions = {
  readonly customers: number;
  /** Weeks from startDay to the end of observation. */
  readonly weeks: number;
  readonly seed: number;
  /** First purchases are spread uniformly over the first this-many weeks (default 12, as CDNOW's cohort). */
  readonly acquisitionWeeks?: number;
  readonly startDay?: number;
  /** Spend per transaction from the Gamma-Gamma model (amounts rounded to whole minor units, at least 1). */
  readonly spend?: GammaGammaParams;
  readonly accountPrefix?: string;
};

/**
 * Customers from the BG/NBD: lambda ~ Gamma(r, alpha), p ~ Beta(a, b); a first purchase at the
 * acquisition time, repeat purchases as a Poisson process with rate lambda, and after each repeat
 * purchase the customer drops out with probability p. Observation ends after `weeks`.
 */
export function simulateBgNbd(params: BgNbdParams, opts: SimulateBgNbdOptions): SimulatedCustomers {
  const rand = seededRandom(opts.seed);
  const startDay = opts.startDay ?? 0;
  const acquisitionWeeks = Math.min(opts.acquisitionWeeks ?? 12, opts.weeks);
  const prefix = opts.accountPrefix ?? 'c';
  const customers: CustomerSummary[] = [];
  const transactions: Transaction[] = [];
  for (let i = 0; i < opts.customers; i++) {
    const accountId = `${prefix}${i}`;
    const lambda = gammaDraw(rand, params.r, params.alpha);
    const p = betaDraw(rand, params.a, params.b);
    const nu = opts.spend ? gammaDraw(rand, opts.spend.q, opts.spend.gamma) : 0;
    // Whole-day acquisition keeps the continuous summary and the day-stamped transactions aligned.
    const first = Math.floor(rand() * acquisitionWeeks * DAYS_PER_WEEK) / DAYS_PER_WEEK;
    const times = [first];
    let t = first;
    for (;;) {
      t += -Math.log(rand() || 2 ** -33) / lambda;
      if (!(t < opts.weeks)) break;
      times.push(t);
      if (rand() < p) break;
    }
    const amounts = times.map(() => (opts.spend ? Math.max(1, Math.round(gammaDraw(rand, opts.spend.p, nu))) : 1));
    let total = 0;
    for (const a of amounts) total += a;
    const x = times.length - 1;
    const last = times[x] ?? first;
    customers.push({
      accountId,
      x,
      tx: last - first,
      T: opts.weeks - first,
      monetary: x > 0 ? (total - (amounts[0] ?? 0)) / x : 0,
      count: times.length,
      total,
      firstDay: startDay + Math.floor(first * DAYS_PER_WEEK),
      lastDay: startDay + Math.floor(last * DAYS_PER_WEEK),
    });
    times.forEach((time, k) =>
      transactions.push({ accountId, day: startDay + Math.floor(time * DAYS_PER_WEEK), amount: amounts[k] ?? 0, productIds: [] }),
    );
  }
  return { customers, transactions };
}

/**
 * Average spends from the Gamma-Gamma model: per customer nu ~ Gamma(q, gamma), then x transaction
 * values ~ Gamma(p, nu); `monetary` is their mean. `frequencies` gives each customer's x (>= 1).
 */
export function simulateGammaGamma(
  params: GammaGammaParams,
  opts: { readonly frequencies: readonly number[]; readonly seed: number },
): Array<{ readonly x: number; readonly monetary: number }> {
  const rand = seededRandom(opts.seed);
  return opts.frequencies.map((x) => {
    if (!Number.isInteger(x) || x < 1) throw new Error(`simulateGammaGamma: frequencies must be whole numbers >= 1, got ${x}`);
    const nu = gammaDraw(rand, params.q, params.gamma);
    let sum = 0;
    for (let k = 0; k < x; k++) sum += gammaDraw(rand, params.p, nu);
    return { x, monetary: sum / x };
  });
}
