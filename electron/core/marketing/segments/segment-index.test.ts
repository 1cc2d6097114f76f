import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDefinitionSchema, type SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import { evaluateSegment } from '../../../../shared/marketing/segment-evaluate';
import { SegmentIndex } from './segment-index';
import { definitionArb, factsOf, indexOf, TODAY_DAY, worldArb } from './segment-world.test-helpers';

const sorted = (ids: ReadonlyArray<string>): string[] => [...ids].sort();

describe('segment index', () => {
  it('selects exactly the records the reference evaluator selects, for random records and condition trees', () => {
    fc.assert(
      fc.property(worldArb, definitionArb, (world, definition) => {
        // Every generated tree is one the schema accepts (the builder can only send those).
        const parsed = segmentDefinitionSchema.parse(definition);
        const index = indexOf(world);
        const expected = evaluateSegment(parsed, factsOf(world, parsed.target));
        expect(sorted(index.ids(parsed, TODAY_DAY))).toEqual(sorted(expected));
        expect(index.count(parsed, TODAY_DAY).count).toBe(expected.length);
        expect(index.count(parsed, TODAY_DAY).total).toBe(factsOf(world, parsed.target).records.length);
      }),
      { numRuns: 300 },
    );
  });

  it('follows changes: an account update moves it between segments, a deletion takes it out', () => {
    const index = new SegmentIndex();
    const base = {
      status: 'active',
      industry: 'Retail',
      region: 'emea',
      tier: 'key',
      country: 'Germany',
      employees: 10,
      annualRevenue: null,
      currency: 'EUR',
    } as const;
    index.setAccount('a1', { id: 'a1', ...base });
    index.setAccount('a2', { id: 'a2', ...base, industry: 'Energy' });
    index.setContact('c1', { id: 'c1', accountId: 'a1', country: null, language: 'zh-CN' });
    const retail: SegmentDefinition = {
      target: 'accounts',
      root: { op: 'and', items: [{ field: 'industry', op: 'in', values: ['Retail'] }] },
    };
    const retailContacts: SegmentDefinition = { ...retail, target: 'contacts' };
    expect(index.ids(retail, TODAY_DAY)).toEqual(['a1']);
    expect(index.ids(retailContacts, TODAY_DAY)).toEqual(['c1']);
    index.setAccount('a2', { id: 'a2', ...base });
    expect(index.count(retail, TODAY_DAY)).toEqual({ count: 2, total: 2 });
    index.setAccount('a1', null);
    expect(index.ids(retail, TODAY_DAY)).toEqual(['a2']);
    // The contact's account is gone: it has no industry any more.
    expect(index.ids(retailContacts, TODAY_DAY)).toEqual([]);
  });

  it('keeps the last activity right when the latest activity is removed', () => {
    const index = new SegmentIndex();
    index.setLead('l1', { id: 'l1', country: null, status: 'new' });
    index.setMembership('m1', { campaignId: 'x', contactId: null, leadId: 'l1', responded: true, respondedDay: TODAY_DAY - 40 });
    index.setMembership('m2', { campaignId: 'y', contactId: null, leadId: 'l1', responded: true, respondedDay: TODAY_DAY - 2 });
    const recent: SegmentDefinition = {
      target: 'leads',
      root: { op: 'and', items: [{ field: 'lastActivity', op: 'within_days', days: 7 }] },
    };
    expect(index.count(recent, TODAY_DAY).count).toBe(1);
    index.setMembership('m2', null);
    expect(index.count(recent, TODAY_DAY).count).toBe(0);
  });
});
