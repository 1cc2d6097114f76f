import { describe, expect, it } from 'vitest';
import type { MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import {
  computeMarketingDashboard,
  dashboardFactsFromData,
  type DashboardCampaign,
  type MarketingDashboardData,
} from './compute-marketing-dashboard';

const at = (day: string): number => Date.parse(`${day}T12:00:00Z`);
const base = { ownerId: 'u1', teamId: 't1', status: 'completed' as const };

/**
 * Hand-worked example. USD: A (e-mail, cost 500.00) and B (event, cost 1,000.00); EUR: C (event, 300.00).
 * Contact c1 responded to A (Jan 10) and then B (Feb 10) before deal D1 (USD 3,000.00) closed on Mar 1:
 * first touch credits A, last touch B, even split 1,500.00 each. Contact c2 responded to C; its EUR
 * deal D2 (600.00) goes to C under every model, its USD deal D3 is in another currency than C and is
 * skipped. Lead L1 was captured by A; lead L2 came without a campaign.
 */
const campaigns: DashboardCampaign[] = [
  {
    ...base,
    id: 'A',
    name: 'Spring mailing',
    type: 'email',
    startDate: '2026-01-01',
    endDate: '2026-01-31',
    currency: 'USD',
    budget: 100_000,
    actualCost: 50_000,
  },
  {
    ...base,
    id: 'B',
    name: 'Expo',
    type: 'event',
    startDate: '2026-02-01',
    endDate: '2026-02-28',
    currency: 'USD',
    budget: 200_000,
    actualCost: 100_000,
  },
  {
    ...base,
    id: 'C',
    name: 'Salon',
    type: 'event',
    startDate: '2026-03-01',
    endDate: '2026-03-31',
    currency: 'EUR',
    budget: 30_000,
    actualCost: 30_000,
  },
];
const data: MarketingDashboardData = {
  campaigns,
  members: [
    { campaignId: 'A', contactId: 'c1', status: 'responded', respondedAt: at('2026-01-10') },
    { campaignId: 'A', leadId: 'L1', status: 'targeted' },
    { campaignId: 'B', contactId: 'c1', status: 'responded', respondedAt: at('2026-02-10') },
    { campaignId: 'C', contactId: 'c2', status: 'responded', respondedAt: at('2026-03-05') },
  ],
  leads: [
    { id: 'L1', createdAt: at('2026-01-15'), campaignId: 'A', ownerId: 'u1', teamId: 't1' },
    { id: 'L2', createdAt: at('2026-02-03'), ownerId: 'u2', teamId: 't1' },
  ],
  opportunities: [
    {
      id: 'D1',
      stage: 'closed_won',
      amount: 300_000,
      currency: 'USD',
      createdAt: at('2026-01-05'),
      closedAt: at('2026-03-01'),
      closeDate: '2026-03-01',
      primaryContactId: 'c1',
    },
    {
      id: 'D2',
      stage: 'closed_won',
      amount: 60_000,
      currency: 'EUR',
      createdAt: at('2026-03-06'),
      closedAt: at('2026-03-20'),
      closeDate: '2026-03-20',
      primaryContactId: 'c2',
    },
    {
      id: 'D3',
      stage: 'closed_won',
      amount: 10_000,
      currency: 'USD',
      createdAt: at('2026-03-06'),
      closedAt: at('2026-03-25'),
      closeDate: '2026-03-25',
      primaryContactId: 'c2',
    },
    {
      id: 'D4',
      stage: 'closed_lost',
      amount: 99_000,
      currency: 'USD',
      createdAt: at('2026-01-06'),
      closeDate: '2026-03-25',
      primaryContactId: 'c1',
    },
  ],
};

const dashboard = (filters: MarketingDashboardFilters) =>
  computeMarketingDashboard({
    facts: dashboardFactsFromData(data),
    filters: { from: '2026-01', to: '2026-03', ...filters },
    asOf: '2026-04-02',
    segments: { status: 'unavailable', rows: [] },
  });

describe('marketing dashboard aggregates', () => {
  it('ROI per campaign under each model, and the chosen model in the row', () => {
    const d = dashboard({ model: 'last_touch' });
    const row = (id: string) => d.campaigns.find((c) => c.id === id)!;
    expect(row('A').byModel).toEqual({
      first_touch: { revenue: 300_000, roi: 5 },
      last_touch: { revenue: 0, roi: -1 },
      even_split: { revenue: 150_000, roi: 2 },
    });
    expect(row('B').byModel).toEqual({
      first_touch: { revenue: 0, roi: -1 },
      last_touch: { revenue: 300_000, roi: 2 },
      even_split: { revenue: 150_000, roi: 0.5 },
    });
    expect(row('C').byModel.first_touch).toEqual({ revenue: 60_000, roi: 1 });
    expect(row('B')).toMatchObject({ revenue: 300_000, roi: 2, wonDeals: 1 });
    expect(dashboard({ model: 'first_touch' }).campaigns.find((c) => c.id === 'A')).toMatchObject({ revenue: 300_000, roi: 5 });
  });

  it('ROI by type is per type and currency, under every model', () => {
    const d = dashboard({});
    expect(d.roiByType).toEqual([
      {
        type: 'email',
        currency: 'USD',
        campaigns: 1,
        actualCost: 50_000,
        byModel: {
          first_touch: { revenue: 300_000, roi: 5 },
          last_touch: { revenue: 0, roi: -1 },
          even_split: { revenue: 150_000, roi: 2 },
        },
      },
      {
        type: 'event',
        currency: 'EUR',
        campaigns: 1,
        actualCost: 30_000,
        byModel: {
          first_touch: { revenue: 60_000, roi: 1 },
          last_touch: { revenue: 60_000, roi: 1 },
          even_split: { revenue: 60_000, roi: 1 },
        },
      },
      {
        type: 'event',
        currency: 'USD',
        campaigns: 1,
        actualCost: 100_000,
        byModel: {
          first_touch: { revenue: 0, roi: -1 },
          last_touch: { revenue: 300_000, roi: 2 },
          even_split: { revenue: 150_000, roi: 0.5 },
        },
      },
    ]);
  });

  it('spend vs budget per currency, never added across currencies; the main currency is the most used', () => {
    const d = dashboard({ model: 'last_touch' });
    expect(d.currency).toBe('USD');
    expect(d.currencies).toEqual(['USD', 'EUR']);
    expect(d.totals).toMatchObject({
      currency: 'USD',
      campaigns: 2,
      budget: 300_000,
      actualCost: 150_000,
      revenue: 300_000,
      roi: 1,
      leads: 1,
      costPerLead: 150_000,
      members: 4,
    });
    expect(d.totalsByCurrency.find((t) => t.currency === 'EUR')).toMatchObject({
      budget: 30_000,
      actualCost: 30_000,
      revenue: 60_000,
      roi: 1,
    });
    expect(dashboard({ currency: 'EUR' }).totals).toMatchObject({ currency: 'EUR', campaigns: 1, actualCost: 30_000 });
    expect(d.notes.skippedDeals).toBe(1);
  });

  it('leads by source per month, the funnel summed over the campaigns, and the filters', () => {
    const d = dashboard({});
    expect(d.leadsByMonth).toEqual([
      { month: '2026-01', campaign: 1, noCampaign: 0 },
      { month: '2026-02', campaign: 0, noCampaign: 1 },
      { month: '2026-03', campaign: 0, noCampaign: 0 },
    ]);
    expect(d.funnel.map((s) => s.count)).toEqual([4, 3, 3, 3, 0, 0]);
    expect(d.campaigns.find((c) => c.id === 'A')).toMatchObject({ leads: 1, costPerLead: 50_000, members: 2 });

    const events = dashboard({ campaignType: 'event' });
    expect(events.campaigns.map((c) => c.id).sort()).toEqual(['B', 'C']);
    // A type filter keeps only leads of campaigns of that type: L1 is A's (e-mail), L2 has none.
    expect(events.leadsByMonth.every((m) => m.campaign === 0 && m.noCampaign === 0)).toBe(true);
    expect(dashboard({ ownerId: 'u2' }).leadsByMonth[1]).toEqual({ month: '2026-02', campaign: 0, noCampaign: 1 });
    expect(dashboard({ ownerId: 'u2' }).campaigns).toEqual([]);
    expect(dashboard({ from: '2026-02', to: '2026-02' }).campaigns.map((c) => c.id)).toEqual(['B']);
  });
});
