import { describe, expect, it } from 'vitest';
import { computeSalesDashboard, type DashboardOpportunity } from './sales-dashboard';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const deal = (
  id: string,
  stage: DashboardOpportunity['stage'],
  amount: number,
  closeDate: string,
  extra: Partial<DashboardOpportunity> = {},
): DashboardOpportunity => ({
  id,
  name: `Deal ${id}`,
  accountId: 'a1',
  ownerId: 'u1',
  teamId: 't1',
  stage,
  amount,
  currency: 'USD',
  probability: { prospecting: 10, qualification: 20, needs_analysis: 40, proposal: 60, negotiation: 80, closed_won: 100, closed_lost: 0 }[
    stage
  ],
  forecastCategory:
    stage === 'negotiation'
      ? 'commit'
      : stage === 'proposal'
        ? 'best_case'
        : stage === 'closed_won'
          ? 'closed'
          : stage === 'closed_lost'
            ? 'omitted'
            : 'pipeline',
  closeDate,
  createdAt: day('2025-01-01'),
  lineItems: [],
  stageHistory: [],
  ...extra,
});

const input = {
  opportunities: [
    deal('1', 'prospecting', 10_000, '2025-07-15'),
    deal('2', 'proposal', 20_000, '2025-08-10', {
      stageHistory: [
        { stage: 'prospecting', at: day('2025-01-01') },
        { stage: 'proposal', at: day('2025-03-01') },
      ],
    }),
    deal('3', 'negotiation', 50_000, '2025-07-20'),
    deal('4', 'closed_won', 30_000, '2025-05-31', { closedAt: day('2025-05-31') }),
    deal('5', 'closed_lost', 5_000, '2025-04-10'),
    deal('6', 'negotiation', 99_000, '2025-07-01', { ownerId: 'u2', currency: 'EUR' }),
  ],
  quotas: [{ userId: 'u1', teamId: 't1', period: 'quarter' as const, periodStart: '2025-07-01', currency: 'USD', amount: 100_000 }],
  accountNames: new Map([['a1', 'Acme']]),
  accountRegions: new Map([['a1', 'emea']]),
  userNames: new Map([['u1', 'Ann Lee']]),
  filters: {},
  asOf: '2025-06-30',
};

describe('computeSalesDashboard', () => {
  it('adds up the open pipeline, weighted value, categories and win rate in the most used currency', () => {
    const dashboard = computeSalesDashboard(input);
    expect(dashboard.currency).toBe('USD');
    expect(dashboard.currencies).toEqual(['USD', 'EUR']);
    expect(dashboard.totals).toMatchObject({
      openPipeline: 80_000,
      openCount: 3,
      weighted: 1_000 + 12_000 + 40_000,
      commit: 50_000,
      bestCase: 70_000,
      closedWon: 30_000,
      wonCount: 1,
      winRate: 0.5,
      avgCycleDays: 150,
    });
    expect(dashboard.byStage.find((row) => row.stage === 'negotiation')).toEqual({ stage: 'negotiation', amount: 50_000, count: 1 });
    expect(dashboard.topDeals.map((row) => row.name)).toEqual(['Deal 3', 'Deal 2', 'Deal 1']);
    expect(dashboard.topDeals[0]).toMatchObject({ accountName: 'Acme', ownerName: 'Ann Lee' });
  });

  it('counts a deal in every funnel stage it reached and shows quota against the quarter', () => {
    const dashboard = computeSalesDashboard(input);
    const funnel = Object.fromEntries(dashboard.funnel.map((row) => [row.stage, row.count]));
    expect(funnel).toMatchObject({ prospecting: 5, qualification: 3, needs_analysis: 3, proposal: 3, negotiation: 2, closed_won: 1 });
    expect(dashboard.forecastByQuarter).toEqual([
      { period: '2025-Q2', commit: 0, bestCase: 0, pipeline: 0, closed: 30_000, quota: null },
      { period: '2025-Q3', commit: 50_000, bestCase: 70_000, pipeline: 80_000, closed: 0, quota: 100_000 },
    ]);
  });

  it('builds 24 complete months of won revenue, the running month to date, and a forecast from the running month', () => {
    const dashboard = computeSalesDashboard(input);
    expect(dashboard.revenueHistory).toHaveLength(24);
    expect(dashboard.revenueHistory.at(-1)).toEqual({ period: '2025-05', value: 30_000 });
    expect(dashboard.revenueMonthToDate).toEqual({ period: '2025-06', value: 0, throughDay: 30, daysInMonth: 30 });
    expect(dashboard.revenueForecast[0]?.period).toBe('2025-06');
    expect(dashboard.forecastSignal).not.toBe('none');
    for (const point of dashboard.revenueForecast) expect(point.lower80).toBeLessThanOrEqual(point.upper80);
  });

  it('narrows by owner and by currency', () => {
    expect(computeSalesDashboard({ ...input, filters: { ownerId: 'u2' } }).totals.openPipeline).toBe(99_000);
    expect(computeSalesDashboard({ ...input, filters: { currency: 'EUR' } }).currency).toBe('EUR');
    expect(computeSalesDashboard({ ...input, filters: { from: '2025-08', to: '2025-08' } }).totals.openPipeline).toBe(20_000);
  });
});
