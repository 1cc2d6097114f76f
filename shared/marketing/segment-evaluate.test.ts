import { describe, expect, it } from 'vitest';
import { segmentDefinitionSchema, type SegmentCondition, type SegmentTarget } from './segment-conditions';
import { clvBandsOf, evaluateSegment, type SegmentAccountFacts, type SegmentFacts, type SegmentRecordFacts } from './segment-evaluate';

const TODAY = '2026-12-07';

const account = (id: string, over: Partial<SegmentAccountFacts>): SegmentAccountFacts => ({
  id,
  status: 'active',
  industry: null,
  region: 'emea',
  tier: 'standard',
  country: null,
  employees: null,
  annualRevenue: null,
  currency: 'USD',
  rfmSegment: null,
  clv12m: null,
  churn: null,
  productIds: [],
  ...over,
});

const A1 = account('a1', {
  industry: 'Retail',
  tier: 'key',
  country: 'Germany',
  employees: 40,
  annualRevenue: 500_000_00,
  rfmSegment: 'at_risk',
  churn: { band: 'high', lapsed: false },
  productIds: ['p1'],
  clv12m: 1000,
});
const A2 = account('a2', {
  status: 'prospect',
  industry: 'Healthcare',
  region: 'apac',
  country: 'China',
  employees: 300,
  annualRevenue: 2_000_000_00,
  currency: 'CNY',
  rfmSegment: 'champions',
  churn: { band: 'high', lapsed: true },
  productIds: ['p2'],
});
const A3 = account('a3', { status: 'churned', tier: 'small' });
const A4 = account('a4', {
  industry: 'Retail',
  region: 'north_america',
  tier: 'strategic',
  country: 'United States',
  employees: 5000,
  annualRevenue: 9_000_000_00,
  rfmSegment: 'loyal',
  churn: { band: 'low', lapsed: false },
  productIds: ['p1', 'p2'],
  clv12m: 50,
});
const ACCOUNTS = [A1, A2, A3, A4];

const asRecord = (a: SegmentAccountFacts, lastActivityDay: string | null, respondedCampaignIds: string[]): SegmentRecordFacts => ({
  id: a.id,
  own: { country: null, language: null, leadStatus: null },
  account: a,
  lastActivityDay,
  respondedCampaignIds,
});

const ACCOUNT_FACTS: SegmentFacts = {
  today: TODAY,
  accounts: ACCOUNTS,
  records: [
    asRecord(A1, '2026-12-01', ['c1']),
    asRecord(A2, null, []),
    asRecord(A3, '2026-09-01', ['c2']),
    asRecord(A4, TODAY, ['c1', 'c2']),
  ],
};

const CONTACT_FACTS: SegmentFacts = {
  today: TODAY,
  accounts: ACCOUNTS,
  records: [
    { id: 'k1', own: { country: null, language: 'zh-CN', leadStatus: null }, account: A1, lastActivityDay: null, respondedCampaignIds: [] },
    {
      id: 'k2',
      own: { country: 'Austria', language: 'en', leadStatus: null },
      account: A1,
      lastActivityDay: TODAY,
      respondedCampaignIds: ['c9'],
    },
    { id: 'k3', own: { country: null, language: null, leadStatus: null }, account: A2, lastActivityDay: null, respondedCampaignIds: [] },
  ],
};

const LEAD_FACTS: SegmentFacts = {
  today: TODAY,
  accounts: ACCOUNTS,
  records: [
    {
      id: 'l1',
      own: { country: 'Germany', language: null, leadStatus: 'new' },
      account: null,
      lastActivityDay: '2026-11-30',
      respondedCampaignIds: ['c1'],
    },
    {
      id: 'l2',
      own: { country: null, language: null, leadStatus: 'qualified' },
      account: null,
      lastActivityDay: null,
      respondedCampaignIds: [],
    },
  ],
};

/** Parses like the core does, so every definition in these tests is a valid one. */
const run = (target: SegmentTarget, root: unknown, facts: SegmentFacts): string[] =>
  evaluateSegment(segmentDefinitionSchema.parse({ target, root }), facts);
const one = (condition: SegmentCondition, target: SegmentTarget = 'accounts', facts: SegmentFacts = ACCOUNT_FACTS) =>
  run(target, { op: 'and', items: [condition] }, facts);

