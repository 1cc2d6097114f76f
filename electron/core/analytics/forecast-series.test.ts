import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/stats';
import { forecastSeries } from './forecast-series';
import { simulateSeries, type SimulatedKind } from '../../../tests/support/simulated-series';

const H = 12;

function run(kind: SimulatedKind, length: number, seed: number) {
  const s = simulateSeries(kind, length + H, seededRandom(seed));
  const result = forecastSeries({ key: kind, values: s.values.slice(0, length), startPeriod: '2020-01' }, H);
  return { result, future: s.values.slice(length), truth: s.truth.slice(length) };
}

const maxAbsDiff = (a: readonly number[], b: readonly number[]): number => Math.max(...a.map((v, i) => Math.abs(v - (b[i] ?? 0))));

// Tolerances are in multiples of the noise sd (10) and are documented in docs/forecasting.md.
describe('forecastSeries recovers known patterns', () => {
  it('linear trend: every step within 3 sd of the true line', () => {
    const { result, truth } = run('trend', 48, 1);
    // A model that extrapolates a trend, not a level or last year's months.
    expect(['theta', 'damped_trend', 'comb', 'auto_ets', 'combination']).toContain(result.model);
    expect(
      maxAbsDiff(
        result.points.map((p) => p.mean),
        truth,
      ),
    ).toBeLessThan(30);
    expect(result.points[0]?.period).toBe('2024-01');
    expect(result.backtestError?.mase).toBeLessThan(1);
  });

  it('12-month season: picks a seasonal model, within 2 sd on average, peak month right', () => {
    const { result, truth } = run('seasonal', 60, 2);
    expect(['mstl_12', 'seasonal_naive_12']).toContain(result.model);
    const means = result.points.map((p) => p.mean);
    const mae = means.reduce((s, m, i) => s + Math.abs(m - (truth[i] ?? 0)), 0) / H;
    expect(mae).toBeLessThan(20);
    const peak = (xs: readonly number[]): number => xs.indexOf(Math.max(...xs));
    expect(Math.abs(peak(means) - peak(truth))).toBeLessThanOrEqual(1);
  });

  it('flat: within 1 sd of the level, no seasonal model', () => {
    const { result } = run('flat', 48, 3);
    expect(['mean', 'auto_ets']).toContain(result.model);
    for (const p of result.points) expect(Math.abs(p.mean - 150)).toBeLessThan(10);
  });

  it('intermittent: Croston-SBA or mean, mean demand within 40%, lower bounds at 0', () => {
    const { result } = run('intermittent', 48, 4);
    expect(['croston_sba', 'mean']).toContain(result.model);
    expect(result.notes.join(' ')).toMatch(/Intermittent/);
    for (const p of result.points) {
      expect(Math.abs(p.mean - 20)).toBeLessThan(8);
      expect(p.lower80).toBe(0);
    }
  });

  it('short: 10 months get no seasonal model; 4 months get a mean without backtest', () => {
    const ten = run('flat', 10, 5).result;
    expect(['mean', 'auto_ets']).toContain(ten.model);
    expect(ten.notes.join(' ')).toMatch(/Too short for/);
    const four = run('flat', 4, 6).result;
    expect(four.model).toBe('mean');
    expect(four.backtestError).toBeNull();
    expect(Math.abs((four.points[0]?.mean ?? 0) - 150)).toBeLessThan(20);
  });
});

describe('interval coverage over simulated series', () => {
  it('80% and 95% intervals cover held-out months at about their nominal rate', () => {
    const kinds: SimulatedKind[] = ['trend', 'seasonal', 'flat', 'random_walk', 'intermittent'];
    const perKind: Record<string, { c80: number; c95: number; n: number }> = {};
    let c80 = 0;
    let c95 = 0;
    let total = 0;
    for (let i = 0; i < 150; i++) {
      const kind = kinds[i % kinds.length] ?? 'flat';
      const { result, future } = run(kind, 48, 1000 + i);
      const k = (perKind[kind] ??= { c80: 0, c95: 0, n: 0 });
      result.points.forEach((p, h) => {
        const a = future[h] ?? 0;
        const in80 = a >= p.lower80 && a <= p.upper80 ? 1 : 0;
        const in95 = a >= p.lower95 && a <= p.upper95 ? 1 : 0;
        c80 += in80;
        c95 += in95;
        k.c80 += in80;
        k.c95 += in95;
        k.n++;
        total++;
      });
    }
    const rates = Object.fromEntries(
      Object.entries(perKind).map(([kind, v]) => [kind, [v.c80 / v.n, v.c95 / v.n].map((r) => r.toFixed(3))]),
    );
    console.info('coverage', { c80: (c80 / total).toFixed(3), c95: (c95 / total).toFixed(3), ...rates });
    expect(c80 / total).toBeGreaterThanOrEqual(0.7);
    expect(c80 / total).toBeLessThanOrEqual(0.9);
    expect(c95 / total).toBeGreaterThanOrEqual(0.88);
    expect(c95 / total).toBeLessThanOrEqual(0.99);
  });
});
