import { z } from 'zod';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../schemas/accounts';
import { LEAD_STATUSES } from '../schemas/leads';
import { currencySchema, idSchema, nonNegativeMoneySchema } from '../schemas/primitives';
import { CHURN_BANDS, RFM_SEGMENTS } from '../contract/insight/insight-requests';

/**
 * A marketing segment: a tree of and/or groups over conditions on accounts, contacts or leads.
 *
 * What each condition reads, per target (the evaluator in segment-evaluate.ts is the reference):
 * - accounts: every condition except `language` reads the account itself (accounts have no language;
 *   the people at an account do).
 * - contacts: `language` and `lastActivity` and `campaignResponse` read the contact itself; `country`
 *   reads the contact's own country and, when it has none, its account's; every other condition
 *   (industry, region, tier, status, size, annualRevenue, rfmSegment, clvBand, churnRisk,
 *   productsBought) reads the contact's account.
 * - leads: a lead belongs to no account and has only free-text company fields, so only `country`,
 *   `status` (the lead's own status), `lastActivity` and `campaignResponse` apply; any other condition
 *   is refused with a message naming it.
 *
 * Negative operators (`not_in`, `none_of`, `not_within_days`, `not_responded_to`) are the exact
 * complement of their positive pair: a record with no value (no industry, no activity, no account
 * figures) is "not in" every list. Positive operators never match a missing value.
 *
 * Groups: an empty `and` matches every record (the builder's starting point: "all accounts"), an empty
 * `or` matches none, as the identities of the two operators say.
 *
 * Bounds that keep hostile input out: groups nest at most SEGMENT_MAX_DEPTH deep (the root counts as 1),
 * at most SEGMENT_MAX_CONDITIONS conditions in the whole tree, at most SEGMENT_MAX_VALUES values per
 * condition, strings bounded like the fields they compare with, and no unknown keys anywhere.
 */

export const SEGMENT_TARGETS = ['accounts', 'contacts', 'leads'] as const;
export type SegmentTarget = (typeof SEGMENT_TARGETS)[number];

export const SEGMENT_MAX_DEPTH = 4;
export const SEGMENT_MAX_CONDITIONS = 30;
export const SEGMENT_MAX_VALUES = 100;
/** Groups and conditions together: room for every condition in its own group at the deepest level. */
export const SEGMENT_MAX_NODES = 100;
export const SEGMENT_MAX_DAYS = 3650;

/** Employee-count bands, with the boundaries the customer-insight profile uses for its size band. */
export const EMPLOYEE_BANDS = ['1-49', '50-249', '250-999', '1000+'] as const;
export type EmployeeBand = (typeof EMPLOYEE_BANDS)[number];

/** Band of an employee count; null when the count is unknown. */
export function employeeBandOf(employees: number | null | undefined): EmployeeBand | null {
  if (employees === null || employees === undefined) return null;
  if (employees < 50) return '1-49';
  if (employees < 250) return '50-249';
  if (employees < 1000) return '250-999';
  return '1000+';
}

/**
 * CLV bands of an account by its 12-month CLV percentile among the accounts of the same currency that
 * have a CLV figure (CLV is never compared across currencies). With n such accounts, `above` of them
 * with a strictly higher CLV and `below` with a strictly lower one, the first rule that holds gives the band:
 * - `top_10`:    above < 0.10·n   (the best tenth; ties share the better band)
 * - `top_25`:    above < 0.25·n   (the rest of the best quarter: `top_10` and `top_25` are disjoint,
 *                                  so "the top quarter" is both selected)
 * - `bottom_25`: below < 0.25·n
 * - `middle`:    everything else
 * - `none`:      no CLV figure (no purchases, model still computing, or no account).
 * See clvBandsOf in segment-evaluate.ts.
 */
export const CLV_BANDS = ['top_10', 'top_25', 'middle', 'bottom_25', 'none'] as const;
export type ClvBand = (typeof CLV_BANDS)[number];

/** Churn risk as a segment sees it: the model's band, or `lapsed` when the account has already lapsed. */
export const CHURN_RISK_VALUES = [...CHURN_BANDS, 'lapsed'] as const;
export type ChurnRiskValue = (typeof CHURN_RISK_VALUES)[number];

/** `status` means the account's status for accounts and contacts, the lead's own status for leads. */
export const SEGMENT_STATUS_VALUES = [...ACCOUNT_STATUSES, ...LEAD_STATUSES] as const;

const valueList = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'choose at least one value').max(SEGMENT_MAX_VALUES, `at most ${SEGMENT_MAX_VALUES} values per condition`);

const inOps = z.enum(['in', 'not_in'], 'operator must be "in" or "not_in"');
const labelValue = z.string().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
/** BCP 47 language tag such as "zh", "zh-CN" or "en"; compared case-insensitively. */
const languageTag = z
  .string()
  .max(35, 'must be at most 35 characters')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as en or zh-CN');

const enumOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, `${what} must be one of: ${values.join(', ')}`);

