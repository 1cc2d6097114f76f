import { describe, expect, it } from 'vitest';
import { clvBuckets } from './insight-dashboard';

describe('clvBuckets', () => {
  it('splits 0..p95 into round equal buckets and keeps the rest in an open last one', () => {
    const values = [...Array.from({ length: 99 }, (_, i) => i * 1_000), 5_000_000];
    const { buckets, total } = clvBuckets(values);
    expect(buckets).toHaveLength(6);
    expect(buckets[0]?.from).toBe(0);
    expect(buckets.at(-1)?.to).toBeNull();
    // p95 = 95,000 over 5 steps → a round step of 20,000.
    expect(buckets[1]?.from).toBe(20_000);
    expect(buckets.reduce((sum, b) => sum + b.accounts, 0)).toBe(100);
    expect(buckets.at(-1)?.accounts).toBe(1);
    expect(total).toBe(values.reduce((a, b) => a + b, 0));
  });

  it('puts negative and zero values in the first bucket and copes with one account', () => {
    expect(clvBuckets([0]).buckets[0]?.accounts).toBe(1);
    expect(clvBuckets([-5, 0]).buckets[0]?.accounts).toBe(2);
    expect(clvBuckets([]).total).toBe(0);
  });
});
