import type { TFunction } from 'i18next';
import type { DuplicateEntity, MergePreviewField, MergeValue } from '../../../../shared/contract/customers/duplicates-requests';
import type { Formatters } from '../../i18n/formatters';

type Words = { readonly t: TFunction<'duplicates'>; readonly tr: TFunction<'customers-record'>; readonly format: Formatters };

const ACCOUNT_ENUMS = new Set(['status', 'tier', 'region']);

/**
 * One side's value of a merge field as a rep reads it: a name for a reference, the enum in the
 * rep's language, money in the side's own currency, dates as dates, "(empty)" for nothing.
 */
export function mergeValueText(
  entity: DuplicateEntity,
  field: MergePreviewField['field'],
  value: MergeValue | undefined,
  label: string | undefined,
  currency: string | undefined,
  { t, tr, format }: Words,
): string {
  if (isEmptyValue(value)) return t('merge.notSet');
  if (label) return label;
  if (typeof value === 'boolean') return value ? t('merge.yes') : t('merge.no');
  if (Array.isArray(value)) return value.join(', ');
  if (entity === 'account' && ACCOUNT_ENUMS.has(field) && typeof value === 'string')
    return tr(`options.${field as 'status'}.${value as 'active'}`, { defaultValue: value });
  if (typeof value === 'number') {
    if (field === 'annualRevenue' && currency) return format.money(value, currency);
    if (field === 'lastContactedAt') return format.dateTime(value);
    return format.number(value);
  }
  return String(value);
}

/** Which record's value a field keeps unless the rep picks: the survivor's, or the loser's where the survivor has none. */
export function defaultPick(field: MergePreviewField): 'survivor' | 'loser' {
  const empty = (value: MergeValue | undefined): boolean =>
    value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  return empty(field.survivor) && !empty(field.loser) ? 'loser' : 'survivor';
}

/** No value: absent, blank or an empty list. */
export function isEmptyValue(value: MergeValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