export const industryConditionSchema = z.strictObject({ field: z.literal('industry'), op: inOps, values: valueList(labelValue) });
export const regionConditionSchema = z.strictObject({
  field: z.literal('region'),
  op: inOps,
  values: valueList(enumOf(ACCOUNT_REGIONS, 'region')),
});
export const tierConditionSchema = z.strictObject({
  field: z.literal('tier'),
  op: inOps,
  values: valueList(enumOf(ACCOUNT_TIERS, 'tier')),
});
export const countryConditionSchema = z.strictObject({ field: z.literal('country'), op: inOps, values: valueList(labelValue) });
export const languageConditionSchema = z.strictObject({ field: z.literal('language'), op: inOps, values: valueList(languageTag) });
export const statusConditionSchema = z.strictObject({
  field: z.literal('status'),
  op: inOps,
  values: valueList(enumOf(SEGMENT_STATUS_VALUES, 'status')),
});
export const sizeConditionSchema = z.strictObject({
  field: z.literal('size'),
  op: z.literal('in', 'operator must be "in"'),
  values: valueList(enumOf(EMPLOYEE_BANDS, 'size')),
});
/** Inclusive range in minor units of `currency`; only accounts in that currency can match. */
export const annualRevenueConditionSchema = z
  .strictObject({
    field: z.literal('annualRevenue'),
    op: z.literal('between', 'operator must be "between"'),
    min: nonNegativeMoneySchema.optional(),
    max: nonNegativeMoneySchema.optional(),
    currency: currencySchema,
  })
  .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'give a minimum, a maximum or both', path: ['min'] })
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
    message: 'the minimum must not exceed the maximum',
    path: ['max'],
  });
export const rfmSegmentConditionSchema = z.strictObject({
  field: z.literal('rfmSegment'),
  op: z.literal('in', 'operator must be "in"'),
  values: valueList(enumOf(RFM_SEGMENTS, 'RFM segment')),
});
export const clvBandConditionSchema = z.strictObject({
  field: z.literal('clvBand'),
  op: z.literal('in', 'operator must be "in"'),
  values: valueList(enumOf(CLV_BANDS, 'CLV band')),
});
export const churnRiskConditionSchema = z.strictObject({
  field: z.literal('churnRisk'),
  op: z.literal('in', 'operator must be "in"'),
  values: valueList(enumOf(CHURN_RISK_VALUES, 'churn risk')),
});
/** Last activity on the record's own timeline, in calendar days back from today (0 = today). */
export const lastActivityConditionSchema = z.strictObject({
  field: z.literal('lastActivity'),
  op: z.enum(['within_days', 'not_within_days'], 'operator must be "within_days" or "not_within_days"'),
  days: z
    .int('days must be a whole number')
    .min(0, 'days must not be negative')
    .max(SEGMENT_MAX_DAYS, `days must be at most ${SEGMENT_MAX_DAYS}`),
});
/** Products bought by the account (for contacts: by the contact's account). */
export const productsBoughtConditionSchema = z.strictObject({
  field: z.literal('productsBought'),
  op: z.enum(['any_of', 'none_of'], 'operator must be "any_of" or "none_of"'),
  productIds: valueList(idSchema),
});
/** Responded to any of the campaigns (`responded_to`) or to none of them (`not_responded_to`). */
export const campaignResponseConditionSchema = z.strictObject({
  field: z.literal('campaignResponse'),
  op: z.enum(['responded_to', 'not_responded_to'], 'operator must be "responded_to" or "not_responded_to"'),
  campaignIds: valueList(idSchema),
});

const CONDITION_SCHEMAS = [
  industryConditionSchema,
  regionConditionSchema,
  tierConditionSchema,
  countryConditionSchema,
  languageConditionSchema,
  statusConditionSchema,
  sizeConditionSchema,
  annualRevenueConditionSchema,
  rfmSegmentConditionSchema,
  clvBandConditionSchema,
  churnRiskConditionSchema,
  lastActivityConditionSchema,
  productsBoughtConditionSchema,
  campaignResponseConditionSchema,
] as const;

export const SEGMENT_FIELDS = [
  'industry',
  'region',
  'tier',
  'country',
  'language',
  'status',
  'size',
  'annualRevenue',
  'rfmSegment',
  'clvBand',
  'churnRisk',
  'lastActivity',
  'productsBought',
  'campaignResponse',
] as const;
export type SegmentField = (typeof SEGMENT_FIELDS)[number];

