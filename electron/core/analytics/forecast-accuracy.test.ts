import { describe, expect, it } from 'vitest';
import { meanForecaster, seasonalNaiveForecaster } from '../../../shared/analytics/baseline-forecasters';
import type { Forecaster } from '../../../shared/analytics/forecast-types';
import { maseScale } from '../../../shared/analytics/rolling-backtest';
import { selectAndForecast } from '../../../shared/analytics/select-forecast';
import { thetaForecaster } from '../../../shared/analytics/smoothing-forecasters';
import { monthlySeriesSuite } from '../../../tests/support/monthly-series-suite';
import { autoEtsForecaster, mstlForecaster } from './augurs-forecasters';
import { COMBINE_BEST, REVENUE_CANDIDATES } from './forecast-series';

const SERIES = 500;
const HORIZON = 12;

type Score = { smape: number; mase: number; coverage80: number; coverage95: number };

function score(candidates: readonly Forecaster[], combineBest: number): Score {
  let smape = 0;
  let mase = 0;
  let in80 = 0;
  let in95 = 0;
  let points = 0;
  const suite = monthlySeriesSuite(SERIES, 42, HORIZON);
  for (const s of suite) {
    const result = selectAndForecast(s.history, { horizon: HORIZON, candidates, combineBest });
    const scale = maseScale(s.history);
    let sm = 0;
    let ae = 0;
    result.points.forEach((p, h) => {
      const actual = s.future[h] ?? 0;
      const denom = Math.abs(actual) + Math.abs(p.mean);
      sm += denom === 0 ? 0 : (200 * Math.abs(actual - p.mean)) / denom;
      ae += Math.abs(actual - p.mean);
      if (actual >= p.lower80 && actual <= p.upper80) in80++;
      if (actual >= p.lower95 && actual <= p.upper95) in95++;
      points++;
    });
    smape += sm / HORIZON;
    mase += scale > 0 ? ae / HORIZON / scale : 0;
  }
  return { smape: smape / SERIES, mase: mase / SERIES, coverage80: in80 / points, coverage95: in95 / points };
}

// 500 seeded monthly series, 100 each of trend, multiplicative season, damped trend, noise and
// intermittent, 3–6 years of history, scored on the 12 months after it.
describe('revenue forecast accuracy on monthly series of known structure', () => {
  const previous = score([meanForecaster, seasonalNaiveForecaster, autoEtsForecaster, mstlForecaster], 0);
  const current = score(REVENUE_CANDIDATES, COMBINE_BEST);
  const theta = score([thetaForecaster], 0);

  it('beats the selection without Theta, damped, Comb and the average in mean sMAPE and MASE', () => {
    expect(current.smape).toBeLessThan(previous.smape);
    expect(current.mase).toBeLessThan(previous.mase);
  });

  it('is at least as accurate as the Theta method alone', () => {
    expect(current.smape).toBeLessThanOrEqual(theta.smape);
    expect(current.mase).toBeLessThanOrEqual(theta.mase);
  });

  it('keeps its interval coverage on the held-out months', () => {
    expect(current.coverage80).toBeGreaterThanOrEqual(0.75);
    expect(current.coverage80).toBeLessThanOrEqual(0.85);
    expect(current.coverage95).toBeGreaterThanOrEqual(0.9);
    expect(current.coverage95).toBeLessThanOrEqual(0.97);
  });
});
