import type { TFunction } from 'i18next';
import {
  describeSegment,
  type SegmentConditionDescription,
  type SegmentGroupDescription,
} from '../../../../shared/marketing/segment-describe';
import { segmentDefinitionSchema, type SegmentField } from '../../../../shared/marketing/segment-conditions';

type T = TFunction<'marketing-segments'>;

/** Fields whose values are codes with labels in `enums.<field>`. */
const ENUM_FIELDS: ReadonlySet<string> = new Set(['region', 'tier', 'status', 'size', 'rfmSegment', 'clvBand', 'churnRisk']);

const FIELD_OF_CODE: ReadonlyArray<readonly [string, SegmentField]> = [
  ['industry_', 'industry'],
  ['region_', 'region'],
  ['tier_', 'tier'],
  ['country_', 'country'],
  ['language_', 'language'],
  ['status_', 'status'],
  ['size_', 'size'],
  ['annual_revenue_', 'annualRevenue'],
  ['rfm_segment_', 'rfmSegment'],
  ['clv_band_', 'clvBand'],
  ['churn_risk_', 'churnRisk'],
  ['last_activity_', 'lastActivity'],
  ['products_bought_', 'productsBought'],
  ['campaign_', 'campaignResponse'],
];

function split(code: string): { field: SegmentField; op: string } {
  const hit = FIELD_OF_CODE.find(([prefix]) => code.startsWith(prefix));
  if (!hit) throw new Error(`unknown description code ${code}`);
  return { field: hit[1], op: code.slice(hit[0].length) };
}

/** A field's label, as the account's when a contact condition reads its account. */
export function fieldLabel(t: T, field: SegmentField, subject: 'record' | 'account'): string {
  return subject === 'account' ? t(`fieldsOfAccount.${field}` as 'fieldsOfAccount.industry') : t(`fields.${field}` as 'fields.industry');
}

export function enumLabel(t: T, field: SegmentField, value: string): string {
  return ENUM_FIELDS.has(field) ? t(`enums.${field}.${value}` as 'enums.tier.key') : value;
}

export type Names = { readonly products?: ReadonlyMap<string, string>; readonly campaigns?: ReadonlyMap<string, string> };

function conditionWords(t: T, language: string, c: SegmentConditionDescription, names: Names): string {
  const { field, op } = split(c.code);
  const list = (values: ReadonlyArray<string>, type: 'disjunction' | 'conjunction' = 'disjunction') =>
    new Intl.ListFormat(language, { type, style: 'short' }).format(values);
  if (field === 'lastActivity') {
    return t(op === 'within_days' ? 'describe.lastActivityWithin' : 'describe.lastActivityNotWithin', { days: c.params.days ?? 0 });
  }
  let values: string;
  if (field === 'annualRevenue') {
    const currency = c.params.currency ?? 'USD';
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const money = (minor: number) => new Intl.NumberFormat(language, { style: 'currency', currency }).format(minor / 10 ** digits);
    const { min, max } = c.params;
    values =
      min !== undefined && max !== undefined
        ? t('describe.revenueBetween', { min: money(min), max: money(max) })
        : min !== undefined
          ? t('describe.revenueMin', { min: money(min) })
          : t('describe.revenueMax', { max: money(max ?? 0) });
    return `${fieldLabel(t, field, c.subject)}${language.startsWith('zh') ? '' : ' '}${values}`;
  } else if (field === 'productsBought') {
    const ids = c.params.productIds ?? [];
    const products =
      names.products && ids.every((id) => names.products!.has(id))
        ? list(ids.map((id) => names.products!.get(id)!))
        : t('describe.products', { count: ids.length });
    const key =
      c.subject === 'account'
        ? op === 'any_of'
          ? 'describe.accountBought'
          : 'describe.accountNotBought'
        : op === 'any_of'
          ? 'describe.bought'
          : 'describe.notBought';
    return t(key, { products, interpolation: { escapeValue: false } });
  } else if (field === 'campaignResponse') {
    const ids = c.params.campaignIds ?? [];
    const campaigns =
      names.campaigns && ids.every((id) => names.campaigns!.has(id))
        ? list(ids.map((id) => names.campaigns!.get(id)!))
        : t('describe.campaigns', { count: ids.length });
    return t(op === 'responded_to' ? 'describe.respondedTo' : 'describe.notRespondedTo', {
      campaigns,
      interpolation: { escapeValue: false },
    });
  } else {
    values = list((c.params.values ?? []).map((v) => enumLabel(t, field, v)));
  }
  return t('describe.condition', {
    field: fieldLabel(t, field, c.subject),
    op: t(`ops.${op}` as 'ops.in'),
    values,
    interpolation: { escapeValue: false },
  });
}

function groupWords(t: T, language: string, group: SegmentGroupDescription, names: Names, nested: boolean): string {
  const parts = group.items.map((item) =>
    item.kind === 'group' ? groupWords(t, language, item, names, true) : conditionWords(t, language, item, names),
  );
  const joiner = language.startsWith('zh') ? t(`describe.${group.op}`) : ` ${t(`describe.${group.op}`)} `;
  const text = parts.join(language.startsWith('zh') ? `，${joiner}` : `${joiner}`);
  if (!nested || parts.length < 2) return text;
  return language.startsWith('zh') ? `（${text}）` : `(${text})`;
}

/** The segment in words in the user's language ("Account industry is any of Retail or Energy and …"). */
export function segmentInWords(t: T, language: string, definition: unknown, names: Names = {}): string | null {
  const parsed = segmentDefinitionSchema.safeParse(definition);
  if (!parsed.success) return null;
  const description = describeSegment(parsed.data);
  const target = t(`target.${description.target}`);
  const items = description.root.items;
  if (items.length === 0) return t(description.root.op === 'and' ? 'describe.all' : 'describe.none', { target });
  return groupWords(t, language, description.root, names, false);
}
