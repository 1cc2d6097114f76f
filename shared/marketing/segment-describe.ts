import {
  fieldAppliesTo,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentGroup,
  type SegmentTarget,
} from './segment-conditions';

/**
 * A segment as data the renderer words in the user's language: one code per field and operator, with
 * its values as params (enum values stay codes, so the renderer translates them too), groups kept as groups.
 */

export const SEGMENT_DESCRIPTION_CODES = [
  'industry_in',
  'industry_not_in',
  'region_in',
  'region_not_in',
  'tier_in',
  'tier_not_in',
  'country_in',
  'country_not_in',
  'language_in',
  'language_not_in',
  'status_in',
  'status_not_in',
  'size_in',
  'annual_revenue_between',
  'rfm_segment_in',
  'clv_band_in',
  'churn_risk_in',
  'last_activity_within_days',
  'last_activity_not_within_days',
  'products_bought_any_of',
  'products_bought_none_of',
  'campaign_responded_to',
  'campaign_not_responded_to',
] as const;
export type SegmentDescriptionCode = (typeof SEGMENT_DESCRIPTION_CODES)[number];

/**
 * `subject` says whose value the condition reads: the record itself, or (for contacts) its account,
 * so the renderer can say "whose account's industry is …". A contact's country is its own, falling
 * back to its account's, and counts as `record`.
 */
export type SegmentConditionDescription = {
  readonly kind: 'condition';
  readonly code: SegmentDescriptionCode;
  readonly subject: 'record' | 'account';
  readonly params: {
    readonly values?: ReadonlyArray<string>;
    readonly min?: number;
    readonly max?: number;
    readonly currency?: string;
    readonly days?: number;
    readonly productIds?: ReadonlyArray<string>;
    readonly campaignIds?: ReadonlyArray<string>;
  };
};

export type SegmentGroupDescription = {
  readonly kind: 'group';
  readonly op: 'and' | 'or';
  readonly items: ReadonlyArray<SegmentConditionDescription | SegmentGroupDescription>;
};

export type SegmentDescription = { readonly target: SegmentTarget; readonly root: SegmentGroupDescription };

const FIELD_CODE_PREFIX: Record<SegmentCondition['field'], string> = {
  industry: 'industry',
  region: 'region',
  tier: 'tier',
  country: 'country',
  language: 'language',
  status: 'status',
  size: 'size',
  annualRevenue: 'annual_revenue',
  rfmSegment: 'rfm_segment',
  clvBand: 'clv_band',
  churnRisk: 'churn_risk',
  lastActivity: 'last_activity',
  productsBought: 'products_bought',
  campaignResponse: 'campaign',
};

/** Fields a contact segment reads from the contact itself; every other field reads its account. */
const CONTACT_OWN_FIELDS: ReadonlySet<SegmentCondition['field']> = new Set(['country', 'language', 'lastActivity', 'campaignResponse']);

function subjectOf(field: SegmentCondition['field'], target: SegmentTarget): 'record' | 'account' {
  if (target === 'contacts' && !CONTACT_OWN_FIELDS.has(field)) return 'account';
  return 'record';
}

function describeCondition(condition: SegmentCondition, target: SegmentTarget): SegmentConditionDescription {
  if (!fieldAppliesTo(condition.field, target)) throw new Error(`the condition "${condition.field}" does not apply to ${target}`);
  const code = `${FIELD_CODE_PREFIX[condition.field]}_${condition.op}` as SegmentDescriptionCode;
  const base = { kind: 'condition' as const, code, subject: subjectOf(condition.field, target) };
  switch (condition.field) {
    case 'annualRevenue':
      return {
        ...base,
        params: {
          currency: condition.currency,
          ...(condition.min === undefined ? {} : { min: condition.min }),
          ...(condition.max === undefined ? {} : { max: condition.max }),
        },
      };
    case 'lastActivity':
      return { ...base, params: { days: condition.days } };
    case 'productsBought':
      return { ...base, params: { productIds: [...condition.productIds] } };
    case 'campaignResponse':
      return { ...base, params: { campaignIds: [...condition.campaignIds] } };
    default:
      return { ...base, params: { values: [...condition.values] } };
  }
}

function describeGroup(group: SegmentGroup, target: SegmentTarget): SegmentGroupDescription {
  return {
    kind: 'group',
    op: group.op,
    items: group.items.map((item) => (isSegmentGroup(item) ? describeGroup(item, target) : describeCondition(item, target))),
  };
}

/** Structured description of a parsed (valid) segment definition. */
export function describeSegment(definition: SegmentDefinition): SegmentDescription {
  return { target: definition.target, root: describeGroup(definition.root, definition.target) };
}
