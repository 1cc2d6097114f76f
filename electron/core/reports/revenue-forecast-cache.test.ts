import { describe, expect, it } from 'vitest';
import type { SeriesForecast, SeriesInput } from '../analytics/forecast-series';
import { createRevenueForecastCache } from './revenue-forecast-cache';

const fakeForecast = (series: readonly SeriesInput[], horizon: number): Promise<SeriesForecast[]> =>
  Promise.resolve(
    series.map((s) => ({
      key: s.key,
      model: 'auto_ets',
      points: Array.from({ length: horizon }, (_, i) => ({
        step: i + 1,
        period: `2025-0${i + 1}`,
        mean: 10,
        lower80: 5,
        upper80: 15,
        lower95: 2,
        upper95: 18,
      })),
      backtestError: { mae: 1, smape: 12.3, mase: 0.8, folds: 2, points: 12 },
      candidates: [],
      notes: [],
    })),
  );

describe('revenue forecast cache', () => {
  it('serves the last forecast at once and refreshes in the background when the history changes', async () => {
    let ready = 0;
    const cache = createRevenueForecastCache({ forecast: fakeForecast, onReady: () => ready++, log: () => undefined });
    const series = { values: [1, 2, 3], startPeriod: '2024-10', lastMonth: 24_300 };
    expect(cache.lookup('all', series)).toEqual({ view: undefined, refreshing: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(ready).toBe(1);
    const hit = cache.lookup('all', series);
    expect(hit.refreshing).toBe(false);
    expect(hit.view?.model).toBe('auto_ets');
    expect(hit.view?.backtest).toEqual({ smape: 12.3, mase: 0.8, errorShare: 0.5 });

    const stale = cache.lookup('all', { ...series, values: [1, 2, 4] });
    expect(stale.refreshing).toBe(true);
    expect(stale.view?.model).toBe('auto_ets');
  });

  it('remembers a failed run as "no full forecast" instead of retrying on every request', async () => {
    const cache = createRevenueForecastCache({
      forecast: () => Promise.reject(new Error('boom')),
      onReady: () => undefined,
      log: () => undefined,
    });
    const series = { values: [1, 2, 3], startPeriod: '2024-10', lastMonth: 24_300 };
    cache.lookup('all', series);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.lookup('all', series)).toEqual({ view: undefined, refreshing: false });
  });
});
