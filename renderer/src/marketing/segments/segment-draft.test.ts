import { describe, expect, it } from 'vitest';
import type { SegmentGroup } from '../../../../shared/marketing/segment-conditions';
import { definitionOf, draftOf, keepApplicable, newCondition, newGroup, type DraftCondition } from './segment-draft';

const saved: SegmentGroup = {
  op: 'and',
  items: [
    { field: 'industry', op: 'in', values: ['Retail'] },
    { field: 'annualRevenue', op: 'between', currency: 'EUR', min: 100_000, max: 250_050 },
    {
      op: 'or',
      items: [
        { field: 'rfmSegment', op: 'in', values: ['at_risk'] },
        { field: 'lastActivity', op: 'not_within_days', days: 90 },
        { field: 'country', op: 'in', values: ['China', 'Germany'] },
      ],
    },
  ],
};

describe('segment drafts', () => {
  it('turns a saved definition into a draft and back unchanged', () => {
    expect(definitionOf('accounts', draftOf(saved))).toEqual({ definition: { target: 'accounts', root: saved }, incomplete: 0 });
  });

  it('leaves out conditions still missing a value and counts them', () => {
    const noValue = newCondition('tier');
    const noDays: DraftCondition = { ...newCondition('lastActivity'), days: '' };
    const typed: DraftCondition = { ...newCondition('language'), text: ' zh ，en,, ' };
    const { definition, incomplete } = definitionOf('contacts', newGroup('and', [noValue, newGroup('or', [noDays, typed])]));
    expect(incomplete).toBe(2);
    expect(definition.root).toEqual({ op: 'and', items: [{ op: 'or', items: [{ field: 'language', op: 'in', values: ['zh', 'en'] }] }] });
  });

  it('drops conditions a new target cannot use and starts status values over', () => {
    const draft = draftOf({
      op: 'and',
      items: [
        { field: 'industry', op: 'in', values: ['Retail'] },
        { field: 'status', op: 'in', values: ['active'] },
        { field: 'country', op: 'in', values: ['China'] },
      ],
    });
    const { group, removed } = keepApplicable(draft, 'leads');
    expect(removed).toBe(1);
    expect(definitionOf('leads', group)).toMatchObject({
      definition: { root: { items: [{ field: 'country', op: 'in', values: ['China'] }] } },
      incomplete: 1,
    });
  });
});
