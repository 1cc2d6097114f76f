import { describe, expect, it } from 'vitest';
import { countSegmentConditions, segmentDefinitionSchema, SEGMENT_MAX_CONDITIONS } from './segment-conditions';

const messagesOf = (input: unknown): string[] => {
  const result = segmentDefinitionSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

const industry = { field: 'industry', op: 'in', values: ['Retail'] };

describe('segmentDefinitionSchema', () => {
  it('accepts a nested definition with every kind of condition', () => {
    const definition = {
      target: 'contacts',
      root: {
        op: 'and',
        items: [
          { field: 'industry', op: 'not_in', values: ['Retail', 'Healthcare'] },
          { field: 'region', op: 'in', values: ['emea', 'apac'] },
          { field: 'tier', op: 'in', values: ['key'] },
          { field: 'country', op: 'in', values: ['Germany'] },
          { field: 'language', op: 'in', values: ['zh', 'en-GB'] },
          { field: 'status', op: 'in', values: ['active'] },
          { field: 'size', op: 'in', values: ['50-249', '1000+'] },
          { field: 'annualRevenue', op: 'between', min: 100_000_00, max: 5_000_000_00, currency: 'EUR' },
          {
            op: 'or',
            items: [
              { field: 'rfmSegment', op: 'in', values: ['at_risk', 'cannot_lose'] },
              { field: 'clvBand', op: 'in', values: ['top_10', 'top_25'] },
              { field: 'churnRisk', op: 'in', values: ['high', 'lapsed'] },
              { op: 'and', items: [{ op: 'or', items: [{ field: 'lastActivity', op: 'not_within_days', days: 90 }] }] },
            ],
          },
          { field: 'productsBought', op: 'any_of', productIds: ['p1'] },
          { field: 'campaignResponse', op: 'not_responded_to', campaignIds: ['c1', 'c2'] },
        ],
      },
    };
    const parsed = segmentDefinitionSchema.parse(definition);
    expect(parsed).toEqual(definition);
    expect(countSegmentConditions(parsed.root)).toBe(14);
  });

  it('accepts empty groups and a lead segment on its own fields', () => {
    expect(segmentDefinitionSchema.safeParse({ target: 'accounts', root: { op: 'and', items: [] } }).success).toBe(true);
    const lead = {
      target: 'leads',
      root: {
        op: 'or',
        items: [
          { field: 'status', op: 'in', values: ['new', 'working'] },
          { field: 'country', op: 'not_in', values: ['China'] },
          { field: 'lastActivity', op: 'within_days', days: 0 },
          { field: 'campaignResponse', op: 'responded_to', campaignIds: ['c1'] },
        ],
      },
    };
    expect(segmentDefinitionSchema.parse(lead)).toEqual(lead);
  });

  it('refuses groups nested more than 4 deep, even thousands deep', () => {
    let four: unknown = { op: 'and', items: [industry] };
    for (let i = 0; i < 3; i++) four = { op: 'or', items: [four] };
    expect(segmentDefinitionSchema.safeParse({ target: 'accounts', root: four }).success).toBe(true);
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: [four] } })).toEqual([
      'root.items.0.items.0.items.0.items.0: groups nest at most 4 levels deep',
    ]);
    let deep: unknown = { op: 'and', items: [] };
    for (let i = 0; i < 100_000; i++) deep = { op: 'and', items: [deep] };
    expect(messagesOf({ target: 'accounts', root: deep })[0]).toMatch(/groups nest at most 4 levels deep/);
  });

  it('refuses more than 30 conditions, in one group or spread over groups', () => {
    const many = (n: number) => Array.from({ length: n }, () => industry);
    expect(
      segmentDefinitionSchema.safeParse({ target: 'accounts', root: { op: 'and', items: many(SEGMENT_MAX_CONDITIONS) } }).success,
    ).toBe(true);
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: many(31) } })).toEqual([
      'root.items: a group holds at most 30 items',
    ]);
    const spread = {
      op: 'and',
      items: [
        { op: 'or', items: many(16) },
        { op: 'or', items: many(15) },
      ],
    };
    expect(messagesOf({ target: 'accounts', root: spread })).toEqual(['root: a segment holds at most 30 conditions']);
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: many(1_000_000) } })).toEqual([
      'root.items: a group holds at most 30 items',
    ]);
  });

  it('refuses unknown fields, operators, keys and targets with messages naming what is allowed', () => {
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: [{ field: 'colour', op: 'in', values: ['red'] }] } })[0]).toMatch(
      /^root\.items\.0\.field: unknown condition field; expected one of: industry, region/,
    );
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: [{ field: 'size', op: 'not_in', values: ['1-49'] }] } })).toEqual([
      'root.items.0.op: operator must be "in"',
    ]);
    expect(messagesOf({ target: 'accounts', root: { op: 'xor', items: [] } })).toEqual(['root.op: group operator must be "and" or "or"']);
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: [{ ...industry, $where: 'sleep(1)' }] } })[0]).toMatch(/\$where/);
    expect(messagesOf({ target: 'opportunities', root: { op: 'and', items: [] } })).toEqual([
      'target: target must be one of: accounts, contacts, leads',
    ]);
  });

  it('refuses enum values outside the schema enums', () => {
    const one = (condition: unknown) => messagesOf({ target: 'accounts', root: { op: 'and', items: [condition] } });
    expect(one({ field: 'tier', op: 'in', values: ['gold'] })).toEqual([
      'root.items.0.values.0: tier must be one of: strategic, key, standard, small',
    ]);
    expect(one({ field: 'rfmSegment', op: 'in', values: ['whales'] })[0]).toMatch(/RFM segment must be one of: champions/);
    expect(one({ field: 'clvBand', op: 'in', values: ['top_5'] })[0]).toMatch(
      /CLV band must be one of: top_10, top_25, middle, bottom_25, none/,
    );
    expect(one({ field: 'churnRisk', op: 'in', values: ['extreme'] })[0]).toMatch(/churn risk must be one of: low, medium, high, lapsed/);
    expect(one({ field: 'region', op: 'in', values: ['mars'] })[0]).toMatch(/region must be one of/);
    expect(one({ field: 'status', op: 'in', values: ['qualified'] })).toEqual([
      'root.items.0.values.0: "qualified" is not an account status; expected one of: prospect, active, inactive, churned',
    ]);
    expect(messagesOf({ target: 'leads', root: { op: 'and', items: [{ field: 'status', op: 'in', values: ['active'] }] } })[0]).toMatch(
      /"active" is not a lead status/,
    );
  });

  it('refuses conditions a target cannot use', () => {
    expect(
      messagesOf({
        target: 'leads',
        root: { op: 'or', items: [{ op: 'and', items: [{ field: 'rfmSegment', op: 'in', values: ['lost'] }] }] },
      }),
    ).toEqual([
      'root.items.0.items.0.field: the condition "rfmSegment" does not apply to leads: it reads an account and a lead has none (leads accept country, status, lastActivity and campaignResponse)',
    ]);
    expect(messagesOf({ target: 'accounts', root: { op: 'and', items: [{ field: 'language', op: 'in', values: ['en'] }] } })[0]).toMatch(
      /"language" does not apply to accounts/,
    );
  });

  it('refuses unbounded or malformed values', () => {
    const one = (condition: unknown) => messagesOf({ target: 'accounts', root: { op: 'and', items: [condition] } });
    expect(one({ field: 'industry', op: 'in', values: ['x'.repeat(81)] })).toEqual([
      'root.items.0.values.0: must be at most 80 characters',
    ]);
    expect(one({ field: 'industry', op: 'in', values: [] })).toEqual(['root.items.0.values: choose at least one value']);
    expect(one({ field: 'industry', op: 'in', values: Array.from({ length: 101 }, (_, i) => `v${i}`) })).toEqual([
      'root.items.0.values: at most 100 values per condition',
    ]);
    expect(one({ field: 'productsBought', op: 'any_of', productIds: ['p'.repeat(65)] })).toEqual([
      'root.items.0.productIds.0: must be at most 64 characters',
    ]);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 1.5 })).toEqual(['root.items.0.days: days must be a whole number']);
    expect(one({ field: 'lastActivity', op: 'within_days', days: 100_000 })).toEqual(['root.items.0.days: days must be at most 3650']);
    expect(one({ field: 'annualRevenue', op: 'between', currency: 'EUR' })).toEqual([
      'root.items.0.min: give a minimum, a maximum or both',
    ]);
    expect(one({ field: 'annualRevenue', op: 'between', min: 10, max: 5, currency: 'EUR' })).toEqual([
      'root.items.0.max: the minimum must not exceed the maximum',
    ]);
    expect(one({ field: 'annualRevenue', op: 'between', min: 10, currency: 'eur' })[0]).toMatch(/ISO 4217/);
    expect(messagesOf({ target: 'contacts', root: { op: 'and', items: [{ field: 'language', op: 'in', values: ['<script>'] }] } })).toEqual(
      ['root.items.0.values.0: must be a language tag such as en or zh-CN'],
    );
  });
});
