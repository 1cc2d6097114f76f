import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_MODELS,
  attributeRevenue,
  attributeRevenueByModel,
  splitEvenly,
  type AttributionCampaign,
  type AttributionDeal,
  type CampaignResponse,
} from './attribution';

// Times are day numbers; amounts are minor units (cents), so 10,000.00 is 1_000_000.
const usd = (id: string): AttributionCampaign => ({ id, currency: 'USD' });
const eur = (id: string): AttributionCampaign => ({ id, currency: 'EUR' });

function deal(id: string, amount: number, closedAt: number, extra: Partial<AttributionDeal> = {}): AttributionDeal {
  return { id, amount, currency: 'USD', createdAt: 0, closedAt, contactIds: ['ann'], leadIds: [], ...extra };
}
const reply = (campaignId: string, respondedAt: number, contactId = 'ann'): CampaignResponse => ({ campaignId, contactId, respondedAt });

/** revenue and deals per campaign, for compact expectations. */
function figures(input: Parameters<typeof attributeRevenue>[0], model: (typeof ATTRIBUTION_MODELS)[number]) {
  const out: Record<string, { revenue: number; deals: number; skippedDeals: number }> = {};
  for (const [id, a] of attributeRevenue(input, model)) out[id] = { revenue: a.revenue, deals: a.deals, skippedDeals: a.skippedDeals };
  return out;
}

describe('attributeRevenue on one deal touched by A (day 5), B (day 9), A (day 12), closing day 20', () => {
  const input = {
    campaigns: [usd('A'), usd('B')],
    deals: [deal('d1', 1_000_000, 20)],
    responses: [reply('A', 5), reply('B', 9), reply('A', 12)],
  };

  it('first touch gives all 10,000.00 to A (day 5 is the earliest)', () => {
    expect(figures(input, 'first_touch')).toEqual({
      A: { revenue: 1_000_000, deals: 1, skippedDeals: 0 },
      B: { revenue: 0, deals: 0, skippedDeals: 0 },
    });
  });

  it('last touch gives all 10,000.00 to A (day 12 is the latest before day 20)', () => {
    expect(figures(input, 'last_touch')).toEqual({
      A: { revenue: 1_000_000, deals: 1, skippedDeals: 0 },
      B: { revenue: 0, deals: 0, skippedDeals: 0 },
    });
  });

  it('even split counts A once: 1_000_000 / 2 distinct campaigns = 500_000 each, half a deal each', () => {
    expect(figures(input, 'even_split')).toEqual({
      A: { revenue: 500_000, deals: 0.5, skippedDeals: 0 },
      B: { revenue: 500_000, deals: 0.5, skippedDeals: 0 },
    });
  });

  it('reports the campaign currency on every entry', () => {
    for (const model of ATTRIBUTION_MODELS) {
      expect([...attributeRevenue(input, model).values()].map((a) => a.currency)).toEqual(['USD', 'USD']);
    }
  });
});

describe('responses after the close', () => {
  // Close day 20; A on day 12, C on day 25 (after the close), B exactly on day 20 (the close counts).
  const input = {
    campaigns: [usd('A'), usd('B'), usd('C')],
    deals: [deal('d1', 90_000, 20)],
    responses: [reply('A', 12), reply('C', 25), reply('B', 20)],
  };

  it('last touch is B on the closing day, not C five days later', () => {
    expect(figures(input, 'last_touch').B!.revenue).toBe(90_000);
    expect(figures(input, 'last_touch').C!.revenue).toBe(0);
  });

  it('even split is over A and B only: 90_000 / 2 = 45_000 each, C nothing', () => {
    expect(figures(input, 'even_split')).toEqual({
      A: { revenue: 45_000, deals: 0.5, skippedDeals: 0 },
      B: { revenue: 45_000, deals: 0.5, skippedDeals: 0 },
      C: { revenue: 0, deals: 0, skippedDeals: 0 },
    });
  });

  it('a deal whose only response came after the close credits nobody', () => {
    const late = { campaigns: [usd('C')], deals: [deal('d1', 90_000, 20)], responses: [reply('C', 21)] };
    for (const model of ATTRIBUTION_MODELS) expect(figures(late, model).C).toEqual({ revenue: 0, deals: 0, skippedDeals: 0 });
  });
});

