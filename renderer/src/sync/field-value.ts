import type { FieldValue } from '../../../shared/contract/sync/sync-types';
import type { Formatters } from '../i18n/formatters';

export type FieldValueWords = { readonly notSet: string; readonly yes: string; readonly no: string };

/** Epoch-ms fields by naming convention of the shared schemas (createdAt, closeDate, dueAt…). */
const TIME_FIELD = /(At|Date)$/;

/** A conflict value as a rep reads it: dates as dates, lists as lists, nothing as "(empty)". */
export function formatFieldValue(field: string, value: FieldValue, format: Formatters, words: FieldValueWords): string {
  if (value === null || value === '') return words.notSet;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'number') return TIME_FIELD.test(field) ? format.dateTime(value) : format.number(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.every((item) => typeof item === 'string' || typeof item === 'number') ? value.join(', ') : JSON.stringify(value);
  return JSON.stringify(value);
}

/** "annualRevenue" → "Annual revenue": field names are schema keys, not translated labels (yet). */
export function fieldLabel(field: string): string {
  const words = field
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
