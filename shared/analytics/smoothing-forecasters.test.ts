import { describe, expect, it } from 'vitest';
import { normalDraw, seededRandom } from './stats';
import { fitSmoothing, hasSeason12, multiplicativeSeasonalIndices, thetaForecaster } from './smoothing-forecasters';

const seasonal = (n: number): number[] => Array.from({ length: n }, (_, t) => (100 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));

describe('smoothing forecasters', () => {
  it('finds a 12-month season and recovers its multiplicative indices', () => {
    const y = seasonal(60);
    expect(hasSeason12(y)).toBe(true);
    const idx = multiplicativeSeasonalIndices(y);
    expect(idx.reduce((a, b) => a + b, 0) / 12).toBeCloseTo(1, 6);
    idx.forEach((v, m) => expect(v).toBeCloseTo(1 + 0.3 * Math.sin((2 * Math.PI * m) / 12), 1));
    expect(hasSeason12(Array.from({ length: 60 }, (_, t) => 100 + t))).toBe(false);
  });

  it('fits simple exponential smoothing to a level with alpha near 0 and a random walk with alpha near 1', () => {
    const flat = Array.from({ length: 48 }, (_, t) => 100 + (t % 2 === 0 ? 1 : -1));
    expect(fitSmoothing(flat, 'ses').alpha).toBeLessThan(0.1);
    const rand = seededRandom(3);
    const walk = [100];
    for (let t = 1; t < 48; t++) walk.push((walk[t - 1] ?? 0) + 5 * normalDraw(rand));
    expect(fitSmoothing(walk, 'ses').alpha).toBeGreaterThan(0.8);
  });

  it('gives Theta a drift of half the trend slope and puts the season back', () => {
    const line = Array.from({ length: 40 }, (_, t) => 50 + 2 * t);
    const f = thetaForecaster.forecast(line, 3);
    // SES on a line lags it; the drift b/2 per month continues it.
    expect((f.mean[2] ?? 0) - (f.mean[1] ?? 0)).toBeCloseTo(1, 6);
    const s = thetaForecaster.forecast(seasonal(60), 12);
    const peak = s.mean.indexOf(Math.max(...s.mean));
    expect((60 + peak) % 12).toBe(3);
    for (let h = 0; h < 12; h++) expect(s.lower80[h] ?? 0).toBeLessThan(s.upper80[h] ?? 0);
  });
});
