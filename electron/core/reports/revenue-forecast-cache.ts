import type { SeriesForecast, SeriesInput } from '../analytics/forecast-series';
import { FORECAST_MONTHS, toForecastView, type RevenueForecastView } from './sales-dashboard';

export type ForecastSeriesFn = (series: readonly SeriesInput[], horizon: number) => Promise<SeriesForecast[]>;
export type RevenueSeries = { readonly values: readonly number[]; readonly startPeriod: string; readonly lastMonth: number };

export type ForecastLookup = {
  /** Undefined: nothing finished yet for these filters; the caller shows the quick baselines. */
  readonly view: RevenueForecastView | undefined;
  readonly refreshing: boolean;
};

export type RevenueForecastCacheOptions = {
  readonly forecast: ForecastSeriesFn;
  /** A newer forecast is ready: dashboards should re-request. */
  readonly onReady: () => void;
  readonly log: (message: string, error: unknown) => void;
  /** Filter combinations remembered; the oldest is dropped beyond this. */
  readonly max?: number;
};

type Entry = { readonly valuesKey: string; readonly view: RevenueForecastView | undefined };

/**
 * Stale-while-revalidate for the dashboard's revenue forecast: the full model selection takes
 * seconds in a worker, so a request gets the last forecast for its filters at once and a changed
 * history starts one background run (one per filters; a newer history replaces an older run's result).
 */
export function createRevenueForecastCache(options: RevenueForecastCacheOptions) {
  const max = options.max ?? 50;
  const results = new Map<string, Entry>();
  const running = new Map<string, string>();
  let closed = false;

  const start = (filtersKey: string, valuesKey: string, series: RevenueSeries): void => {
    running.set(filtersKey, valuesKey);
    void options
      .forecast([{ key: filtersKey, values: series.values, startPeriod: series.startPeriod }], FORECAST_MONTHS)
      .then(
        ([result]) => (result ? toForecastView(result, series.lastMonth, series.values) : undefined),
        (error: unknown) => {
          // Remembered as "no full forecast" for this history, so a failing worker is not retried on every request.
          options.log('revenue forecast failed', error);
          return undefined;
        },
      )
      .then((view) => {
        if (closed || running.get(filtersKey) !== valuesKey) return;
        running.delete(filtersKey);
        results.delete(filtersKey);
        results.set(filtersKey, { valuesKey, view });
        if (results.size > max) results.delete(results.keys().next().value ?? '');
        options.onReady();
      });
  };

  return {
    lookup(filtersKey: string, series: RevenueSeries | null): ForecastLookup {
      if (!series) return { view: { points: [], model: null, backtest: null }, refreshing: false };
      const valuesKey = `${series.startPeriod}:${series.lastMonth}:${series.values.join(',')}`;
      const hit = results.get(filtersKey);
      if (hit?.valuesKey === valuesKey) return { view: hit.view, refreshing: false };
      if (running.get(filtersKey) !== valuesKey) start(filtersKey, valuesKey, series);
      return { view: hit?.view, refreshing: true };
    },
    close(): void {
      closed = true;
      running.clear();
    },
  };
}
