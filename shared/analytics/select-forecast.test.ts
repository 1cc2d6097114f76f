import { describe, expect, it } from 'vitest';
import { meanForecaster, seasonalNaiveForecaster } from './baseline-forecasters';
import type { Forecaster } from './forecast-types';
import { intervalScale, selectAndForecast } from './select-forecast';
import { normalDraw, seededRandom } from './stats';

const failing: Forecaster = {
  name: 'auto_ets',
  minLength: 2,
  forecast() {
    throw new Error('boom');
  },
};

describe('selectAndForecast (pure parts)', () => {
  it('forecasts zero for an empty or all-zero history and says so', () => {
    const r = selectAndForecast([0, 0, 0, 0, 0, 0, 0, 0], { horizon: 3, candidates: [meanForecaster] });
    expect(r.model).toBe('zero');
    expect(r.points.map((p) => p.upper95)).toEqual([0, 0, 0]);
    expect(r.notes[0]).toMatch(/No closed-won revenue/);
  });

  it('records a failing candidate and picks among the rest; seasonal naive wins on an exact season', () => {
    const season = Array.from({ length: 48 }, (_, t) => 100 + [0, 5, 10, 40, 10, 5, 0, -5, -10, -40, -10, -5][t % 12]!);
    const r = selectAndForecast(season, {
      horizon: 12,
      candidates: [meanForecaster, seasonalNaiveForecaster, failing],
      labelPeriod: (s) => `step${s}`,
    });
    expect(r.model).toBe('seasonal_naive_12');
    expect(r.points[3]?.mean).toBe(140);
    expect(r.points[0]?.period).toBe('step1');
    expect(r.candidates).toContainEqual({ model: 'auto_ets', failed: 'boom' });
    expect(r.backtestError).toMatchObject({ mae: 0, folds: 2 });
  });

  it('keeps the simpler model on a near-tie and never lets lower bounds go negative for revenue', () => {
    const rand = seededRandom(3);
    const flat = Array.from({ length: 36 }, () => 10 + 4 * normalDraw(rand));
    const r = selectAndForecast(flat, { horizon: 2, candidates: [meanForecaster, seasonalNaiveForecaster] });
    expect(r.model).toBe('mean');
    for (const p of r.points) expect(p.lower95).toBeGreaterThanOrEqual(0);
  });

  it('widens intervals only when backtest errors exceed the claimed spread', () => {
    expect(intervalScale([])).toBe(1);
    expect(intervalScale([0.1, -0.2, 0.3])).toBe(1);
    expect(intervalScale(new Array<number>(40).fill(2))).toBeGreaterThan(1.5);
  });
});
