import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesIfAlive,
  expectedPurchasesUnconditional,
  fitBgNbd,
  minimise,
  NotEnoughDataError,
  probabilityAlive,
  type BgNbdParams,
  type RecencyFrequency,
} from './bgnbd';
import { simulateBgNbd } from './simulate-clv';

/** The CDNOW estimates of Fader, Hardie & Lee (2005), time in weeks. */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** prod_{k < n} (v + k) = Gamma(v + n) / Gamma(v): exact Gamma ratios without a Gamma function. */
function rising(v: number, n: number): number {
  let p = 1;
  for (let k = 0; k < n; k++) p *= v + k;
  return p;
}

/**
 * FHL 2005 eq. 6 term by term: B(a, b+x)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+T)^(r+x))
 * + [x > 0] B(a+1, b+x-1)/B(a, b) Gamma(r+x) alpha^r / (Gamma(r) (alpha+tx)^(r+x)),
 * with each Beta and Gamma ratio written as a finite product.
 */
function paperLikelihood({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  const gammaRatio = rising(r, x) * alpha ** r; // Gamma(r+x) alpha^r / Gamma(r)
  const betaAlive = rising(b, x) / rising(a + b, x); // B(a, b+x) / B(a, b)
  const alive = betaAlive * gammaRatio * (alpha + T) ** -(r + x);
  if (x === 0) return alive;
  const betaDead = (a * rising(b, x - 1)) / rising(a + b, x); // B(a+1, b+x-1) / B(a, b)
  return alive + betaDead * gammaRatio * (alpha + tx) ** -(r + x);
}

/** 2F1(a, b; c; z) by its defining series, summed until the terms no longer change the sum. */
function hyp2f1Series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** FHL 2005 eq. 10 as printed, with the series above for 2F1. */
function paperConditionalExpectation({ r, alpha, a, b }: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const f = ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1Series(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const num = ((a + b + x - 1) / (a - 1)) * (1 - f);
  const den = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
  return num / den;
}

const relErr = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('bgNbdLogLikelihood', () => {
  it('equals the published individual likelihood written out term by term', () => {
    const customers = [
      { x: 0, tx: 0, T: 38.86 },
      { x: 2, tx: 30.43, T: 38.86 },
      { x: 7, tx: 20.5, T: 31 },
    ];
    for (const params of [CDNOW, { r: 1.3, alpha: 0.7, a: 2.2, b: 0.9 }]) {
      let expected = 0;
      for (const c of customers) expected += Math.log(paperLikelihood(params, c.x, c.tx, c.T));
      expect(relErr(bgNbdLogLikelihood(params, customers), expected)).toBeLessThan(1e-9);
      // One customer at a time gives the same terms.
      for (const c of customers) {
        expect(relErr(bgNbdLogLikelihood(params, [c]), Math.log(paperLikelihood(params, c.x, c.tx, c.T)))).toBeLessThan(1e-9);
      }
    }
  });

  it('counts identical customers once per customer', () => {
    const c = { x: 3, tx: 10, T: 20 };
    expect(bgNbdLogLikelihood(CDNOW, [c, c, c])).toBeCloseTo(3 * bgNbdLogLikelihood(CDNOW, [c]), 10);
  });

  it('rejects impossible customers and parameters', () => {
    expect(() => bgNbdLogLikelihood(CDNOW, [{ x: 2, tx: 40, T: 30 }])).toThrow(/tx <= T/);
    expect(() => bgNbdLogLikelihood(CDNOW, [{ x: 1.5, tx: 1, T: 3 }])).toThrow(/whole number/);
    expect(() => bgNbdLogLikelihood({ ...CDNOW, a: -1 }, [{ x: 0, tx: 0, T: 3 }])).toThrow(/parameter a/);
  });
});

describe('expectedPurchases and probabilityAlive', () => {
  it('reproduces the paper example: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in 39 weeks', () => {
    expect(expectedPurchases(CDNOW, 39, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(1.226, 3);
  });

  it('matches eq. 10 with 2F1 summed as a series', () => {
    const cases = [
      { x: 0, tx: 0, T: 38.86 },
      { x: 0, tx: 0, T: 0.5 },
      { x: 1, tx: 2, T: 40 },
      { x: 2, tx: 30.43, T: 38.86 },
      { x: 12, tx: 70, T: 78 },
      { x: 40, tx: 50, T: 52 },
    ];
    // The third set makes the transformed 2F1's first parameter, a + b - 1 - r, negative.
    for (const params of [CDNOW, { r: 0.9, alpha: 12, a: 1.7, b: 6 }, { r: 2, alpha: 3, a: 0.5, b: 0.8 }]) {
      for (const c of cases) {
        for (const t of [1, 13, 39, 52, 104]) {
          expect(relErr(expectedPurchases(params, t, c), paperConditionalExpectation(params, t, c.x, c.tx, c.T))).toBeLessThan(1e-9);
        }
      }
    }
  });

  it('factors into P(alive) times the expectation of a customer known to be alive', () => {
    for (const c of [
      { x: 0, tx: 0, T: 20 },
      { x: 4, tx: 12, T: 30 },
    ]) {
      const alive = expectedPurchasesIfAlive(CDNOW, 26, c);
      expect(relErr(expectedPurchases(CDNOW, 26, c), alive * probabilityAlive(CDNOW, c))).toBeLessThan(1e-12);
      // Recency does not enter the alive customer's expectation.
      const laterLastPurchase: RecencyFrequency = { ...c, tx: c.x > 0 ? 25 : 0 };
      expect(expectedPurchasesIfAlive(CDNOW, 26, laterLastPurchase)).toBe(alive);
    }
  });

  it('is continuous through a = 1, where the formula has a removable singularity', () => {
    const c = { x: 3, tx: 20, T: 30 };
    const below = expectedPurchases({ ...CDNOW, a: 1 - 1e-3 }, 26, c);
    const above = expectedPurchases({ ...CDNOW, a: 1 + 1e-3 }, 26, c);
    const at = expectedPurchases({ ...CDNOW, a: 1 }, 26, c);
    expect(relErr(at, (below + above) / 2)).toBeLessThan(1e-5);
  });

  it('behaves as the model says', () => {
    expect(probabilityAlive(CDNOW, { x: 0, tx: 0, T: 50 })).toBe(1);
    expect(expectedPurchases(CDNOW, 0, { x: 2, tx: 5, T: 10 })).toBe(0);
    // P(alive) falls the longer a customer has been silent, and rises with a later last purchase.
    const silent = [10, 20, 40, 80].map((T) => probabilityAlive(CDNOW, { x: 3, tx: 8, T }));
    for (let i = 1; i < silent.length; i++) expect(silent[i]).toBeLessThan(silent[i - 1] ?? 0);
    expect(probabilityAlive(CDNOW, { x: 3, tx: 30, T: 40 })).toBeGreaterThan(probabilityAlive(CDNOW, { x: 3, tx: 10, T: 40 }));
    // Expected purchases grow with the horizon, and with frequency at the same recency.
    const horizon = [4, 13, 26, 52].map((t) => expectedPurchases(CDNOW, t, { x: 3, tx: 35, T: 40 }));
    for (let i = 1; i < horizon.length; i++) expect(horizon[i]).toBeGreaterThan(horizon[i - 1] ?? 0);
    expect(expectedPurchases(CDNOW, 26, { x: 8, tx: 38, T: 40 })).toBeGreaterThan(expectedPurchases(CDNOW, 26, { x: 2, tx: 38, T: 40 }));
    // Someone with many purchases long ago is most likely gone.
    expect(probabilityAlive(CDNOW, { x: 20, tx: 10, T: 78 })).toBeLessThan(1e-6);
  });

  it('gives the unconditional E[X(t)] of the paper spreadsheet, and agrees with a brand-new customer', () => {
    // Hardie's CDNOW spreadsheet values, 4 decimals, computed from the unrounded estimates (as
    // refitted to six digits by the lifetimes package): the 3-digit CDNOW values move them by 1e-3.
    const unrounded = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const sheet = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) => expect(Math.abs(expectedPurchasesUnconditional(unrounded, t) - (sheet[i] ?? 0))).toBeLessThan(5e-4));
    for (const t of [1, 10, 52]) {
      expect(relErr(expectedPurchases(CDNOW, t, { x: 0, tx: 0, T: 1e-9 }), expectedPurchasesUnconditional(CDNOW, t))).toBeLessThan(1e-6);
    }
  });
});

describe('fitBgNbd', () => {
  it('recovers the CDNOW parameters from 30,000 simulated customers observed for 78 weeks', () => {
    // Sampling spread of the estimates at this size, from repeated simulation: about 1 % (r),
    // 2.5 % (alpha), 3.5 % (a) and 4.6 % (b) relative standard deviation. The tolerances below are
    // at least three of those.
    const { customers } = simulateBgNbd(CDNOW, { customers: 30_000, weeks: 78, acquisitionWeeks: 12, seed: 20_050_101 });
    const fit = fitBgNbd(customers);
    expect(relErr(fit.r, CDNOW.r)).toBeLessThan(0.1);
    expect(relErr(fit.alpha, CDNOW.alpha)).toBeLessThan(0.1);
    expect(relErr(fit.a, CDNOW.a)).toBeLessThan(0.15);
    expect(relErr(fit.b, CDNOW.b)).toBeLessThan(0.15);
    expect(fit.logLikelihood).toBeCloseTo(bgNbdLogLikelihood(fit, customers), 6);
    // The maximum beats the true parameters on the sample it was fitted to.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(CDNOW, customers));
    expect(fit.iterations).toBeGreaterThan(0);
  });

  it('reaches the maximum on a small book too (500 customers, one Nelder-Mead stage)', () => {
    const { customers } = simulateBgNbd(CDNOW, { customers: 500, weeks: 52, seed: 4 });
    const fit = fitBgNbd(customers);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(CDNOW, customers));
    // No direction improves the likelihood at the reported point.
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      for (const f of [0.99, 1.01]) {
        expect(bgNbdLogLikelihood({ ...fit, [key]: fit[key] * f }, customers)).toBeLessThanOrEqual(fit.logLikelihood + 1e-6);
      }
    }
  });

  it('refuses data without a single repeat purchase', () => {
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 5 }])).toThrow(NotEnoughDataError);
    expect(() => fitBgNbd([{ x: 0, tx: 0, T: 5 }])).toThrow(/no customer has a repeat purchase/);
    expect(() => fitBgNbd([])).toThrow(/no customers/);
  });
});

describe('minimise', () => {
  it('finds the minimum of a valley that makes Nelder-Mead shrink its simplex', () => {
    const rosenbrock = (p: readonly number[]): number => 100 * ((p[1] ?? 0) - (p[0] ?? 0) ** 2) ** 2 + (1 - (p[0] ?? 0)) ** 2;
    const kinked = (p: readonly number[]): number => Math.abs((p[0] ?? 0) - 2) + 3 * Math.abs((p[1] ?? 0) + 1);
    const a = minimise(rosenbrock, [-1.2, 1], { maxIterations: 5000, tolerance: 1e-10, step: 0.5 });
    expect(a.x[0]).toBeCloseTo(1, 4);
    expect(a.x[1]).toBeCloseTo(1, 4);
    const b = minimise(kinked, [5, 5], { maxIterations: 5000, tolerance: 1e-10, step: 1 });
    expect(b.x[0]).toBeCloseTo(2, 5);
    expect(b.x[1]).toBeCloseTo(-1, 5);
  });
});