describe('currencies stay apart', () => {
  // A is a USD campaign, E a EUR one; the deal is 300.00 EUR, touched by A (day 3) then E (day 8).
  const input = {
    campaigns: [usd('A'), eur('E')],
    deals: [deal('d1', 30_000, 10, { currency: 'EUR' })],
    responses: [reply('A', 3), reply('E', 8)],
  };

  it('first touch would credit A, but the deal is in EUR: A skips it and E gets nothing', () => {
    expect(figures(input, 'first_touch')).toEqual({
      A: { revenue: 0, deals: 0, skippedDeals: 1 },
      E: { revenue: 0, deals: 0, skippedDeals: 0 },
    });
  });

  it('last touch credits E with the whole 30_000 EUR', () => {
    expect(figures(input, 'last_touch').E).toEqual({ revenue: 30_000, deals: 1, skippedDeals: 0 });
  });

  it("even split: E keeps its half (15_000), A's half is skipped, not handed to E", () => {
    expect(figures(input, 'even_split')).toEqual({
      A: { revenue: 0, deals: 0, skippedDeals: 1 },
      E: { revenue: 15_000, deals: 0.5, skippedDeals: 0 },
    });
  });
});

describe('even split keeps every cent', () => {
  it('100.01 over A, B, C: 10_001 = 3 × 3_333 + 2, the 2 leftover cents go to A and B (id order)', () => {
    const input = {
      campaigns: [usd('C'), usd('B'), usd('A')],
      deals: [deal('d1', 10_001, 30)],
      // Response order is C, A, B on purpose: the leftover follows campaign ids, not response order.
      responses: [reply('C', 1), reply('A', 2), reply('B', 3)],
    };
    const result = figures(input, 'even_split');
    expect(result.A!.revenue).toBe(3_334);
    expect(result.B!.revenue).toBe(3_334);
    expect(result.C!.revenue).toBe(3_333);
    expect(result.A!.revenue + result.B!.revenue + result.C!.revenue).toBe(10_001);
    expect(result.A!.deals).toBeCloseTo(1 / 3, 12);
  });

  it('splitEvenly sums to the amount for awkward amounts and counts', () => {
    // 7 over 3 = 2, 2, 2 + 1 leftover → 3, 2, 2; 1 over 4 → 1, 0, 0, 0.
    expect(splitEvenly(7, 3)).toEqual([3, 2, 2]);
    expect(splitEvenly(1, 4)).toEqual([1, 0, 0, 0]);
    for (const [amount, n] of [
      [999_999_999_999_997, 7],
      [0, 5],
      [101, 100],
    ] as const) {
      expect(splitEvenly(amount, n).reduce((s, x) => s + x, 0)).toBe(amount);
    }
  });
});

