import { z } from 'zod';
import { contactSchema, type Contact } from '../../schemas/contacts';
import { idSchema } from '../../schemas/primitives';
import { MERGE_BOOKKEEPING_FIELDS } from '../../schemas/merge-tombstone';
import { request } from '../define-request';
import { anyOf, CORE_OWNED_FIELDS, sortDirectionSchema, windowShape, type ListWindow, type OptionalKeys, type Stored } from '../paging';

/** Fields a client may write; ids, timestamps, team and server bookkeeping are the core's. */
export const contactValuesSchema = contactSchema
  .omit({ ...CORE_OWNED_FIELDS, ...MERGE_BOOKKEEPING_FIELDS })
  .extend({ ownerId: idSchema.optional() });
export type ContactValues = z.infer<typeof contactValuesSchema>;

/** Role, reach and place: the fields the optional fields and the CSV import share, in this order. */
export const CONTACT_PROFILE_FIELDS = ['title', 'department', 'email', 'phone', 'mobile', 'city', 'country', 'preferredLanguage'] as const;

export const CONTACT_OPTIONAL_FIELDS = [
  'firstName',
  ...CONTACT_PROFILE_FIELDS,
  'lastContactedAt',
  'notes',
] as const satisfies ReadonlyArray<OptionalKeys<ContactValues>>;

export const CONTACT_SORT_FIELDS = [
  'lastName',
  'firstName',
  'title',
  'department',
  'email',
  'city',
  'country',
  'accountId',
  'ownerId',
  'lastContactedAt',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Contact>;
export type ContactSortField = (typeof CONTACT_SORT_FIELDS)[number];

export const contactFilterSchema = z.strictObject({
  accountId: anyOf(idSchema),
  ownerId: anyOf(idSchema),
  isPrimary: z.boolean().optional(),
  doNotContact: z.boolean().optional(),
  /** A saved segment of contacts: only the contacts it selects now. */
  segmentId: idSchema.optional(),
});
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const contactListParamsSchema = z.strictObject({
  filter: contactFilterSchema.default({}),
  sort: z
    .strictObject({ field: z.enum(CONTACT_SORT_FIELDS), direction: sortDirectionSchema })
    .default({ field: 'lastName', direction: 'asc' }),
  ...windowShape,
});
export type ContactListParams = z.input<typeof contactListParamsSchema>;

export type ContactRecord = Stored<Contact>;

/**
 * A contact as lists and the contact page read it: the record plus its account's name, joined by
 * the core so a list window costs one lookup of its accounts. Absent when the account is gone.
 */
export type ContactRow = Contact & { readonly accountName?: string };
export type ContactRowRecord = Stored<ContactRow>;

const byId = z.strictObject({ id: idSchema });

export const contactsRequests = {
  'contacts.list': request(contactListParamsSchema).returns<ListWindow<ContactRow>>(),
  'contacts.get': request(byId).returns<ContactRowRecord>(),
  'contacts.create': request(z.strictObject({ values: z.strictObject(contactValuesSchema.shape) })).returns<ContactRecord>(),
  'contacts.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(contactValuesSchema.partial().shape),
      unset: z.array(z.enum(CONTACT_OPTIONAL_FIELDS)).max(CONTACT_OPTIONAL_FIELDS.length).optional(),
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<ContactRecord>(),
  'contacts.delete': request(byId).returns<{ readonly id: string }>(),
  'contacts.restore': request(byId).returns<ContactRecord>(),
} as const;
