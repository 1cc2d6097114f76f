import { describe, expect, it } from 'vitest';
import { seededRandom } from '../analytics/stats';
import { expectedPurchasesUnconditional } from './bgnbd';
import { summariseCustomers } from './customer-summary';
import { betaDraw, gammaDraw, simulateBgNbd, simulateGammaGamma } from './simulate-clv';

const BG = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  return { mean, variance: xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1) };
}

describe('gammaDraw and betaDraw', () => {
  it('have the moments of their distributions (100,000 draws, within 3 %)', () => {
    const rand = seededRandom(3);
    for (const [shape, rate] of [
      [0.243, 4.414],
      [6.25, 2],
      [1, 1],
    ] as const) {
      const { mean, variance } = moments(Array.from({ length: 100_000 }, () => gammaDraw(rand, shape, rate)));
      expect(Math.abs(mean / (shape / rate) - 1)).toBeLessThan(0.03);
      // The variance of a shape-0.243 gamma is dominated by rare large draws: 10 % there.
      expect(Math.abs(variance / (shape / rate ** 2) - 1)).toBeLessThan(shape < 1 ? 0.1 : 0.03);
    }
    const { mean } = moments(Array.from({ length: 100_000 }, () => betaDraw(rand, 0.793, 2.426)));
    expect(Math.abs(mean / (0.793 / (0.793 + 2.426)) - 1)).toBeLessThan(0.03);
  });
});

describe('simulateBgNbd', () => {
  const sim = simulateBgNbd(BG, { customers: 20_000, weeks: 52, acquisitionWeeks: 12, seed: 11, startDay: 1000, spend: GG });

  it('is reproducible from its seed', () => {
    const again = simulateBgNbd(BG, { customers: 50, weeks: 52, seed: 11, startDay: 1000, spend: GG });
    expect(again.customers).toEqual(sim.customers.slice(0, 50));
  });

  it('buys as many repeat purchases as the model expects, E[X(T)] averaged over the customers', () => {
    // Mean x has a standard error of about 1 % at this size.
    let expected = 0;
    let actual = 0;
    for (const c of sim.customers) {
      expected += expectedPurchasesUnconditional(BG, c.T);
      actual += c.x;
    }
    expect(Math.abs(actual / expected - 1)).toBeLessThan(0.05);
  });

  it('writes transactions that summarise back to the customers (up to same-day purchases)', () => {
    const summaries = new Map(summariseCustomers(sim.transactions, { endDay: 1000 + 52 * 7 }).map((c) => [c.accountId, c]));
    expect(summaries.size).toBe(20_000);
    let same = 0;
    for (const c of sim.customers) {
      const s = summaries.get(c.accountId);
      expect(s?.firstDay).toBe(c.firstDay);
      expect(s?.lastDay).toBe(c.lastDay);
      if (s?.x === c.x) same++;
      else expect(s?.x ?? 0).toBeLessThan(c.x);
    }
    // Only the fastest buyers (a few percent under these parameters) ever buy twice on one day.
    expect(same / 20_000).toBeGreaterThan(0.95);
    expect(sim.transactions.every((t) => Number.isInteger(t.amount) && t.amount >= 1)).toBe(true);
  });
});

describe('simulateGammaGamma', () => {
  it('draws single spends with the population mean p gamma / (q - 1) (50,000 customers, within 3 %)', () => {
    const spends = simulateGammaGamma(GG, { frequencies: Array.from({ length: 50_000 }, () => 1), seed: 2 });
    expect(Math.abs(moments(spends.map((s) => s.monetary)).mean / ((GG.p * GG.gamma) / (GG.q - 1)) - 1)).toBeLessThan(0.03);
    expect(() => simulateGammaGamma(GG, { frequencies: [0], seed: 1 })).toThrow(/frequencies/);
  });
});
