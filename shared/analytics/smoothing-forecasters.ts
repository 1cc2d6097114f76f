import { nelderMead } from 'fmin';
import type { ForecastPaths, Forecaster } from './forecast-types';
import { mean, tQuantile, Z80, Z95 } from './stats';

/**
 * The standard strong benchmarks for monthly business series (M3/M4 competitions): the Theta method,
 * damped trend exponential smoothing, and the equal-weight combination of simple, Holt and damped
 * exponential smoothing ("Comb"), each on data seasonally adjusted by a classical multiplicative
 * decomposition when a 12-month season passes the M4 autocorrelation test. Parameters are fitted by
 * minimising the one-step squared error with fmin's Nelder-Mead on logit-scaled smoothing weights.
 */

const PERIOD = 12;

/**
 * M4's seasonality test: the lag-12 autocorrelation exceeds its 90 % limit under the null of no
 * autocorrelation beyond lag 11 (Bartlett's variance). Needs three full years.
 */
export function hasSeason12(y: readonly number[]): boolean {
  const n = y.length;
  if (n < 3 * PERIOD) return false;
  const m = mean(y);
  const denom = y.reduce((s, v) => s + (v - m) ** 2, 0);
  if (denom === 0) return false;
  const acf = (k: number): number => {
    let s = 0;
    for (let t = k; t < n; t++) s += ((y[t] ?? 0) - m) * ((y[t - k] ?? 0) - m);
    return s / denom;
  };
  let sumSq = 0;
  for (let k = 1; k < PERIOD; k++) sumSq += acf(k) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sumSq) / n);
  return Math.abs(acf(PERIOD)) > limit;
}

/**
 * Classical multiplicative decomposition: ratio of each month to its 2x12 centred moving average,
 * averaged per calendar month and normalised to mean 1. Index i belongs to months t with t % 12 = i.
 */
export function multiplicativeSeasonalIndices(y: readonly number[]): number[] {
  const n = y.length;
  const sums = new Array<number>(PERIOD).fill(0);
  const counts = new Array<number>(PERIOD).fill(0);
  for (let t = PERIOD / 2; t < n - PERIOD / 2; t++) {
    let s = 0.5 * ((y[t - PERIOD / 2] ?? 0) + (y[t + PERIOD / 2] ?? 0));
    for (let k = -PERIOD / 2 + 1; k < PERIOD / 2; k++) s += y[t + k] ?? 0;
    const trend = s / PERIOD;
    if (trend <= 0) continue;
    sums[t % PERIOD] = (sums[t % PERIOD] ?? 0) + (y[t] ?? 0) / trend;
    counts[t % PERIOD] = (counts[t % PERIOD] ?? 0) + 1;
  }
  const raw = sums.map((s, i) => ((counts[i] ?? 0) > 0 ? s / (counts[i] ?? 1) : 1));
  const level = mean(raw);
  return raw.map((v) => (level > 0 && v > 0 ? v / level : 1));
}

/**
 * Runs `inner` on the seasonally adjusted series and puts the season back on the forecast (mean and
 * bounds alike), when the series is strictly positive and seasonal by the M4 test; otherwise `inner`
 * as it is. Multiplicative adjustment needs positive months, so a series with a zero month stays raw.
 */
export function seasonallyAdjusted(inner: (y: readonly number[], horizon: number) => ForecastPaths) {
  return (y: readonly number[], horizon: number): ForecastPaths => {
    if (!y.every((v) => v > 0) || !hasSeason12(y)) return inner(y, horizon);
    const idx = multiplicativeSeasonalIndices(y);
    const n = y.length;
    const adjusted = y.map((v, t) => v / (idx[t % PERIOD] ?? 1));
    const p = inner(adjusted, horizon);
    const back = (xs: readonly number[]): number[] => xs.map((v, h) => v * (idx[(n + h) % PERIOD] ?? 1));
    return { mean: back(p.mean), lower80: back(p.lower80), upper80: back(p.upper80), lower95: back(p.lower95), upper95: back(p.upper95) };
  };
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

type Smoothing = { readonly alpha: number; readonly beta: number; readonly phi: number };
type Fit = Smoothing & { readonly level: number; readonly trend: number; readonly sigma: number; readonly n: number };
type Kind = 'ses' | 'holt' | 'damped';

/** One pass of additive-error exponential smoothing; returns the final states and the one-step SSE. */
function run(y: readonly number[], s: Smoothing, kind: Kind): { level: number; trend: number; sse: number } {
  let level = y[0] ?? 0;
  let trend = kind === 'ses' ? 0 : ((y[Math.min(y.length - 1, 3)] ?? level) - level) / Math.max(Math.min(y.length - 1, 3), 1);
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const damp = kind === 'damped' ? s.phi : 1;
    const predicted = level + damp * trend;
    const err = (y[t] ?? 0) - predicted;
    sse += err * err;
    const nextLevel = predicted + s.alpha * err;
    if (kind !== 'ses') trend = damp * trend + s.alpha * s.beta * err;
    level = nextLevel;
  }
  return { level, trend, sse };
}

/** Damping stays in the range forecasters use (Gardner & McKenzie): 0.8–0.98. */
const phiOf = (x: number): number => 0.8 + 0.18 * logistic(x);