describe('evaluateSegment on accounts', () => {
  it('combines conditions with and / or groups, nested', () => {
    const retail = { field: 'industry', op: 'in', values: ['Retail'] };
    const emea = { field: 'region', op: 'in', values: ['emea'] };
    expect(run('accounts', { op: 'and', items: [retail, emea] }, ACCOUNT_FACTS)).toEqual(['a1']);
    expect(run('accounts', { op: 'or', items: [retail, { field: 'region', op: 'in', values: ['apac'] }] }, ACCOUNT_FACTS)).toEqual([
      'a1',
      'a2',
      'a4',
    ]);
    const nested = {
      op: 'or',
      items: [
        { op: 'and', items: [retail, { field: 'rfmSegment', op: 'in', values: ['loyal'] }] },
        {
          op: 'and',
          items: [
            { field: 'status', op: 'in', values: ['churned'] },
            { field: 'tier', op: 'in', values: ['small'] },
          ],
        },
      ],
    };
    expect(run('accounts', nested, ACCOUNT_FACTS)).toEqual(['a3', 'a4']);
  });

  it('an empty and matches every record, an empty or none', () => {
    expect(run('accounts', { op: 'and', items: [] }, ACCOUNT_FACTS)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(run('accounts', { op: 'or', items: [] }, ACCOUNT_FACTS)).toEqual([]);
    expect(run('accounts', { op: 'and', items: [{ op: 'or', items: [] }] }, ACCOUNT_FACTS)).toEqual([]);
    expect(run('accounts', { op: 'or', items: [{ op: 'and', items: [] }] }, ACCOUNT_FACTS)).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  it('negative operators are the complement, so records without a value are "not in"', () => {
    expect(one({ field: 'industry', op: 'in', values: ['Retail'] })).toEqual(['a1', 'a4']);
    expect(one({ field: 'industry', op: 'not_in', values: ['Retail'] })).toEqual(['a2', 'a3']);
    expect(one({ field: 'country', op: 'not_in', values: ['Germany', 'China'] })).toEqual(['a3', 'a4']);
    expect(one({ field: 'productsBought', op: 'any_of', productIds: ['p2'] })).toEqual(['a2', 'a4']);
    expect(one({ field: 'productsBought', op: 'none_of', productIds: ['p1'] })).toEqual(['a2', 'a3']);
    expect(one({ field: 'campaignResponse', op: 'responded_to', campaignIds: ['c2', 'c7'] })).toEqual(['a3', 'a4']);
    expect(one({ field: 'campaignResponse', op: 'not_responded_to', campaignIds: ['c1'] })).toEqual(['a2', 'a3']);
  });

  it('counts last activity in calendar days back from today, and no activity is never "within"', () => {
    expect(one({ field: 'lastActivity', op: 'within_days', days: 6 })).toEqual(['a1', 'a4']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 5 })).toEqual(['a4']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 0 })).toEqual(['a4']);
    expect(one({ field: 'lastActivity', op: 'not_within_days', days: 6 })).toEqual(['a2', 'a3']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 97 })).toEqual(['a1', 'a3', 'a4']);
  });

  it('reads size bands, revenue ranges in one currency, RFM and churn with lapsed apart from the bands', () => {
    expect(one({ field: 'size', op: 'in', values: ['1-49'] })).toEqual(['a1']);
    expect(one({ field: 'size', op: 'in', values: ['250-999', '1000+'] })).toEqual(['a2', 'a4']);
    expect(one({ field: 'annualRevenue', op: 'between', min: 500_000_00, max: 9_000_000_00, currency: 'USD' })).toEqual(['a1', 'a4']);
    expect(one({ field: 'annualRevenue', op: 'between', max: 8_999_999_99, currency: 'USD' })).toEqual(['a1']);
    expect(one({ field: 'annualRevenue', op: 'between', min: 0, currency: 'CNY' })).toEqual(['a2']);
    expect(one({ field: 'rfmSegment', op: 'in', values: ['at_risk', 'champions'] })).toEqual(['a1', 'a2']);
    expect(one({ field: 'churnRisk', op: 'in', values: ['high'] })).toEqual(['a1']);
    expect(one({ field: 'churnRisk', op: 'in', values: ['lapsed', 'low'] })).toEqual(['a2', 'a4']);
    expect(one({ field: 'status', op: 'not_in', values: ['active'] })).toEqual(['a2', 'a3']);
  });
});

