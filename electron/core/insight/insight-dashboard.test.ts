import { describe, expect, it } from 'vitest';
import type { AccountInsight } from '../../../shared/contract/insight/insight-requests';
import { AT_RISK_ROWS, clvBuckets, rankAtRisk } from './insight-dashboard';

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

describe('rankAtRisk', () => {
  const insight = (
    accountId: string,
    currency: string,
    risk: number,
    clv12m: number | null,
    lapsedDays?: number,
  ): Omit<AccountInsight, 'status'> => ({
    accountId,
    currency,
    history: { transactions: 1, firstPurchase: null, lastPurchase: null, totalSpend: 0 },
    clv: clv12m === null ? null : { expectedPurchases12m: 1, pAlive: 0.5, expectedSpend: 1, clv12m },
    churn: {
      risk,
      band: risk >= 0.6 ? 'high' : 'low',
      ...(lapsedDays === undefined ? {} : { lapsed: true }),
      reasons:
        lapsedDays === undefined
          ? [{ code: 'fewer_purchases', params: {} }]
          : [{ code: 'no_recent_purchase', params: { days: lapsedDays } }],
    },
    rfm: null,
    recommendations: [],
    computedAt: 0,
  });

  it('ranks by risk times CLV relative to the currency, and leaves out lapsed accounts', () => {
    const scored = [
      insight('small-eur', 'EUR', 0.9, 1_000),
      insight('big-eur', 'EUR', 0.5, 100_000),
      insight('mid-eur', 'EUR', 0.6, 10_000),
      // 10,000 EUR is typical in EUR; 1,500,000 JPY is typical in JPY.
      insight('mid-jpy', 'JPY', 0.7, 1_500_000),
      insight('no-clv', 'EUR', 0.95, null),
      // Lapsed long ago: risk 1 and a large CLV, but already gone.
      insight('gone', 'EUR', 1, 100_000, 400),
    ];
    const clvByCurrency = new Map([
      ['EUR', [1_000, 10_000, 100_000]],
      ['JPY', [1_500_000]],
    ]);
    expect(rankAtRisk(scored, clvByCurrency).map((i) => i.accountId)).toEqual(['big-eur', 'no-clv', 'mid-jpy', 'mid-eur', 'small-eur']);
    const many = Array.from({ length: AT_RISK_ROWS + 5 }, (_, i) => insight(`a${String(i).padStart(2, '0')}`, 'EUR', 0.5, 1_000));
    expect(rankAtRisk(many, clvByCurrency)).toHaveLength(AT_RISK_ROWS);
  });
});
