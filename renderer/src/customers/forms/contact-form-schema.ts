import { z } from 'zod';
import { contactValuesSchema, CONTACT_OPTIONAL_FIELDS, type ContactRecord, type ContactValues } from '../../../../shared/contract';
import { maxLengthOf, optionalText, requiredText } from './form-schema-helpers';
import { recordChanges } from './record-changes';

const shape = contactValuesSchema.shape;

export const CONTACT_TEXT_FIELDS = ['firstName', 'lastName', 'title', 'department', 'email', 'phone', 'mobile', 'notes'] as const;
export type ContactTextField = (typeof CONTACT_TEXT_FIELDS)[number];
export type ContactFormInput = Record<ContactTextField, string> & { isPrimary: boolean; doNotContact: boolean };

export const contactFormSchema = z.object({
  firstName: optionalText(shape.firstName),
  lastName: requiredText(shape.lastName),
  title: optionalText(shape.title),
  department: optionalText(shape.department),
  email: optionalText(shape.email),
  phone: optionalText(shape.phone),
  mobile: optionalText(shape.mobile),
  notes: optionalText(shape.notes),
  isPrimary: shape.isPrimary,
  doNotContact: shape.doNotContact,
});
export type ContactFormOutput = z.output<typeof contactFormSchema>;

export const CONTACT_MAX_LENGTHS: Partial<Record<ContactTextField, number>> = Object.fromEntries(
  CONTACT_TEXT_FIELDS.map((field) => [field, maxLengthOf(shape[field])]),
);

export const NEW_CONTACT: ContactFormInput = {
  firstName: '',
  lastName: '',
  title: '',
  department: '',
  email: '',
  phone: '',
  mobile: '',
  notes: '',
  isPrimary: false,
  doNotContact: false,
};

export function contactToForm(contact: ContactRecord): ContactFormInput {
  const text = Object.fromEntries(CONTACT_TEXT_FIELDS.map((field) => [field, contact[field] ?? '']));
  return { ...NEW_CONTACT, ...text, isPrimary: contact.isPrimary, doNotContact: contact.doNotContact };
}

type Optional = (typeof CONTACT_OPTIONAL_FIELDS)[number];
const OPTIONAL = new Set<string>(CONTACT_OPTIONAL_FIELDS);
const FORM_FIELDS = [...CONTACT_TEXT_FIELDS, 'isPrimary', 'doNotContact'] as const;

export function contactChanges(original: ContactRecord, values: ContactFormOutput): { patch: Partial<ContactValues>; unset: Optional[] } {
  return recordChanges<ContactValues, Optional>(original, values, FORM_FIELDS, OPTIONAL);
}

export { contactName } from '../../../../shared/schemas/contact-name';
