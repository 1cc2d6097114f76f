import { describe, expect, it } from 'vitest';
import { segmentDefinitionSchema } from './segment-conditions';
import {
  describeSegment,
  SEGMENT_DESCRIPTION_CODES,
  type SegmentConditionDescription,
  type SegmentGroupDescription,
} from './segment-describe';

describe('describeSegment', () => {
  it('gives codes and params with the group nesting kept', () => {
    const definition = segmentDefinitionSchema.parse({
      target: 'contacts',
      root: {
        op: 'and',
        items: [
          { field: 'industry', op: 'in', values: ['Retail'] },
          {
            op: 'or',
            items: [
              { field: 'rfmSegment', op: 'in', values: ['at_risk'] },
              { field: 'annualRevenue', op: 'between', min: 100, currency: 'EUR' },
            ],
          },
          { field: 'lastActivity', op: 'not_within_days', days: 30 },
        ],
      },
    });
    expect(describeSegment(definition)).toEqual({
      target: 'contacts',
      root: {
        kind: 'group',
        op: 'and',
        items: [
          { kind: 'condition', code: 'industry_in', subject: 'account', params: { values: ['Retail'] } },
          {
            kind: 'group',
            op: 'or',
            items: [
              { kind: 'condition', code: 'rfm_segment_in', subject: 'account', params: { values: ['at_risk'] } },
              { kind: 'condition', code: 'annual_revenue_between', subject: 'account', params: { min: 100, currency: 'EUR' } },
            ],
          },
          { kind: 'condition', code: 'last_activity_not_within_days', subject: 'record', params: { days: 30 } },
        ],
      },
    });
  });

  it('names a code from SEGMENT_DESCRIPTION_CODES for every field and operator', () => {
    const conditions = [
      ...(['industry', 'region', 'tier', 'country', 'language', 'status'] as const).flatMap((field) =>
        (['in', 'not_in'] as const).map((op) => ({
          field,
          op,
          values: [{ region: 'emea', tier: 'key', language: 'en', status: 'active' }[field as string] ?? 'x'],
        })),
      ),
      { field: 'size', op: 'in', values: ['1000+'] },
      { field: 'annualRevenue', op: 'between', max: 5, currency: 'USD' },
      { field: 'rfmSegment', op: 'in', values: ['lost'] },
      { field: 'clvBand', op: 'in', values: ['none'] },
      { field: 'churnRisk', op: 'in', values: ['low'] },
      { field: 'lastActivity', op: 'within_days', days: 1 },
      { field: 'lastActivity', op: 'not_within_days', days: 1 },
      { field: 'productsBought', op: 'any_of', productIds: ['p'] },
      { field: 'productsBought', op: 'none_of', productIds: ['p'] },
      { field: 'campaignResponse', op: 'responded_to', campaignIds: ['c'] },
      { field: 'campaignResponse', op: 'not_responded_to', campaignIds: ['c'] },
    ];
    const definition = segmentDefinitionSchema.parse({ target: 'contacts', root: { op: 'or', items: conditions } });
    const codes = (describeSegment(definition).root.items as SegmentConditionDescription[]).map((d) => d.code);
    expect(new Set(codes)).toEqual(new Set(SEGMENT_DESCRIPTION_CODES));
    expect(codes).toHaveLength(SEGMENT_DESCRIPTION_CODES.length);
  });

  it('says a lead or account condition reads the record itself', () => {
    const lead = describeSegment(
      segmentDefinitionSchema.parse({
        target: 'leads',
        root: {
          op: 'and',
          items: [
            { field: 'status', op: 'in', values: ['new'] },
            { op: 'or', items: [] },
          ],
        },
      }),
    );
    expect(lead.root.items[0]).toEqual({ kind: 'condition', code: 'status_in', subject: 'record', params: { values: ['new'] } });
    expect(lead.root.items[1]).toEqual({ kind: 'group', op: 'or', items: [] } satisfies SegmentGroupDescription);
    const account = describeSegment(
      segmentDefinitionSchema.parse({
        target: 'accounts',
        root: { op: 'and', items: [{ field: 'clvBand', op: 'in', values: ['top_10'] }] },
      }),
    );
    expect(account.root.items[0]).toMatchObject({ code: 'clv_band_in', subject: 'record' });
  });
});
