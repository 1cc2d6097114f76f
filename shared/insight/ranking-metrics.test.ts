import { describe, expect, it } from 'vitest';
import { hitAtK, ndcgAtK } from './ranking-metrics';

describe('ranking metrics', () => {
  const relevant = new Set(['b', 'x']);

  it('hit@k is 1 when a relevant item is in the first k', () => {
    expect(hitAtK(['a', 'b', 'c'], relevant, 2)).toBe(1);
    expect(hitAtK(['a', 'c', 'b'], relevant, 2)).toBe(0);
    expect(hitAtK([], relevant, 5)).toBe(0);
  });

  it('NDCG@k discounts by log2(rank + 1) against the ideal order', () => {
    expect(ndcgAtK(['b', 'x', 'a'], relevant, 5)).toBeCloseTo(1);
    // One relevant item at rank 2 of two relevant: (1 / log2 3) / (1 + 1 / log2 3).
    expect(ndcgAtK(['a', 'b', 'c'], relevant, 5)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
    // With one relevant item, finding it first is perfect.
    expect(ndcgAtK(['x'], new Set(['x']), 5)).toBe(1);
    expect(ndcgAtK(['a', 'c'], relevant, 5)).toBe(0);
    expect(ndcgAtK(['b'], new Set(), 5)).toBe(0);
  });

  it('credits a repeated item once and refuses a bad k', () => {
    expect(ndcgAtK(['b', 'b'], relevant, 2)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)));
    expect(() => hitAtK(['a'], relevant, 0)).toThrow(/k must be/);
    expect(() => ndcgAtK(['a'], relevant, 1.5)).toThrow(/k must be/);
  });
});
