import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { nelderMead, type NelderMeadOptions, type NelderMeadPoint } from 'fmin';

/**
 * BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way"). While active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha);
 * after each repeat purchase they drop out with probability p ~ Beta(a, b). Time is in weeks.
 */
export type BgNbdParams = { readonly r: number; readonly alpha: number; readonly a: number; readonly b: number };

/** What the model needs of a customer: repeat transactions x, recency tx and age T (weeks). */
export type RecencyFrequency = { readonly x: number; readonly tx: number; readonly T: number };

/**
 * The purchase history cannot support a fit (no customers, no repeat purchase, too few repeat
 * buyers for a spend model). Callers report the model as not available instead of failing.
 */
export class NotEnoughDataError extends Error {
  readonly code = 'not_enough_data';
}

export type BgNbdFit = BgNbdParams & { readonly logLikelihood: number; readonly iterations: number };

/** fmin's own stopping rule, applied to the simplex of its last iteration. */
function converged(last: { simplex?: NelderMeadPoint[] } | undefined, tolerance: number): boolean {
  const simplex = last?.simplex;
  if (!simplex || simplex.length < 2) return false;
  const sorted = [...simplex].sort((p, q) => (p.fx ?? Infinity) - (q.fx ?? Infinity));
  const first = sorted[0] ?? [];
  const second = sorted[1] ?? [];
  let maxDiff = 0;
  for (let i = 0; i < first.length; i++) maxDiff = Math.max(maxDiff, Math.abs((first[i] ?? 0) - (second[i] ?? 0)));
  return Math.abs((first.fx ?? Infinity) - (sorted.at(-1)?.fx ?? Infinity)) < tolerance && maxDiff < tolerance;
}

export type MinimiseResult = { readonly x: number[]; readonly fx: number; readonly iterations: number };

/**
 * Minimises f with fmin's Nelder-Mead; a run that stopped before meeting fmin's convergence rule
 * (its iteration budget ran out on a flat valley) is restarted around its best vertex with a smaller
 * simplex. `step` is the initial simplex size along each axis; `tolerance` bounds both the spread of
 * f and of the coordinates over the final simplex.
 */
export function minimise(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  opts: { readonly maxIterations: number; readonly tolerance: number; readonly step: number },
): MinimiseResult {
  // The search runs on u = 1 + (x - centre) so that fmin's relative initial step (nonZeroDelta)
  // becomes an absolute step in x, whatever the scale of the coordinates.
  let centre = [...x0];
  let best = f(centre);
  let iterations = 0;
  let step = opts.step;
  while (iterations < opts.maxIterations) {
    const c = centre;
    const g = (u: number[]): number => f(u.map((ui, i) => (c[i] ?? 0) + ui - 1));
    const history: NonNullable<NelderMeadOptions['history']> = [];
    const result = nelderMead(
      g,
      c.map(() => 1),
      { maxIterations: opts.maxIterations - iterations, minErrorDelta: opts.tolerance, nonZeroDelta: 1 + step, history },
    );
    iterations += Math.max(history.length, 1);
    if (result.fx <= best) {
      centre = result.x.map((ui, i) => (c[i] ?? 0) + ui - 1);
      best = result.fx;
    }
    if (converged(history.at(-1), opts.tolerance)) break;
    step = Math.max(step / 4, 1e-4);
  }
  return { x: centre, fx: best, iterations };
}

/**
 * Customers with the same (x, tx, T) contribute identical terms, so the likelihood is evaluated once
 * per distinct triple with a weight; new customers (x = 0) differ only by T and collapse a lot.
 */
type PackedCustomers = {
  readonly n: number;
  readonly x: Float64Array;
  readonly weight: Float64Array;
  /** Distinct x values and each row's index into them. */
  readonly xValues: Float64Array;
  readonly xIndex: Uint32Array;
  /**
   * Distinct times (T and tx values together) and each row's index into them: histories in whole
   * days have few distinct times, so ln(alpha + t) is computed once per time, not once per row.
   */
  readonly times: Float64Array;
  readonly TIndex: Uint32Array;
  readonly txIndex: Uint32Array;
  readonly customers: number;
};

