import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic, sigmoid } from './logistic-regression';
import { normalDraw, rocAuc, seededRandom } from './stats';

describe('fitLogistic', () => {
  it('recovers known coefficients (within 0.15) on standardised features', () => {
    const rand = seededRandom(11);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const a = normalDraw(rand);
      const b = normalDraw(rand);
      rows.push([a, b, 3]);
      labels.push(rand() < sigmoid(0.5 + 1.2 * a - 0.8 * b) ? 1 : 0);
    }
    const m = fitLogistic(rows, labels, ['a', 'b', 'const'], { lambda: 0.01 });
    expect(Math.abs((m.weights[0] ?? 0) - 1.2)).toBeLessThan(0.15);
    expect(Math.abs((m.weights[1] ?? 0) + 0.8)).toBeLessThan(0.15);
    expect(m.weights[2]).toBe(0);
    expect(Math.abs(m.intercept - 0.5)).toBeLessThan(0.15);
    // The intercept is the log-odds of an average row, because features are centred.
    expect(predictLogistic(m, [m.means[0] ?? 0, m.means[1] ?? 0, 3])).toBeCloseTo(sigmoid(m.intercept), 10);
  });

  it('stays finite on perfectly separable data thanks to the ridge', () => {
    const m = fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], ['x']);
    expect(Number.isFinite(m.weights[0])).toBe(true);
    expect(predictLogistic(m, [3])).toBeGreaterThan(0.5);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0.5 for ties, with a Hanley-McNeil interval', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]).auc).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1]).auc).toBe(0.5);
    const r = rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
    expect(r.auc).toBe(0.75);
    expect(r.lower95).toBeLessThan(r.auc);
  });
});
