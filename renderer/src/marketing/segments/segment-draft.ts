import {
  fieldAppliesTo,
  isSegmentGroup,
  SEGMENT_MAX_CONDITIONS,
  SEGMENT_MAX_DEPTH,
  segmentConditionSchema,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentField,
  type SegmentGroup,
  type SegmentTarget,
} from '../../../../shared/marketing/segment-conditions';

/**
 * The builder's working copy of a segment: the same tree as a definition, but a condition may be
 * half filled (no value chosen yet) and every node has a key for React. Only complete conditions
 * are sent for counting and saving; the builder says how many are left out.
 */
export type DraftCondition = {
  readonly kind: 'condition';
  readonly key: string;
  readonly field: SegmentField;
  readonly op: string;
  /** Enum and label values; also the ids of products and campaigns. */
  readonly values: ReadonlyArray<string>;
  /** Free text the user is typing for comma-separated values (country, language, other industries). */
  readonly text: string;
  readonly days: string;
  readonly min: string;
  readonly max: string;
  readonly currency: string;
};
export type DraftGroup = {
  readonly kind: 'group';
  readonly key: string;
  readonly op: 'and' | 'or';
  readonly items: ReadonlyArray<DraftItem>;
};
export type DraftItem = DraftCondition | DraftGroup;

let counter = 0;
export const newKey = (): string => `n${++counter}`;

/** Operators of each field, the default first. */
export const OPERATORS: Readonly<Record<SegmentField, ReadonlyArray<string>>> = {
  industry: ['in', 'not_in'],
  region: ['in', 'not_in'],
  tier: ['in', 'not_in'],
  country: ['in', 'not_in'],
  language: ['in', 'not_in'],
  status: ['in', 'not_in'],
  size: ['in'],
  annualRevenue: ['between'],
  rfmSegment: ['in'],
  clvBand: ['in'],
  churnRisk: ['in'],
  lastActivity: ['within_days', 'not_within_days'],
  productsBought: ['any_of', 'none_of'],
  campaignResponse: ['responded_to', 'not_responded_to'],
};

/** Fields typed as comma-separated text. */
export const TEXT_FIELDS: ReadonlySet<SegmentField> = new Set(['country', 'language']);

export function newCondition(field: SegmentField, currency = 'USD'): DraftCondition {
  return {
    kind: 'condition',
    key: newKey(),
    field,
    op: OPERATORS[field][0]!,
    values: [],
    text: '',
    days: field === 'lastActivity' ? '90' : '',
    min: '',
    max: '',
    currency,
  };
}

export const newGroup = (op: 'and' | 'or' = 'and', items: ReadonlyArray<DraftItem> = []): DraftGroup => ({
  kind: 'group',
  key: newKey(),
  op,
  items,
});

export const splitList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,，;；]/)
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  ),
];

/** Fraction digits of a currency's minor unit (JPY 0, USD 2). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const toMinor = (text: string, currency: string): number | undefined => {
  const trimmed = text.trim().replace(/[\s,]/g, '');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? Math.round(value * 10 ** currencyDigits(currency)) : Number.NaN;
};

/** The condition as the contract wants it, or null while it is incomplete or wrong. */
export function conditionOf(draft: DraftCondition): SegmentCondition | null {
  const { field, op } = draft;
  let raw: unknown;
  switch (field) {
    case 'annualRevenue': {
      const min = toMinor(draft.min, draft.currency);
      const max = toMinor(draft.max, draft.currency);
      raw = { field, op, currency: draft.currency, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
      break;
    }
    case 'lastActivity':
      raw = { field, op, days: draft.days.trim() === '' ? Number.NaN : Number(draft.days) };
      break;
    case 'productsBought':
      raw = { field, op, productIds: draft.values };
      break;
    case 'campaignResponse':
      raw = { field, op, campaignIds: draft.values };
      break;
    default:
      raw = {
        field,
        op,
        values: TEXT_FIELDS.has(field)
          ? splitList(draft.text)
          : field === 'industry'
            ? [...new Set([...draft.values, ...splitList(draft.text)])]
            : draft.values,
      };
  }
  const parsed = segmentConditionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The definition of the complete conditions, and how many were left out. */
export function definitionOf(
  target: SegmentTarget,
  root: DraftGroup,
): { readonly definition: SegmentDefinition; readonly incomplete: number } {
  let incomplete = 0;
  const visit = (group: DraftGroup): SegmentGroup => ({
    op: group.op,
    items: group.items.flatMap((item): Array<SegmentGroup | SegmentCondition> => {
      if (item.kind === 'group') return [visit(item)];
      const condition = conditionOf(item);
      if (!condition) {
        incomplete++;
        return [];
      }
      return [condition];
    }),
  });
  return { definition: { target, root: visit(root) }, incomplete };
}

const fromCondition = (c: SegmentCondition): DraftCondition => {
  const base = newCondition(c.field);
  switch (c.field) {
    case 'annualRevenue': {
      const digits = currencyDigits(c.currency);
      const text = (minor: number | undefined) => (minor === undefined ? '' : String(minor / 10 ** digits));
      return { ...base, op: c.op, currency: c.currency, min: text(c.min), max: text(c.max) };
    }
    case 'lastActivity':
      return { ...base, op: c.op, days: String(c.days) };
    case 'productsBought':
      return { ...base, op: c.op, values: c.productIds };
    case 'campaignResponse':
      return { ...base, op: c.op, values: c.campaignIds };
    default:
      return TEXT_FIELDS.has(c.field) ? { ...base, op: c.op, text: c.values.join(', ') } : { ...base, op: c.op, values: c.values };
  }
};

/** A saved definition as a draft. */
export function draftOf(root: SegmentGroup): DraftGroup {
  return newGroup(
    root.op,
    root.items.map((item) => (isSegmentGroup(item) ? draftOf(item) : fromCondition(item))),
  );
}

/** Drops conditions the target cannot use (after the target changed); says whether any went. */
export function keepApplicable(group: DraftGroup, target: SegmentTarget): { readonly group: DraftGroup; readonly removed: number } {
  let removed = 0;
  const visit = (g: DraftGroup): DraftGroup => ({
    ...g,
    items: g.items.flatMap((item): DraftItem[] => {
      if (item.kind === 'group') return [visit(item)];
      if (!fieldAppliesTo(item.field, target)) {
        removed++;
        return [];
      }
      // A status chosen for accounts is not a lead status (and back): the values start over.
      if (item.field === 'status') return [{ ...item, values: [] }];
      return [item];
    }),
  });
  return { group: visit(group), removed };
}

export function countConditions(group: DraftGroup): number {
  return group.items.reduce((n, item) => n + (item.kind === 'group' ? countConditions(item) : 1), 0);
}

/** The tree with the node `key` replaced by `replace(node)` (or removed when it returns null). */
export function updateNode(group: DraftGroup, key: string, replace: (item: DraftItem) => DraftItem | null): DraftGroup {
  return {
    ...group,
    items: group.items.flatMap((item): DraftItem[] => {
      if (item.key === key) {
        const next = replace(item);
        return next ? [next] : [];
      }
      return item.kind === 'group' ? [updateNode(item, key, replace)] : [item];
    }),
  };
}

export { SEGMENT_MAX_CONDITIONS, SEGMENT_MAX_DEPTH };