function checkCustomer(c: RecencyFrequency): void {
  if (!Number.isInteger(c.x) || c.x < 0) throw new Error(`BG/NBD: x must be a non-negative whole number, got ${c.x}`);
  if (!Number.isFinite(c.tx) || !Number.isFinite(c.T) || c.tx < 0 || c.T < c.tx || (c.x > 0 && c.tx <= 0) || c.T <= 0) {
    throw new Error(`BG/NBD: need 0 <= tx <= T, T > 0 and tx > 0 when x > 0; got x=${c.x}, tx=${c.tx}, T=${c.T}`);
  }
}

function pack(customers: readonly RecencyFrequency[]): PackedCustomers {
  const rows = new Map<string, number>();
  const xs: number[] = [];
  const txs: number[] = [];
  const Ts: number[] = [];
  const ws: number[] = [];
  for (const c of customers) {
    checkCustomer(c);
    const key = `${c.x}|${c.tx}|${c.T}`;
    const row = rows.get(key);
    if (row === undefined) {
      rows.set(key, xs.length);
      xs.push(c.x);
      txs.push(c.tx);
      Ts.push(c.T);
      ws.push(1);
    } else {
      ws[row] = (ws[row] ?? 0) + 1;
    }
  }
  const distinctX = [...new Set(xs)].sort((a, b) => a - b);
  const xIndexOf = new Map(distinctX.map((v, i) => [v, i]));
  const distinctTimes = [...new Set([...Ts, ...txs])];
  const timeIndexOf = new Map(distinctTimes.map((v, i) => [v, i]));
  return {
    n: xs.length,
    x: Float64Array.from(xs),
    weight: Float64Array.from(ws),
    xValues: Float64Array.from(distinctX),
    xIndex: Uint32Array.from(xs, (v) => xIndexOf.get(v) ?? 0),
    times: Float64Array.from(distinctTimes),
    TIndex: Uint32Array.from(Ts, (v) => timeIndexOf.get(v) ?? 0),
    txIndex: Uint32Array.from(txs, (v) => timeIndexOf.get(v) ?? 0),
    customers: customers.length,
  };
}

function packedLogLikelihood(params: BgNbdParams, d: PackedCustomers): number {
  const { r, alpha, a, b } = params;
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  const lgR = gammaln(r);
  const lbAB = betaln(a, b);
  // Per distinct x: ln[Gamma(r+x) alpha^r / Gamma(r)] + ln[B(a, b+x) / B(a, b)] and ln[a / (b+x-1)].
  const k = d.xValues.length;
  const head = new Float64Array(k);
  const lnA4 = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const x = d.xValues[j] ?? 0;
    head[j] = gammaln(r + x) - lgR + r * lnAlpha + betaln(a, b + x) - lbAB;
    lnA4[j] = x > 0 ? lnA - Math.log(b + x - 1) : 0;
  }
  const lnAlphaT = new Float64Array(d.times.length);
  for (let k = 0; k < d.times.length; k++) lnAlphaT[k] = Math.log(alpha + (d.times[k] ?? 0));
  let sum = 0;
  for (let i = 0; i < d.n; i++) {
    const x = d.x[i] ?? 0;
    const j = d.xIndex[i] ?? 0;
    const rx = r + x;
    // ln[(alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+tx)^-(r+x)], as log-sum-exp.
    const l3 = -rx * (lnAlphaT[d.TIndex[i] ?? 0] ?? 0);
    let tail = l3;
    if (x > 0) {
      const l4 = (lnA4[j] ?? 0) - rx * (lnAlphaT[d.txIndex[i] ?? 0] ?? 0);
      tail = l3 > l4 ? l3 + Math.log1p(Math.exp(l4 - l3)) : l4 + Math.log1p(Math.exp(l3 - l4));
    }
    sum += (d.weight[i] ?? 0) * ((head[j] ?? 0) + tail);
  }
  return sum;
}

