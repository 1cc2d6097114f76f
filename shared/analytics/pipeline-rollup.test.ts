import { describe, expect, it } from 'vitest';
import type { ForecastCategory, OpportunityStage } from '../schemas';
import { rollUpPipeline, type RollupOpportunity } from './pipeline-rollup';
import { buildRevenueSeries } from './revenue-series';

let seq = 0;
function opp(
  stage: OpportunityStage,
  category: ForecastCategory,
  amount: number,
  probability: number,
  closeDate: string,
  extra: Partial<RollupOpportunity> = {},
): RollupOpportunity {
  return {
    id: `o${seq++}`,
    ownerId: 'ann',
    teamId: 'east',
    accountId: 'acc1',
    stage,
    amount,
    currency: 'USD',
    probability,
    forecastCategory: category,
    closeDate,
    lineItems: [],
    ...extra,
  };
}

// Small known dataset: the sums below were computed by hand.
const deals: RollupOpportunity[] = [
  opp('negotiation', 'commit', 10_000, 80, '2025-01-15'),
  opp('proposal', 'best_case', 20_000, 60, '2025-01-20'),
  opp('qualification', 'pipeline', 5_000, 20, '2025-02-03'),
  opp('closed_won', 'closed', 7_000, 100, '2025-02-28'),
  opp('closed_lost', 'omitted', 9_999, 0, '2025-03-01'),
  opp('prospecting', 'omitted', 4_000, 10, '2025-03-10', { ownerId: 'bob', teamId: 'west', accountId: 'acc2' }),
  opp('proposal', 'commit', 3_333, 33, '2025-04-02', {
    ownerId: 'bob',
    teamId: 'west',
    accountId: 'acc2',
    amount: 3_000,
    lineItems: [
      { id: 'l1', productId: 'p1', quantity: 1, unitPrice: 1_000, discountPercent: 0 },
      { id: 'l2', productId: 'p2', quantity: 2, unitPrice: 1_000, discountPercent: 0 },
    ],
  }),
];
const regions = new Map([
  ['acc1', 'emea'],
  ['acc2', 'apac'],
]);

describe('rollUpPipeline', () => {
  it('sums weighted and cumulative categories per month', () => {
    const rows = rollUpPipeline(deals, { period: 'month' });
    expect(rows.map((r) => r.period)).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
    const jan = rows[0];
    expect(jan?.weighted).toBe(8_000 + 12_000);
    expect(jan?.commit).toBe(10_000);
    expect(jan?.bestCase).toBe(30_000);
    expect(jan?.pipeline).toBe(30_000);
    expect(rows[1]).toMatchObject({ weighted: 1_000, commit: 0, bestCase: 0, pipeline: 5_000, closed: 7_000, wonCount: 1, openCount: 1 });
    // An omitted deal is open (counted) but stays out of the weighted figure and every category total.
    expect(rows[2]).toMatchObject({ weighted: 0, pipeline: 0, closed: 0, openCount: 1 });
    expect(rows[2]?.byCategory.omitted).toBe(4_000);
    expect(rows[3]).toMatchObject({ weighted: 990, commit: 3_000 });
  });

  it('rolls up by quarter with owner, team and region filters', () => {
    const q = rollUpPipeline(deals, { period: 'quarter', filter: { ownerIds: ['ann'] } });
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({ period: '2025-Q1', weighted: 21_000, commit: 10_000, bestCase: 30_000, pipeline: 35_000, closed: 7_000 });
    expect(rollUpPipeline(deals, { period: 'quarter', filter: { teamIds: ['west'] } }).map((r) => r.period)).toEqual([
      '2025-Q1',
      '2025-Q2',
    ]);
    const byRegion = rollUpPipeline(deals, {
      period: 'quarter',
      groupBy: 'region',
      accountRegions: regions,
      filter: { regions: ['apac'] },
    });
    expect(byRegion.map((r) => [r.period, r.group, r.weighted])).toEqual([
      ['2025-Q1', 'apac', 0],
      ['2025-Q2', 'apac', 990],
    ]);
  });

  it('counts only matching line items for a product', () => {
    const rows = rollUpPipeline(deals, { period: 'month', filter: { productIds: ['p2'] } });
    expect(rows).toEqual([expect.objectContaining({ period: '2025-04', commit: 2_000, weighted: 660 })]);
    const grouped = rollUpPipeline(deals, { period: 'month', groupBy: 'product' });
    expect(grouped.map((r) => [r.group, r.commit])).toEqual([
      ['p1', 1_000],
      ['p2', 2_000],
    ]);
  });
});

describe('buildRevenueSeries', () => {
  it('fills months without wins with zeros up to the end period', () => {
    const won = [
      opp('closed_won', 'closed', 100, 100, '2024-11-05'),
      opp('closed_won', 'closed', 50, 100, '2025-01-31'),
      opp('closed_won', 'closed', 25, 100, '2025-01-01', { currency: 'EUR' }),
    ];
    const series = buildRevenueSeries(won, { dimension: 'owner', currency: 'USD', endPeriod: '2025-03' });
    expect(series).toEqual([{ key: 'ann', currency: 'USD', startPeriod: '2024-11', values: [100, 0, 50, 0, 0] }]);
  });
});
