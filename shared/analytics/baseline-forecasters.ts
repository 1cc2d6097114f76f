import type { ForecastPaths, Forecaster } from './forecast-types';
import { mean, sampleSd, tQuantile, Z80, Z95 } from './stats';

/**
 * Hand-written fallbacks that need no wasm: they are the floor the augurs models must beat in the
 * backtest, and the only models for short or intermittent series.
 */

function symmetricPaths(center: readonly number[], sd: readonly number[], df: number): ForecastPaths {
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

/** Historical mean; the interval is a prediction interval for one new draw (sd * sqrt(1 + 1/n), Student t). */
export const meanForecaster: Forecaster = {
  name: 'mean',
  minLength: 2,
  forecast(y, horizon) {
    const m = mean(y);
    const sd = sampleSd(y) * Math.sqrt(1 + 1 / y.length);
    return symmetricPaths(new Array<number>(horizon).fill(m), new Array<number>(horizon).fill(sd), y.length - 1);
  },
};

/** Same month last year; the error of k+1 years ahead is the sum of k+1 yearly differences. */
export const seasonalNaiveForecaster: Forecaster = {
  name: 'seasonal_naive_12',
  minLength: 24,
  forecast(y, horizon) {
    const p = 12;
    const n = y.length;
    const diffs: number[] = [];
    for (let t = p; t < n; t++) diffs.push((y[t] ?? 0) - (y[t - p] ?? 0));
    // Differences of a seasonal random walk have mean ~0; using the RMS keeps any drift inside the interval.
    const rms = Math.sqrt(diffs.reduce((s, d) => s + d * d, 0) / Math.max(diffs.length, 1));
    const center: number[] = [];
    const sd: number[] = [];
    for (let h = 1; h <= horizon; h++) {
      const k = Math.floor((h - 1) / p);
      center.push(y[n - p + ((h - 1) % p)] ?? 0);
      sd.push(rms * Math.sqrt(k + 1));
    }
    return symmetricPaths(center, sd, Math.max(diffs.length - 1, 1));
  },
};

/**
 * Croston with the Syntetos-Boylan correction for intermittent demand: smooths the size of non-zero
 * months and the gap between them separately. Intervals are empirical quantiles of past months,
 * because a month of an intermittent series is "zero or a deal", nothing like a normal curve.
 */
export const crostonSbaForecaster: Forecaster = {
  name: 'croston_sba',
  minLength: 6,
  forecast(y, horizon) {
    const alpha = 0.1;
    let size: number | undefined;
    let gap: number | undefined;
    let since = 1;
    for (const v of y) {
      if (v > 0) {
        size = size === undefined ? v : size + alpha * (v - size);
        gap = gap === undefined ? since : gap + alpha * (since - gap);
        since = 1;
      } else {
        since++;
      }
    }
    const point = size === undefined || gap === undefined ? 0 : (1 - alpha / 2) * (size / gap);
    const sorted = [...y].sort((a, b) => a - b);
    const fill = (v: number): number[] => new Array<number>(horizon).fill(v);
    return {
      mean: fill(point),
      lower80: fill(empiricalQuantile(sorted, 0.1)),
      upper80: fill(empiricalQuantile(sorted, 0.9)),
      lower95: fill(empiricalQuantile(sorted, 0.025)),
      upper95: fill(empiricalQuantile(sorted, 0.975)),
    };
  },
};

/** Linear-interpolated quantile of an ascending array (type 7, the R default). */
export function empiricalQuantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (b - a) * (pos - lo);
}