function checkParams(params: BgNbdParams): void {
  for (const name of ['r', 'alpha', 'a', 'b'] as const) {
    const v = params[name];
    if (!(Number.isFinite(v) && v > 0)) throw new Error(`BG/NBD: parameter ${name} must be a positive number, got ${v}`);
  }
}

/** Log-likelihood of the BG/NBD (FHL 2005, eq. 6) summed over customers. */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly RecencyFrequency[]): number {
  checkParams(params);
  return packedLogLikelihood(params, pack(customers));
}

/** Log-parameters beyond this are outside any purchase history measured in weeks. */
const LOG_BOUND = 15;

/**
 * Maximum-likelihood fit on log-parameters with Nelder-Mead. The start takes r = 0.5, a = 1,
 * b = 2.5 and sets alpha so that r / alpha, the mean purchase rate, matches the observed repeat
 * rate of customers. Points outside the bounds or with a non-finite likelihood get a penalty that
 * grows with the distance, so the simplex walks back.
 */
export function fitBgNbd(
  customers: readonly RecencyFrequency[],
  /** Bound on Nelder-Mead iterations over both stages (the polish gets at least 50). */
  opts: { readonly maxIterations?: number } = {},
): BgNbdFit {
  if (customers.length === 0) throw new NotEnoughDataError('BG/NBD: no customers to fit');
  const d = pack(customers);
  let repeats = 0;
  let exposure = 0;
  for (let i = 0; i < d.n; i++) {
    repeats += (d.weight[i] ?? 0) * (d.x[i] ?? 0);
    exposure += (d.weight[i] ?? 0) * (d.times[d.TIndex[i] ?? 0] ?? 0);
  }
  if (repeats === 0) throw new NotEnoughDataError('BG/NBD: no customer has a repeat purchase, the model cannot be fitted');
  const r0 = 0.5;
  const alpha0 = r0 / (repeats / exposure);
  const objectiveOn =
    (data: PackedCustomers) =>
    (theta: readonly number[]): number => {
      let excess = 0;
      for (const t of theta) excess += Math.max(0, Math.abs(t) - LOG_BOUND) ** 2;
      if (excess > 0) return 1e6 * (1 + excess);
      const ll = packedLogLikelihood(fromLog(theta), data);
      return Number.isFinite(ll) ? -ll / data.customers : 1e6;
    };
  const maxIterations = opts.maxIterations ?? 1500;
  let start = [Math.log(r0), Math.log(alpha0), 0, Math.log(2.5)];
  let iterations = 0;
  // On large histories the long walk from the start point runs on an evenly spaced subsample;
  // the full data then only polishes from there with a small simplex.
  const every = Math.ceil(customers.length / WARM_START_ROWS);
  const sample = d.n > WARM_START_ROWS ? pack(customers.filter((_, i) => i % every === 0)) : null;
  if (sample?.x.some((x) => x > 0)) {
    const warm = minimise(objectiveOn(sample), start, { maxIterations, tolerance: FIT_TOLERANCE, step: 0.5 });
    start = warm.x;
    iterations += warm.iterations;
  }
  const fit = minimise(objectiveOn(d), start, {
    maxIterations: Math.max(maxIterations - iterations, 50),
    tolerance: FIT_TOLERANCE,
    step: iterations > 0 ? 0.05 : 0.5,
  });
  const params = fromLog(fit.x);
  return { ...params, logLikelihood: packedLogLikelihood(params, d), iterations: iterations + fit.iterations };
}

const fromLog = (theta: readonly number[]): BgNbdParams => ({
  r: Math.exp(theta[0] ?? 0),
  alpha: Math.exp(theta[1] ?? 0),
  a: Math.exp(theta[2] ?? 0),
  b: Math.exp(theta[3] ?? 0),
});

/**
 * Stopping tolerance on the mean log-likelihood per customer and on the log-parameters: 1e-5 in a
 * log-parameter is a relative precision far below the sampling error of any fit.
 */
