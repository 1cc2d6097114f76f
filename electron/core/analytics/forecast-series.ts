import { meanForecaster, seasonalNaiveForecaster } from '../../../shared/analytics/baseline-forecasters';
import type { ForecastResult, Forecaster } from '../../../shared/analytics/forecast-types';
import { monthIndex, monthKeyOfIndex } from '../../../shared/analytics/periods';
import { selectAndForecast } from '../../../shared/analytics/select-forecast';
import { combForecaster, dampedTrendForecaster, thetaForecaster } from '../../../shared/analytics/smoothing-forecasters';
import { autoEtsForecaster, mstlForecaster } from './augurs-forecasters';

/**
 * Simple to complex: the selector only moves right on a clear backtest win. Theta, damped trend and
 * Comb are the standard benchmarks for monthly series; the average of the two best competes too
 * (electron/core/analytics/forecast-accuracy.test.ts measures the choice against today's and Theta).
 */
export const REVENUE_CANDIDATES: readonly Forecaster[] = [
  meanForecaster,
  seasonalNaiveForecaster,
  thetaForecaster,
  dampedTrendForecaster,
  combForecaster,
  autoEtsForecaster,
  mstlForecaster,
];
/** How many of the best candidates the averaged forecast combines. */
export const COMBINE_BEST = 2;

export type SeriesInput = {
  readonly key: string;
  /** Monthly values, oldest first, no gaps (missing months are 0). */
  readonly values: readonly number[];
  /** `YYYY-MM` of `values[0]`, to label forecast months. */
  readonly startPeriod?: string;
};

export type SeriesForecast = ForecastResult & { readonly key: string };

/** Five years ahead is already far past what monthly sales history can say anything about. */
export const MAX_HORIZON = 60;

export function forecastSeries(series: SeriesInput, horizon: number): SeriesForecast {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON)
    throw new Error(`horizon must be a whole number of months from 1 to ${MAX_HORIZON}`);
  const start = series.startPeriod;
  const next = start === undefined ? undefined : monthIndex(start) + series.values.length - 1;
  const result = selectAndForecast(series.values, {
    horizon,
    candidates: REVENUE_CANDIDATES,
    combineBest: COMBINE_BEST,
    ...(next === undefined ? {} : { labelPeriod: (step: number) => monthKeyOfIndex(next + step) }),
  });
  return { key: series.key, ...result };
}
