import type { ForecastPaths, Forecaster } from './forecast-types';
import { Z80 } from './stats';

export type BacktestPlan = {
  /** Forecast origins (training length at each fold), ascending. */
  readonly origins: readonly number[];
  /** Steps forecast from each origin (fewer at the last ones when the series ends). */
  readonly horizon: number;
};

/**
 * Rolling origin: the last `horizon` months are held out from the first origin, and later origins
 * step forward so recent behaviour weighs more. Two folds is the cost/benefit point: each fold of an
 * augurs model is a full refit (1-3 ms), and the budget for 1,000 series is 5 s.
 */
export function planBacktest(n: number, horizon: number, folds = 2): BacktestPlan | null {
  // At least 6 steps are judged even for a short requested horizon: fewer points make the pick a coin toss.
  const h = Math.min(Math.max(horizon, 6), 12, Math.floor(n / 3));
  if (h < 1 || n - h < 2) return null;
  const step = Math.max(1, Math.ceil(h / folds));
  const origins: number[] = [];
  for (let o = n - h; o < n && origins.length < folds; o += step) origins.push(o);
  return { origins, horizon: h };
}

export type CandidateBacktest = {
  readonly mae: number;
  readonly smape: number;
  readonly points: number;
  /**
   * Errors divided by the sd the model's own 80% interval implies, pooled over folds. Their RMS says
   * whether the model's intervals were honest out of sample (1 = honest, > 1 = too narrow).
   */
  readonly standardizedErrors: readonly number[];
  /** The forecasts from each origin, so an average of candidates is scored without refitting them. */
  readonly folds: readonly ForecastPaths[];
};

export function backtestCandidate(y: readonly number[], model: Forecaster, plan: BacktestPlan): CandidateBacktest {
  const folds = plan.origins.map((origin) => model.forecast(y.slice(0, origin), Math.min(plan.horizon, y.length - origin)));
  return scoreFolds(y, plan, folds);
}

/** Scores forecasts already made from each origin of the plan (one ForecastPaths per origin). */
export function scoreFolds(y: readonly number[], plan: BacktestPlan, folds: readonly ForecastPaths[]): CandidateBacktest {
  let absSum = 0;
  let smapeSum = 0;
  let points = 0;
  const standardized: number[] = [];
  plan.origins.forEach((origin, fold) => {
    const steps = Math.min(plan.horizon, y.length - origin);
    const paths = folds[fold];
    if (!paths) throw new Error('a fold has no forecast');
    for (let h = 0; h < steps; h++) {
      const actual = y[origin + h] ?? 0;
      const predicted = paths.mean[h] ?? 0;
      if (!Number.isFinite(predicted)) throw new Error('non-finite forecast');
      const err = actual - predicted;
      absSum += Math.abs(err);
      const denom = Math.abs(actual) + Math.abs(predicted);
      smapeSum += denom === 0 ? 0 : (200 * Math.abs(err)) / denom;
      points++;
      const halfWidth = err >= 0 ? (paths.upper80[h] ?? predicted) - predicted : predicted - (paths.lower80[h] ?? predicted);
      const sd = halfWidth / Z80;
      if (sd > 0) standardized.push(err / sd);
    }
  });
  return { mae: absSum / points, smape: smapeSum / points, points, standardizedErrors: standardized, folds };
}

/** In-sample MAE of the seasonal-naive (period 12) or, for short series, the naive forecast: MASE's scale. */
export function maseScale(y: readonly number[]): number {
  const m = y.length > 24 ? 12 : 1;
  let s = 0;
  let c = 0;
  for (let t = m; t < y.length; t++) {
    s += Math.abs((y[t] ?? 0) - (y[t - m] ?? 0));
    c++;
  }
  return c === 0 ? 0 : s / c;
}
