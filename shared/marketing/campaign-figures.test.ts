import { describe, expect, it } from 'vitest';
import { attributeRevenue } from './attribution';
import { campaignFigures, FUNNEL_STAGES, type FigureMember } from './campaign-figures';

const campaign = { id: 'A', currency: 'USD', actualCost: 200_000 }; // 2,000.00

// 10 members: 4 sent, 2 opened, 1 responded, 1 attended, 2 converted; leads l1, l2 (l1 twice), l3.
const members: FigureMember[] = [
  { status: 'sent', contactId: 'c1' },
  { status: 'sent', contactId: 'c2' },
  { status: 'sent', leadId: 'l1' },
  { status: 'sent', contactId: 'c3' },
  { status: 'opened', contactId: 'c4' },
  { status: 'opened', leadId: 'l2' },
  { status: 'responded', contactId: 'c5' },
  { status: 'attended', leadId: 'l1' },
  { status: 'converted', contactId: 'c6' },
  { status: 'converted', leadId: 'l3' },
];

describe('campaignFigures', () => {
  it('funnel: each stage counts members at that stage or later', () => {
    // targeted = all 10; sent = 10 (every status is sent or later); opened = 2 + 1 + 1 + 2 = 6;
    // responded = 1 + 1 + 2 = 4; attended = 1 + 2 = 3; converted = 2.
    expect(campaignFigures(campaign, members, undefined).funnel).toEqual([
      { stage: 'targeted', count: 10 },
      { stage: 'sent', count: 10 },
      { stage: 'opened', count: 6 },
      { stage: 'responded', count: 4 },
      { stage: 'attended', count: 3 },
      { stage: 'converted', count: 2 },
    ]);
    expect(FUNNEL_STAGES).toEqual(['targeted', 'sent', 'opened', 'responded', 'attended', 'converted']);
  });

  it('ROI, cost per lead and cost per won deal with a cost', () => {
    // 2 won deals worth 5,000.00 in all: ROI = (500_000 − 200_000) / 200_000 = 1.5.
    // Leads: l1, l2, l3 (l1 counted once) = 3 → 200_000 / 3 = 66_666.67 → 66_667.
    // Cost per won deal: 200_000 / 2 = 100_000.
    const figures = campaignFigures(campaign, members, { revenue: 500_000, deals: 2, currency: 'USD', skippedDeals: 0 });
    expect(figures.revenue).toBe(500_000);
    expect(figures.roi).toBe(1.5);
    expect(figures.leads).toBe(3);
    expect(figures.costPerLead).toBe(66_667);
    expect(figures.costPerWonDeal).toBe(100_000);
  });

  it('a campaign that lost money has a negative ROI', () => {
    // (50_000 − 200_000) / 200_000 = −0.75.
    expect(campaignFigures(campaign, [], { revenue: 50_000, deals: 1, currency: 'USD', skippedDeals: 0 }).roi).toBe(-0.75);
  });

  it('without a cost ROI is null, and cost per lead / per deal are 0', () => {
    const free = { ...campaign, actualCost: 0 };
    const figures = campaignFigures(free, members, { revenue: 500_000, deals: 2, currency: 'USD', skippedDeals: 0 });
    expect(figures.roi).toBeNull();
    expect(figures.costPerLead).toBe(0);
    expect(figures.costPerWonDeal).toBe(0);
  });

  it('no leads and no won deals give null ratios and zero revenue', () => {
    const figures = campaignFigures(campaign, [{ status: 'sent', contactId: 'c1' }], undefined);
    // ROI = (0 − 200_000) / 200_000 = −1: the whole cost is lost.
    expect(figures).toMatchObject({ revenue: 0, wonDeals: 0, roi: -1, leads: 0, costPerLead: null, costPerWonDeal: null });
  });

  it('counts captured leads that are not members, once', () => {
    // members' leads l1, l2, l3 plus captured l3 (already counted) and l9 → 4 leads; 200_000 / 4 = 50_000.
    expect(campaignFigures(campaign, members, undefined, ['l3', 'l9']).costPerLead).toBe(50_000);
  });

  it('cost per won deal under even split divides by the fractional deal count', () => {
    // One 900.00 deal touched by A and B: A gets 45_000 and half a deal; 200_000 / 0.5 = 400_000.
    const attributed = attributeRevenue(
      {
        campaigns: [
          { id: 'A', currency: 'USD' },
          { id: 'B', currency: 'USD' },
        ],
        deals: [{ id: 'd', amount: 90_000, currency: 'USD', createdAt: 0, closedAt: 9, contactIds: ['c'], leadIds: [] }],
        responses: [
          { campaignId: 'A', contactId: 'c', respondedAt: 1 },
          { campaignId: 'B', contactId: 'c', respondedAt: 2 },
        ],
      },
      'even_split',
    ).get('A');
    const figures = campaignFigures(campaign, [], attributed);
    expect(figures.revenue).toBe(45_000);
    expect(figures.costPerWonDeal).toBe(400_000);
    // (45_000 − 200_000) / 200_000 = −0.775.
    expect(figures.roi).toBeCloseTo(-0.775, 12);
  });

  it('refuses revenue in another currency than the campaign', () => {
    expect(() => campaignFigures(campaign, [], { revenue: 1, deals: 1, currency: 'EUR', skippedDeals: 0 })).toThrow(/EUR/);
  });
});