const FIT_TOLERANCE = 1e-5;

/** Distinct (x, tx, T) rows above which fitBgNbd warm-starts on a subsample of about this many customers. */
const WARM_START_ROWS = 8000;

/** P(alive | x, tx, T) (FHL 2005, eq. 13): 1 for a customer without repeat purchases. */
export function probabilityAlive(params: BgNbdParams, c: RecencyFrequency): number {
  checkCustomer(c);
  if (c.x === 0) return 1;
  const { r, alpha, a, b } = params;
  const lnOdds = Math.log(a / (b + c.x - 1)) + (r + c.x) * Math.log((alpha + c.T) / (alpha + c.tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/** Below this distance from a = 1 the expectations are taken as the mean of a = 1 -/+ this. */
const A_NEAR_ONE = 1e-5;

function checkHorizon(t: number): void {
  if (!(Number.isFinite(t) && t >= 0)) throw new Error(`BG/NBD: horizon t must be a non-negative number, got ${t}`);
}

/**
 * E[Y(t) | x, tx, T]: expected repeat purchases in the next t weeks (FHL 2005, eq. 10), the
 * product of P(alive) and expectedPurchasesIfAlive.
 */
export function expectedPurchases(params: BgNbdParams, t: number, c: RecencyFrequency): number {
  checkHorizon(t);
  return expectedPurchasesIfAlive(params, t, c) * probabilityAlive(params, c);
}

/**
 * E[Y(t) | alive at T, x, T]: the numerator of FHL 2005 eq. 10. Recency does not enter it, so
 * callers evaluating many customers can share it between those with the same x and T.
 * The term ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z) is evaluated after Euler's
 * transformation as (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), z = t/(alpha+T+t): the same value
 * without the overflow of the untransformed 2F1 for customers with many purchases.
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, t: number, c: { readonly x: number; readonly T: number }): number {
  checkHorizon(t);
  if (!Number.isInteger(c.x) || c.x < 0 || !(Number.isFinite(c.T) && c.T > 0)) {
    throw new Error(`BG/NBD: need a whole x >= 0 and T > 0; got x=${c.x}, T=${c.T}`);
  }
  if (t === 0) return 0;
  if (Math.abs(params.a - 1) < A_NEAR_ONE) {
    // a = 1 is a removable singularity of the formula.
    return (
      (aliveExpectation({ ...params, a: 1 - A_NEAR_ONE }, t, c.x, c.T) + aliveExpectation({ ...params, a: 1 + A_NEAR_ONE }, t, c.x, c.T)) /
      2
    );
  }
  return aliveExpectation(params, t, c.x, c.T);
}

function aliveExpectation(params: BgNbdParams, t: number, x: number, T: number): number {
  const { r, alpha, a, b } = params;
  const z = t / (alpha + T + t);
  const f = Math.exp((a - 1) * Math.log((alpha + T) / (alpha + T + t))) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  return ((a + b + x - 1) / (a - 1)) * (1 - f);
}

/** E[X(t)]: expected repeat purchases of a new customer in their first t weeks (FHL 2005, eq. 9). */
export function expectedPurchasesUnconditional(params: BgNbdParams, t: number): number {
  checkHorizon(t);
  if (t === 0) return 0;
  const at = (p: BgNbdParams): number => {
    const { r, alpha, a, b } = p;
    const z = t / (alpha + t);
    // (alpha/(alpha+t))^r 2F1(r, b; a+b-1; z) after Euler's transformation, as above.
    const f = Math.exp((a - 1) * Math.log(alpha / (alpha + t))) * hyp2f1(a - 1 - r + b, a - 1, a + b - 1, z);
    return ((a + b - 1) / (a - 1)) * (1 - f);
  };
  if (Math.abs(params.a - 1) < A_NEAR_ONE) return (at({ ...params, a: 1 - A_NEAR_ONE }) + at({ ...params, a: 1 + A_NEAR_ONE })) / 2;
  return at(params);
}
