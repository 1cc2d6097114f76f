import { z } from 'zod';
import {
  accountValuesSchema,
  ACCOUNT_OPTIONAL_FIELDS,
  ACCOUNT_PROFILE_FIELDS,
  type AccountRecord,
  type AccountValues,
} from '../../../../shared/contract';
import { MONEY_MAX } from '../../../../shared/schemas';
import { maxLengthOf, optionalNumber, optionalText, requiredText } from './form-schema-helpers';
import { recordChanges } from './record-changes';

const shape = accountValuesSchema.shape;

/** The fields the account form edits; others (tags, parent, owner) are left as they are. */
export const ACCOUNT_FORM_FIELDS = [
  'name',
  'status',
  'tier',
  'region',
  'industry',
  'currency',
  ...ACCOUNT_PROFILE_FIELDS,
  'notes',
] as const;
export type AccountFormField = (typeof ACCOUNT_FORM_FIELDS)[number];
/** What the inputs hold: text, exactly as typed (also what a draft stores). */
export type AccountFormInput = Record<AccountFormField, string>;

/** The shared schema's fields behind input adapters; revenue is typed in major units (12,500.00). */
export const accountFormSchema = z.object({
  name: requiredText(shape.name),
  status: shape.status,
  tier: shape.tier,
  region: shape.region,
  industry: optionalText(shape.industry),
  currency: z.preprocess((value) => (typeof value === 'string' ? value.trim().toUpperCase() : value), shape.currency),
  website: optionalText(shape.website),
  phone: optionalText(shape.phone),
  email: optionalText(shape.email),
  street: optionalText(shape.street),
  city: optionalText(shape.city),
  postalCode: optionalText(shape.postalCode),
  state: optionalText(shape.state),
  country: optionalText(shape.country),
  annualRevenue: optionalNumber(
    z
      .number()
      .min(0)
      .max(MONEY_MAX / 1_000)
      .optional(),
  ),
  employees: optionalNumber(shape.employees),
  notes: optionalText(shape.notes),
});
export type AccountFormOutput = z.output<typeof accountFormSchema>;

export const ACCOUNT_MAX_LENGTHS: Partial<Record<AccountFormField, number>> = Object.fromEntries(
  ACCOUNT_FORM_FIELDS.map((field) => [field, field in shape ? maxLengthOf(shape[field as keyof typeof shape]) : undefined]),
);

export const NEW_ACCOUNT: AccountFormInput = {
  name: '',
  status: 'prospect',
  tier: 'standard',
  region: 'emea',
  industry: '',
  currency: 'EUR',
  website: '',
  phone: '',
  email: '',
  street: '',
  city: '',
  postalCode: '',
  state: '',
  country: '',
  annualRevenue: '',
  employees: '',
  notes: '',
};

/** Minor-unit digits of a currency (2 for EUR, 0 for JPY) from Intl, the same source the display uses. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function accountToForm(account: AccountRecord): AccountFormInput {
  const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));
  const revenue = account.annualRevenue === undefined ? '' : String(account.annualRevenue / 10 ** currencyDigits(account.currency));
  return {
    ...NEW_ACCOUNT,
    ...Object.fromEntries(ACCOUNT_FORM_FIELDS.map((field) => [field, text(account[field])])),
    annualRevenue: revenue,
  };
}

/** The validated form as contract values (revenue back in minor units). */
export function formToValues(output: AccountFormOutput): AccountValues {
  const { annualRevenue, ...rest } = output;
  const values: AccountValues = { ...rest };
  if (annualRevenue !== undefined) values.annualRevenue = Math.round(annualRevenue * 10 ** currencyDigits(output.currency));
  return values;
}

type Optional = (typeof ACCOUNT_OPTIONAL_FIELDS)[number];
const OPTIONAL = new Set<string>(ACCOUNT_OPTIONAL_FIELDS);

/** Only what changed: a patch of new values and the optional fields the user emptied. */
export function accountChanges(original: AccountRecord, values: AccountValues): { patch: Partial<AccountValues>; unset: Optional[] } {
  return recordChanges<AccountValues, Optional>(original, values, ACCOUNT_FORM_FIELDS, OPTIONAL);
}