describe('explicit source campaign and linked leads', () => {
  it('the source campaign is a touch at the deal creation (day 2), before contact response A (day 5)', () => {
    const input = {
      campaigns: [usd('A'), usd('S')],
      deals: [deal('d1', 50_000, 20, { createdAt: 2, sourceCampaignId: 'S' })],
      responses: [reply('A', 5)],
    };
    expect(figures(input, 'first_touch').S!.revenue).toBe(50_000);
    expect(figures(input, 'last_touch').A!.revenue).toBe(50_000);
    // 50_000 / 2 distinct campaigns = 25_000 each.
    expect(figures(input, 'even_split').S!.revenue).toBe(25_000);
    expect(figures(input, 'even_split').A!.revenue).toBe(25_000);
  });

  it('a deal recorded after it closed (created day 30, closed day 20) places its source touch at the close', () => {
    const input = {
      campaigns: [usd('A'), usd('S')],
      deals: [deal('d1', 50_000, 20, { createdAt: 30, sourceCampaignId: 'S' })],
      responses: [reply('A', 5)],
    };
    // Touches: A day 5, S day 20 → last touch S, first touch A.
    expect(figures(input, 'last_touch').S!.revenue).toBe(50_000);
    expect(figures(input, 'first_touch').A!.revenue).toBe(50_000);
  });

  it('a lead converted into the deal brings its responses; other people’s responses do not count', () => {
    const input = {
      campaigns: [usd('A'), usd('B'), usd('X')],
      deals: [deal('d1', 40_000, 20, { contactIds: ['ann'], leadIds: ['lee'] })],
      responses: [
        { campaignId: 'B', leadId: 'lee', respondedAt: 1 },
        reply('A', 6),
        reply('X', 4, 'bob'), // bob is not on the deal
      ],
    };
    expect(figures(input, 'first_touch').B!.revenue).toBe(40_000);
    expect(figures(input, 'last_touch').A!.revenue).toBe(40_000);
    expect(figures(input, 'even_split').X!.revenue).toBe(0);
  });
});

describe('several deals and ties', () => {
  it('adds deals up per campaign', () => {
    // d1 (1_000) touched by A day 1 and B day 2; d2 (3_001) touched by B day 4 only.
    // even split: A = 500, B = 500 + 3_001 = 3_501; deals A 0.5, B 1.5.
    const input = {
      campaigns: [usd('A'), usd('B')],
      deals: [deal('d1', 1_000, 10), deal('d2', 3_001, 10, { contactIds: ['cat'] })],
      responses: [reply('A', 1), reply('B', 2), reply('B', 4, 'cat')],
    };
    expect(figures(input, 'even_split')).toEqual({
      A: { revenue: 500, deals: 0.5, skippedDeals: 0 },
      B: { revenue: 3_501, deals: 1.5, skippedDeals: 0 },
    });
    // first touch: d1 → A (1_000), d2 → B (3_001).
    expect(figures(input, 'first_touch').B).toEqual({ revenue: 3_001, deals: 1, skippedDeals: 0 });
  });

  it('equal times go to the smaller campaign id whatever the input order', () => {
    const input = { campaigns: [usd('Z'), usd('M')], deals: [deal('d1', 700, 10)], responses: [reply('Z', 3), reply('M', 3)] };
    expect(figures(input, 'first_touch').M!.revenue).toBe(700);
    expect(figures(input, 'last_touch').M!.revenue).toBe(700);
  });

  it('every model at once equals one call per model', () => {
    const input = {
      campaigns: [usd('A'), usd('B'), eur('E')],
      deals: [
        deal('d1', 10_001, 10),
        deal('d2', 3_001, 10, { contactIds: ['cat', 'cat'], sourceCampaignId: 'E' }),
        deal('d3', 500, 2, { currency: 'EUR', leadIds: ['l1'] }),
      ],
      responses: [reply('A', 1), reply('B', 2), reply('E', 2), reply('B', 4, 'cat'), { campaignId: 'A', leadId: 'l1', respondedAt: 1 }],
    };
    const all = attributeRevenueByModel(input);
    for (const model of ATTRIBUTION_MODELS) expect(all[model]).toEqual(attributeRevenue(input, model));
  });
});

describe('bad input', () => {
  it('refuses a response to a campaign that is not listed', () => {
    expect(() => attributeRevenue({ campaigns: [], deals: [], responses: [reply('A', 1)] }, 'first_touch')).toThrow(/campaign A/);
  });
  it('refuses a fractional amount', () => {
    expect(() => attributeRevenue({ campaigns: [usd('A')], deals: [deal('d1', 10.5, 3)], responses: [] }, 'even_split')).toThrow(
      /minor units/,
    );
  });
  it('refuses a response naming neither a contact nor a lead', () => {
    expect(() =>
      attributeRevenue({ campaigns: [usd('A')], deals: [], responses: [{ campaignId: 'A', respondedAt: 1 }] }, 'last_touch'),
    ).toThrow(/exactly one contact or lead/);
  });
});