export function fitSmoothing(y: readonly number[], kind: Kind): Fit {
  const n = y.length;
  const scale = Math.max(mean(y.map((v) => v * v)), 1e-12);
  const decode = (x: readonly number[]): Smoothing => ({
    alpha: 0.0001 + 0.9998 * logistic(x[0] ?? 0),
    beta: kind === 'ses' ? 0 : 0.0001 + 0.9998 * logistic(x[1] ?? 0),
    phi: kind === 'damped' ? phiOf(x[2] ?? 0) : 1,
  });
  const start = kind === 'ses' ? [logit(0.3)] : kind === 'holt' ? [logit(0.3), logit(0.1)] : [logit(0.3), logit(0.1), 0];
  const best = nelderMead((x: number[]) => run(y, decode(x), kind).sse / scale, start, { maxIterations: 150 * start.length });
  const s = decode(best.x);
  const end = run(y, s, kind);
  const params = kind === 'ses' ? 1 : kind === 'holt' ? 2 : 3;
  const sigma = Math.sqrt(end.sse / Math.max(n - 1 - params, 1));
  return { ...s, level: end.level, trend: end.trend, sigma, n };
}

/** Forecast variance multipliers of the ETS(A,N,N), (A,A,N) and (A,Ad,N) models (Hyndman et al. 2008, Table 6.1). */
function varianceFactor(f: Fit, kind: Kind, h: number): number {
  const { alpha: a, beta, phi } = f;
  const b = a * beta;
  if (kind === 'ses') return 1 + (h - 1) * a * a;
  if (kind === 'holt') return 1 + (h - 1) * (a * a + a * b * h + (b * b * h * (2 * h - 1)) / 6);
  let v = 1;
  for (let j = 1; j < h; j++) {
    let phiSum = 0;
    for (let i = 1; i <= j; i++) phiSum += phi ** i;
    v += (a + b * phiSum) ** 2;
  }
  return v;
}

function pointForecast(f: Fit, kind: Kind, h: number): number {
  if (kind === 'ses') return f.level;
  if (kind === 'holt') return f.level + h * f.trend;
  let phiSum = 0;
  for (let i = 1; i <= h; i++) phiSum += f.phi ** i;
  return f.level + phiSum * f.trend;
}

function pathsFromCenter(center: readonly number[], sd: readonly number[], df: number): ForecastPaths {
  const q80 = tQuantile(Z80, df);
  const q95 = tQuantile(Z95, df);
  return {
    mean: center,
    lower80: center.map((m, i) => m - q80 * (sd[i] ?? 0)),
    upper80: center.map((m, i) => m + q80 * (sd[i] ?? 0)),
    lower95: center.map((m, i) => m - q95 * (sd[i] ?? 0)),
    upper95: center.map((m, i) => m + q95 * (sd[i] ?? 0)),
  };
}

function smoothingPaths(y: readonly number[], horizon: number, kind: Kind): ForecastPaths {
  const f = fitSmoothing(y, kind);
  const center: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    center.push(pointForecast(f, kind, h));
    sd.push(f.sigma * Math.sqrt(varianceFactor(f, kind, h)));
  }
  return pathsFromCenter(center, sd, Math.max(f.n - 2, 1));
}

/**
 * The Theta method as Hyndman & Billah (2003) showed it to be: simple exponential smoothing with a
 * drift of half the slope of the linear trend, b/2 · (h − 1 + (1 − (1 − α)^n) / α); intervals of
 * the underlying SES model.
 */
function thetaPaths(y: readonly number[], horizon: number): ForecastPaths {
  const n = y.length;
  const tMean = (n - 1) / 2;
  const yMean = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * ((y[t] ?? 0) - yMean);
    sxx += (t - tMean) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const f = fitSmoothing(y, 'ses');
  const center: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= horizon; h++) {
    center.push(f.level + (slope / 2) * (h - 1 + (1 - (1 - f.alpha) ** n) / f.alpha));
    sd.push(f.sigma * Math.sqrt(varianceFactor(f, 'ses', h)));
  }
  return pathsFromCenter(center, sd, Math.max(n - 2, 1));
}

/** Equal-weight mean of SES, Holt and damped: means and bounds averaged (the selector widens bounds that were too narrow). */
function combPaths(y: readonly number[], horizon: number): ForecastPaths {
  const members = (['ses', 'holt', 'damped'] as const).map((kind) => smoothingPaths(y, horizon, kind));
  const avg = (pick: (p: ForecastPaths) => readonly number[]): number[] =>
    Array.from({ length: horizon }, (_, h) => mean(members.map((p) => pick(p)[h] ?? 0)));
  return {
    mean: avg((p) => p.mean),
    lower80: avg((p) => p.lower80),
    upper80: avg((p) => p.upper80),
    lower95: avg((p) => p.lower95),
    upper95: avg((p) => p.upper95),
  };
}

export const thetaForecaster: Forecaster = { name: 'theta', minLength: 8, forecast: seasonallyAdjusted(thetaPaths) };

export const dampedTrendForecaster: Forecaster = {
  name: 'damped_trend',
  minLength: 8,
  forecast: seasonallyAdjusted((y, h) => smoothingPaths(y, h, 'damped')),
};

export const combForecaster: Forecaster = { name: 'comb', minLength: 8, forecast: seasonallyAdjusted(combPaths) };
