import type { TFunction } from 'i18next';
import type { FieldError } from 'react-hook-form';
import { z } from 'zod';

/**
 * Inputs produce strings; the shared domain schemas want `undefined` for "not set" and numbers for
 * numbers. These wrappers adapt the input and then hand it to the shared field schema unchanged,
 * so the form checks exactly what the core will check.
 */
const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const blankToUndefined = (value: unknown): unknown => {
  const text = trimmed(value);
  return text === '' ? undefined : text;
};

export function requiredText<T extends z.ZodType>(schema: T) {
  return z.preprocess(trimmed, schema);
}

export function optionalText<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToUndefined, schema);
}

/** "12 500", "12,500.50" and "12500.5" all read as numbers; anything else stays a string and fails. */
export function optionalNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    const text = blankToUndefined(value);
    if (typeof text !== 'string') return text;
    const compact = text.replace(/[\s,_']/g, '');
    const parsed = Number(compact);
    return compact !== '' && Number.isFinite(parsed) ? parsed : text;
  }, schema);
}

/** The longest text a shared field accepts, for the input's maxlength and the message. */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() : schema;
  return inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined;
}

export type FieldKind = 'text' | 'number' | 'integer' | 'email' | 'currency' | 'choice' | 'date';

/**
 * Turns a zod issue (as react-hook-form passes it on: code in `type`) into a sentence in the
 * user's language. The shared schemas' English messages are for logs and the core; the UI speaks
 * through i18n.
 */
export function errorText(
  t: TFunction<'customers-record'>,
  error: FieldError | undefined,
  kind: FieldKind,
  max?: number,
): string | undefined {
  if (!error) return undefined;
  // One sentence says everything about a currency code, whichever of its checks failed first.
  if (kind === 'currency') return t('validation.currency');
  const numeric = kind === 'number' || kind === 'integer';
  switch (error.type) {
    case 'too_small':
      return numeric ? t('validation.notNegative') : t('validation.required');
    case 'too_big':
      return numeric ? t('validation.tooLarge') : t('validation.tooLong', { max: max ?? 0 });
    case 'invalid_format':
      return kind === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      // zod reports 2.5 for an int field as a type error: the fix the user needs is "whole number".
      if (kind === 'integer') return t('validation.wholeNumber');
      return kind === 'number' ? t('validation.number') : kind === 'date' ? t('validation.date') : t('validation.required');
    case 'not_multiple_of':
      return t('validation.wholeNumber');
    case 'invalid_value':
      return t('validation.choose');
    default:
      return t('validation.invalid');
  }
}