describe('CLV bands', () => {
  const usd = Array.from({ length: 10 }, (_, i) => account(`u${i + 1}`, { clv12m: (i + 1) * 10 }));

  it('splits the accounts of one currency at the 10 % and 25 % edges', () => {
    const bands = clvBandsOf(usd);
    expect(usd.map((a) => bands.get(a.id))).toEqual([
      'bottom_25', // 10: below = 0
      'bottom_25', // 20: below = 1
      'bottom_25', // 30: below = 2 < 2.5
      'middle', // 40: below = 3
      'middle',
      'middle',
      'middle', // 70: above = 3
      'top_25', // 80: above = 2 < 2.5
      'top_25', // 90: above = 1
      'top_10', // 100: above = 0 < 1
    ]);
  });

  it('ranks each currency apart, gives ties the better band and none without a figure', () => {
    const cny = account('y1', { currency: 'CNY', clv12m: 1 });
    const tied = account('u11', { clv12m: 100 });
    const noFigure = account('u0', { clv12m: null });
    const bands = clvBandsOf([...usd, tied, cny, noFigure]);
    expect(bands.get('u10')).toBe('top_10'); // above = 0 of 11
    expect(bands.get('u11')).toBe('top_10');
    expect(bands.get('u9')).toBe('top_25'); // above = 2 < 2.75
    expect(bands.get('y1')).toBe('top_10'); // alone in CNY, not compared with USD
    expect(bands.get('u0')).toBe('none');
  });

  it('selects by band through evaluateSegment; the top quarter is top_10 plus top_25', () => {
    const facts: SegmentFacts = { today: TODAY, accounts: usd, records: usd.map((a) => asRecord(a, null, [])) };
    expect(one({ field: 'clvBand', op: 'in', values: ['top_10', 'top_25'] }, 'accounts', facts)).toEqual(['u8', 'u9', 'u10']);
    expect(one({ field: 'clvBand', op: 'in', values: ['top_10'] })).toEqual(['a1']); // 1000 above 50 in USD; a2 in CNY has no figure
    expect(one({ field: 'clvBand', op: 'in', values: ['none'] })).toEqual(['a2', 'a3']);
  });

  it('refuses facts whose record account is missing from the population', () => {
    const facts: SegmentFacts = { ...ACCOUNT_FACTS, accounts: [A1] };
    expect(() => one({ field: 'clvBand', op: 'in', values: ['none'] }, 'accounts', facts)).toThrow(
      /account a2 of record a2 is not in facts.accounts/,
    );
  });
});

describe('evaluateSegment on contacts and leads', () => {
  it('reads account conditions through the contact account', () => {
    expect(one({ field: 'industry', op: 'in', values: ['Retail'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1', 'k2']);
    expect(one({ field: 'churnRisk', op: 'in', values: ['lapsed'] }, 'contacts', CONTACT_FACTS)).toEqual(['k3']);
    expect(one({ field: 'productsBought', op: 'any_of', productIds: ['p1'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1', 'k2']);
  });

  it('reads the contact own country before its account, and its own language, activity and responses', () => {
    expect(one({ field: 'country', op: 'in', values: ['Germany'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1']);
    expect(one({ field: 'country', op: 'in', values: ['Austria', 'China'] }, 'contacts', CONTACT_FACTS)).toEqual(['k2', 'k3']);
    expect(one({ field: 'language', op: 'in', values: ['zh'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1']);
    expect(one({ field: 'language', op: 'in', values: ['ZH-cn'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1']);
    expect(one({ field: 'language', op: 'in', values: ['zh-TW', 'zh-Hans'] }, 'contacts', CONTACT_FACTS)).toEqual([]);
    expect(one({ field: 'language', op: 'not_in', values: ['en'] }, 'contacts', CONTACT_FACTS)).toEqual(['k1', 'k3']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 30 }, 'contacts', CONTACT_FACTS)).toEqual(['k2']);
    expect(one({ field: 'campaignResponse', op: 'responded_to', campaignIds: ['c1'] }, 'contacts', CONTACT_FACTS)).toEqual([]);
  });

  it('reads lead status and country from the lead itself', () => {
    expect(one({ field: 'status', op: 'in', values: ['new'] }, 'leads', LEAD_FACTS)).toEqual(['l1']);
    expect(one({ field: 'country', op: 'not_in', values: ['Germany'] }, 'leads', LEAD_FACTS)).toEqual(['l2']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 7 }, 'leads', LEAD_FACTS)).toEqual(['l1']);
    expect(one({ field: 'campaignResponse', op: 'not_responded_to', campaignIds: ['c1'] }, 'leads', LEAD_FACTS)).toEqual(['l2']);
  });
});