export const segmentConditionSchema = z.discriminatedUnion('field', CONDITION_SCHEMAS, {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown condition field; expected one of: ${SEGMENT_FIELDS.join(', ')}` : undefined),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export type SegmentGroup = { readonly op: 'and' | 'or'; readonly items: ReadonlyArray<SegmentCondition | SegmentGroup> };
export type SegmentItem = SegmentCondition | SegmentGroup;

export const isSegmentGroup = (item: SegmentItem): item is SegmentGroup => 'items' in item;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An item is a group when it has `items`, a condition otherwise; each gets its own schema's messages. */
const segmentItemSchema: z.ZodType<SegmentItem> = z.lazy(() =>
  z.unknown().transform((value, ctx): SegmentItem => {
    const schema: z.ZodType<SegmentItem> = isPlainObject(value) && 'items' in value ? segmentGroupSchema : segmentConditionSchema;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }),
);

const segmentGroupSchema: z.ZodType<SegmentGroup> = z.strictObject({
  op: z.enum(['and', 'or'], 'group operator must be "and" or "or"'),
  items: z.array(segmentItemSchema).max(SEGMENT_MAX_CONDITIONS, `a group holds at most ${SEGMENT_MAX_CONDITIONS} items`),
});

/** The conditions a lead can use: its own fields, activity and campaign responses (it has no account). */
export const LEAD_FIELDS: ReadonlySet<SegmentField> = new Set(['country', 'status', 'lastActivity', 'campaignResponse']);

/** Which fields each target accepts (see the header comment for what each one reads). */
export function fieldAppliesTo(field: SegmentField, target: SegmentTarget): boolean {
  if (target === 'accounts') return field !== 'language';
  if (target === 'leads') return LEAD_FIELDS.has(field);
  return true;
}

const ACCOUNT_STATUS_SET: ReadonlySet<string> = new Set(ACCOUNT_STATUSES);
const LEAD_STATUS_SET: ReadonlySet<string> = new Set(LEAD_STATUSES);

/**
 * Walks the raw input without recursion before zod sees it, so a tree nested thousands deep or holding
 * thousands of items is refused with one message instead of exhausting the stack or the CPU.
 */
function checkShape(value: unknown, ctx: z.RefinementCtx): void {
  if (!isPlainObject(value) || !isPlainObject(value.root)) return; // the object schema words these
  const stack: Array<{ node: unknown; depth: number; path: Array<string | number> }> = [{ node: value.root, depth: 1, path: ['root'] }];
  let conditions = 0;
  let visited = 0;
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (++visited > SEGMENT_MAX_NODES) {
      ctx.addIssue({
        code: 'custom',
        message: `a segment holds at most ${SEGMENT_MAX_NODES} groups and conditions in all`,
        path: ['root'],
      });
      return;
    }
    if (!isPlainObject(node) || !('items' in node)) {
      conditions++;
      continue;
    }
    if (depth > SEGMENT_MAX_DEPTH) {
      ctx.addIssue({ code: 'custom', message: `groups nest at most ${SEGMENT_MAX_DEPTH} levels deep`, path });
      return;
    }
    if (!Array.isArray(node.items)) continue;
    if (node.items.length > SEGMENT_MAX_CONDITIONS) {
      ctx.addIssue({ code: 'custom', message: `a group holds at most ${SEGMENT_MAX_CONDITIONS} items`, path: [...path, 'items'] });
      return;
    }
    node.items.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: [...path, 'items', i] }));
  }
  if (conditions > SEGMENT_MAX_CONDITIONS) {
    ctx.addIssue({ code: 'custom', message: `a segment holds at most ${SEGMENT_MAX_CONDITIONS} conditions`, path: ['root'] });
  }
}

/** Refuses conditions the target cannot use, and status values of the other kind of record. */
function checkTarget(definition: { target: SegmentTarget; root: SegmentGroup }, ctx: z.RefinementCtx): void {
  const visit = (item: SegmentItem, path: Array<string | number>): void => {
    if (isSegmentGroup(item)) {
      item.items.forEach((child, i) => visit(child, [...path, 'items', i]));
      return;
    }
    if (!fieldAppliesTo(item.field, definition.target)) {
      const why =
        item.field === 'language'
          ? 'accounts have no language; segment contacts to choose by language'
          : 'it reads an account and a lead has none (leads accept country, status, lastActivity and campaignResponse)';
      ctx.addIssue({
        code: 'custom',
        message: `the condition "${item.field}" does not apply to ${definition.target}: ${why}`,
        path: [...path, 'field'],
      });
      return;
    }
    if (item.field === 'status') {
      const allowed = definition.target === 'leads' ? LEAD_STATUS_SET : ACCOUNT_STATUS_SET;
      const kind = definition.target === 'leads' ? 'a lead' : 'an account';
      item.values.forEach((v, i) => {
        if (!allowed.has(v)) {
          ctx.addIssue({
            code: 'custom',
            message: `"${v}" is not ${kind} status; expected one of: ${[...allowed].join(', ')}`,
            path: [...path, 'values', i],
          });
        }
      });
    }
  };
  visit(definition.root, ['root']);
}

const definitionObjectSchema = z
  .strictObject({
    target: z.enum(SEGMENT_TARGETS, `target must be one of: ${SEGMENT_TARGETS.join(', ')}`),
    root: segmentGroupSchema,
  })
  .superRefine(checkTarget);

/** A segment definition as saved on the segment document and sent by the builder. */
export const segmentDefinitionSchema = z.unknown().superRefine(checkShape).pipe(definitionObjectSchema);
export type SegmentDefinition = z.infer<typeof definitionObjectSchema>;

/** Conditions in the tree, groups not counted. */
export function countSegmentConditions(group: SegmentGroup): number {
  return group.items.reduce((n, item) => n + (isSegmentGroup(item) ? countSegmentConditions(item) : 1), 0);
}
