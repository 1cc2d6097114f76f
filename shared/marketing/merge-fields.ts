import type { Account } from '../schemas/accounts';
import type { Contact } from '../schemas/contacts';
import type { User } from '../schemas/org';
import { contactName as contactFullName } from '../schemas/contact-name';

/** Where a merge field's value is read from when a message is rendered for one recipient. */
export type MergeFieldSource = 'contact' | 'account' | 'rep' | 'message';

export type MergeFieldDefinition = {
  source: MergeFieldSource;
  /**
   * The property of the source record the value is read from, or `derived` when the value is
   * composed from several properties (see `derivedFrom`).
   */
  property: string;
  derivedFrom?: readonly string[];
};

/**
 * The merge-field vocabulary of e-mail templates, written `{{contact.firstName}}` or with a
 * fallback for an empty value, `{{contact.firstName | there}}`. The rep is the user sending the
 * message (the campaign owner or the rep writing a one-to-one follow-up); `unsubscribe.url` is the
 * per-recipient opt-out address the sync server serves.
 */
export const MERGE_FIELDS = {
  'contact.firstName': { source: 'contact', property: 'firstName' },
  'contact.lastName': { source: 'contact', property: 'lastName' },
  'contact.fullName': { source: 'contact', property: 'derived', derivedFrom: ['firstName', 'lastName'] },
  'contact.email': { source: 'contact', property: 'email' },
  'contact.title': { source: 'contact', property: 'title' },
  'account.name': { source: 'account', property: 'name' },
  'account.city': { source: 'account', property: 'city' },
  'rep.name': { source: 'rep', property: 'name' },
  'rep.email': { source: 'rep', property: 'email' },
  'rep.phone': { source: 'rep', property: 'phone' },
  'unsubscribe.url': { source: 'message', property: 'unsubscribeUrl' },
} as const satisfies Record<string, MergeFieldDefinition>;

export type MergeFieldName = keyof typeof MERGE_FIELDS;

/** The field names in the order the editor offers them. */
export const MERGE_FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeFieldName[];

export function isMergeFieldName(name: string): name is MergeFieldName {
  return Object.hasOwn(MERGE_FIELDS, name);
}

/** One recipient's values; a missing or empty value renders as the field's fallback, or as nothing. */
export type MergeValues = Partial<Record<MergeFieldName, string>>;

/** A contact's full name as the customer screens write it (shared/schemas/contact-name.ts). */
export { contactFullName };

/** The sending rep: a user, with a phone number where the caller knows one (users carry none). */
export type MergeRep = Pick<User, 'name' | 'email'> & { phone?: string | undefined };

export type MergeRecipient = {
  contact?: Pick<Contact, 'firstName' | 'lastName' | 'email' | 'title'> | undefined;
  account?: Pick<Account, 'name' | 'city'> | undefined;
  rep?: MergeRep | undefined;
};

/**
 * The values of every contact, account and rep field for one recipient, read as MERGE_FIELDS says.
 * `unsubscribe.url` is not among them: the renderer takes it from its options, so a message can
 * never go out with another recipient's opt-out address.
 */
export function mergeValuesFor(recipient: MergeRecipient): MergeValues {
  const { contact, account, rep } = recipient;
  const values: MergeValues = {};
  const put = (name: MergeFieldName, value: string | undefined): void => {
    const trimmed = value?.trim();
    if (trimmed) values[name] = trimmed;
  };
  if (contact) {
    put('contact.firstName', contact.firstName);
    put('contact.lastName', contact.lastName);
    put('contact.fullName', contactFullName(contact));
    put('contact.email', contact.email);
    put('contact.title', contact.title);
  }
  if (account) {
    put('account.name', account.name);
    put('account.city', account.city);
  }
  if (rep) {
    put('rep.name', rep.name);
    put('rep.email', rep.email);
    put('rep.phone', rep.phone);
  }
  return values;
}
