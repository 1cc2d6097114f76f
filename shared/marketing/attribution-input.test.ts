import { describe, expect, it } from 'vitest';
import { attributeRevenue } from './attribution';
import { buildAttributionInput, type AttributionSources } from './attribution-input';

const DAY = 86_400_000;
const t = (day: number): number => Date.UTC(2026, 0, 1) + day * DAY;

const sources: AttributionSources = {
  campaigns: [
    { id: 'A', currency: 'USD' },
    { id: 'B', currency: 'USD' },
  ],
  opportunities: [
    // Won, closed 2026-01-21 (day 20), created day 1, contact ann; lead lee was converted into it.
    {
      id: 'won',
      stage: 'closed_won',
      amount: 60_000,
      currency: 'USD',
      createdAt: t(1),
      closedAt: t(20),
      closeDate: '2026-01-21',
      primaryContactId: 'ann',
    },
    // Won without a recorded close instant: the close is the end of 2026-01-06 (day 5); source B.
    { id: 'old', stage: 'closed_won', amount: 1_000, currency: 'USD', createdAt: t(0), closeDate: '2026-01-06', campaignId: 'B' },
    { id: 'open', stage: 'proposal', amount: 5_000, currency: 'USD', createdAt: t(0), closeDate: '2026-02-01', primaryContactId: 'ann' },
  ],
  leads: [
    // lee was captured by campaign A on day 3 and later became contact cal on deal "won".
    { id: 'lee', createdAt: t(3), campaignId: 'A', convertedContactId: 'cal', convertedOpportunityId: 'won' },
  ],
  members: [
    { campaignId: 'B', contactId: 'cal', status: 'responded', respondedAt: t(10) },
    { campaignId: 'B', contactId: 'ann', status: 'sent' },
    { campaignId: 'A', contactId: 'ann', status: 'attended' }, // responded, but no time recorded
    { campaignId: 'Z', contactId: 'ann', status: 'responded', respondedAt: t(2) }, // campaign not listed
  ],
};

describe('buildAttributionInput', () => {
  const built = buildAttributionInput(sources);

  it('links won deals to their contacts and converted leads, and ignores open deals', () => {
    expect(built.input.deals.map((d) => d.id)).toEqual(['won', 'old']);
    expect(built.input.deals[0]).toMatchObject({ contactIds: ['ann', 'cal'], leadIds: ['lee'], closedAt: t(20) });
    expect(built.input.deals[1]).toMatchObject({ closedAt: t(6) - 1, sourceCampaignId: 'B' });
  });

  it('counts untimed responders and unknown campaigns instead of guessing', () => {
    expect(built.untimedMembers).toBe(1);
    expect(built.unknownCampaignRefs).toBe(1);
  });

  it('feeds attribution: "won" is touched by A (lead captured day 3) and B (cal, day 10)', () => {
    // first touch: won → A 60_000; old → B 1_000 (its source, the only touch).
    const first = attributeRevenue(built.input, 'first_touch');
    expect(first.get('A')!.revenue).toBe(60_000);
    expect(first.get('B')!.revenue).toBe(1_000);
    // even split: won → A 30_000, B 30_000; B also 1_000 from old → B 31_000.
    const even = attributeRevenue(built.input, 'even_split');
    expect(even.get('A')!.revenue).toBe(30_000);
    expect(even.get('B')!.revenue).toBe(31_000);
  });
});
