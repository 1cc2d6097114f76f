import gammaln from '@stdlib/math-base-special-gammaln';
import { minimise, NotEnoughDataError } from './bgnbd';

/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader &
 * Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's transaction values are
 * Gamma(p, nu) with nu ~ Gamma(q, gamma) across customers, independent of how often they buy.
 * Currency-agnostic: the caller decides the unit the spends are in.
 */
export type GammaGammaParams = { readonly p: number; readonly q: number; readonly gamma: number };

export type GammaGammaFit = GammaGammaParams & { readonly logLikelihood: number; readonly iterations: number };

/** What the model needs of a customer: x transactions with mean value `monetary`. */
export type FrequencyMonetary = { readonly x: number; readonly monetary: number };

function checkCustomer(c: FrequencyMonetary): void {
  if (!Number.isInteger(c.x) || c.x < 1) throw new Error(`Gamma-Gamma: x must be a whole number >= 1, got ${c.x}`);
  if (!(Number.isFinite(c.monetary) && c.monetary > 0)) throw new Error(`Gamma-Gamma: monetary must be positive, got ${c.monetary}`);
}

function checkParams(params: GammaGammaParams): void {
  for (const name of ['p', 'q', 'gamma'] as const) {
    const v = params[name];
    if (!(Number.isFinite(v) && v > 0)) throw new Error(`Gamma-Gamma: parameter ${name} must be a positive number, got ${v}`);
  }
}

type Packed = {
  readonly n: number;
  /** ln(mean) and ln(x) + ln(mean), per customer. */
  readonly lnM: Float64Array;
  readonly lnXM: Float64Array;
  readonly xm: Float64Array;
  readonly xValues: Float64Array;
  readonly xIndex: Uint32Array;
  readonly x: Float64Array;
};

function pack(customers: readonly FrequencyMonetary[]): Packed {
  const n = customers.length;
  const x = new Float64Array(n);
  const lnM = new Float64Array(n);
  const lnXM = new Float64Array(n);
  const xm = new Float64Array(n);
  customers.forEach((c, i) => {
    checkCustomer(c);
    x[i] = c.x;
    lnM[i] = Math.log(c.monetary);
    lnXM[i] = Math.log(c.x) + Math.log(c.monetary);
    xm[i] = c.x * c.monetary;
  });
  const distinct = [...new Set(x)].sort((a, b) => a - b);
  const indexOf = new Map(distinct.map((v, i) => [v, i]));
  return { n, x, lnM, lnXM, xm, xValues: Float64Array.from(distinct), xIndex: Uint32Array.from(x, (v) => indexOf.get(v) ?? 0) };
}

/**
 * Sum over customers of ln f(m | p, q, gamma, x) (Fader & Hardie 2013, eq. 4):
 * Gamma(px+q)/(Gamma(px) Gamma(q)) gamma^q m^(px-1) x^(px) / (gamma + m x)^(px+q).
 */
function packedLogLikelihood(params: GammaGammaParams, d: Packed): number {
  const { p, q, gamma } = params;
  const k = d.xValues.length;
  const head = new Float64Array(k);
  const constant = -gammaln(q) + q * Math.log(gamma);
  for (let j = 0; j < k; j++) {
    const px = p * (d.xValues[j] ?? 0);
    head[j] = gammaln(px + q) - gammaln(px) + constant;
  }
  let sum = 0;
  for (let i = 0; i < d.n; i++) {
    const px = p * (d.x[i] ?? 0);
    sum += (head[d.xIndex[i] ?? 0] ?? 0) - (d.lnM[i] ?? 0) + px * (d.lnXM[i] ?? 0) - (px + q) * Math.log(gamma + (d.xm[i] ?? 0));
  }
  return sum;
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, customers: readonly FrequencyMonetary[]): number {
  checkParams(params);
  return packedLogLikelihood(params, pack(customers));
}

const LOG_BOUND = 15;

/**
 * Maximum-likelihood fit on customers with at least one repeat transaction, over (ln p, ln(q - 1),
 * ln gamma): q is kept above 1 because q <= 1 means spends with an infinite population mean, which
 * cannot price the purchases of a customer without history. The start p = 2, q = 3 sets gamma so
 * that the population mean p gamma / (q - 1) equals the observed mean spend.
 */
export function fitGammaGamma(customers: readonly FrequencyMonetary[], opts: { readonly maxIterations?: number } = {}): GammaGammaFit {
  if (customers.length < 2) throw new NotEnoughDataError('Gamma-Gamma: need at least two customers with repeat purchases');
  const d = pack(customers);
  let meanSpend = 0;
  for (const c of customers) meanSpend += c.monetary / customers.length;
  const toParams = (theta: readonly number[]): GammaGammaParams => ({
    p: Math.exp(theta[0] ?? 0),
    q: 1 + Math.exp(theta[1] ?? 0),
    gamma: Math.exp(theta[2] ?? 0),
  });
  const objective = (theta: readonly number[]): number => {
    let excess = 0;
    for (const t of theta) excess += Math.max(0, Math.abs(t) - LOG_BOUND) ** 2;
    if (excess > 0) return 1e6 * (1 + excess);
    const ll = packedLogLikelihood(toParams(theta), d);
    return Number.isFinite(ll) ? -ll / d.n : 1e6;
  };
  const p0 = 2;
  const q0 = 3;
  const fit = minimise(objective, [Math.log(p0), Math.log(q0 - 1), Math.log((meanSpend * (q0 - 1)) / p0)], {
    maxIterations: opts.maxIterations ?? 1000,
    tolerance: 1e-5,
    step: 0.5,
  });
  const params = toParams(fit.x);
  return { ...params, logLikelihood: packedLogLikelihood(params, d), iterations: fit.iterations };
}

/**
 * E[M | p, q, gamma, m, x]: expected spend per transaction (Fader & Hardie 2013, eq. 5), a weighted
 * mean of the population mean p gamma / (q - 1) and the customer's own mean; for x = 0 the
 * population mean. Needs q > 1, which fitGammaGamma guarantees.
 */
export function expectedSpend(params: GammaGammaParams, c: FrequencyMonetary | { readonly x: 0; readonly monetary: number }): number {
  checkParams(params);
  const { p, q, gamma } = params;
  if (!(q > 1)) throw new Error(`Gamma-Gamma: q must exceed 1 for a finite expected spend, got ${q}`);
  if (c.x === 0) return (p * gamma) / (q - 1);
  // Repeat transactions of zero value are valid history here (they pull the estimate down), unlike in the fit.
  if (!Number.isInteger(c.x) || c.x < 1 || !(Number.isFinite(c.monetary) && c.monetary >= 0)) {
    throw new Error(`Gamma-Gamma: need a whole x >= 0 and a finite monetary >= 0, got x=${c.x}, monetary=${c.monetary}`);
  }
  return (p * (gamma + c.x * c.monetary)) / (p * c.x + q - 1);
}
