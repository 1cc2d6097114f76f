import { z } from 'zod';
import { accountSchema, ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS, type Account } from '../../schemas/accounts';
import { idSchema, shortLabelSchema } from '../../schemas/primitives';
import { MERGE_BOOKKEEPING_FIELDS } from '../../schemas/merge-tombstone';
import { request } from '../define-request';
import { anyOf, CORE_OWNED_FIELDS, sortDirectionSchema, windowShape, type ListWindow, type OptionalKeys, type Stored } from '../paging';

/** Fields a client may write; ids, timestamps, team and server bookkeeping are the core's. */
export const accountValuesSchema = accountSchema.omit({ ...CORE_OWNED_FIELDS, ...MERGE_BOOKKEEPING_FIELDS }).extend({
  // Defaults to the signed-in rep; the core derives the team from the owner.
  ownerId: idSchema.optional(),
});
export type AccountValues = z.infer<typeof accountValuesSchema>;

/** Reach, address and size: the fields the account form, the CSV import and the optional fields share, in this order. */
export const ACCOUNT_PROFILE_FIELDS = [
  'website',
  'phone',
  'email',
  'street',
  'city',
  'postalCode',
  'state',
  'country',
  'annualRevenue',
  'employees',
] as const;

export const ACCOUNT_OPTIONAL_FIELDS = [
  'industry',
  'domain',
  ...ACCOUNT_PROFILE_FIELDS,
  'parentAccountId',
  'notes',
  'tags',
] as const satisfies ReadonlyArray<OptionalKeys<AccountValues>>;

/** Every column the accounts list can sort by (alphabetical); each is indexed (shared/schemas/accounts.ts). */
export const ACCOUNT_SORT_FIELDS = [
  'annualRevenue',
  'city',
  'country',
  'createdAt',
  'employees',
  'industry',
  'name',
  'ownerId',
  'region',
  'status',
  'tier',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Account>;
export type AccountSortField = (typeof ACCOUNT_SORT_FIELDS)[number];

export const accountFilterSchema = z.strictObject({
  ownerId: anyOf(idSchema),
  status: anyOf(z.enum(ACCOUNT_STATUSES)),
  industry: anyOf(shortLabelSchema),
  region: anyOf(z.enum(ACCOUNT_REGIONS)),
  tier: anyOf(z.enum(ACCOUNT_TIERS)),
  /** A saved segment of accounts: only the accounts it selects now. */
  segmentId: idSchema.optional(),
});
export type AccountFilter = z.infer<typeof accountFilterSchema>;

export const accountListParamsSchema = z.strictObject({
  filter: accountFilterSchema.default({}),
  sort: z.strictObject({ field: z.enum(ACCOUNT_SORT_FIELDS), direction: sortDirectionSchema }).default({ field: 'name', direction: 'asc' }),
  ...windowShape,
});
export type AccountListParams = z.input<typeof accountListParamsSchema>;

export type AccountRecord = Stored<Account>;

const byId = z.strictObject({ id: idSchema });

/** Choices for the list's filter bar: owners (org users plus anyone who owns an account) and distinct industries. */
export type AccountFilterOptions = {
  readonly owners: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  readonly industries: ReadonlyArray<string>;
};

/** More contacts than any real account has; bounds the undo payload. */
export const MAX_CASCADE = 10_000;

export type AccountDeleted = { readonly id: string; readonly contactIds: ReadonlyArray<string> };

export const accountsRequests = {
  'accounts.list': request(accountListParamsSchema).returns<ListWindow<Account>>(),
  'accounts.get': request(byId).returns<AccountRecord>(),
  'accounts.create': request(z.strictObject({ values: z.strictObject(accountValuesSchema.shape) })).returns<AccountRecord>(),
  'accounts.update': request(
    z.strictObject({
      id: idSchema,
      patch: z.strictObject(accountValuesSchema.partial().shape),
      /** Optional fields to clear (JSON has no `undefined`, so clearing is explicit). */
      unset: z.array(z.enum(ACCOUNT_OPTIONAL_FIELDS)).max(ACCOUNT_OPTIONAL_FIELDS.length).optional(),
      /** When given, the update fails with `conflict` if the record changed since this revision. */
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<AccountRecord>(),
  /**
   * Soft delete: the record becomes a tombstone that sync carries; `accounts.restore` undoes it.
   * `contacts: 'delete'` deletes the account's contacts too and returns their ids for the undo.
   */
  'accounts.delete': request(
    z.strictObject({ id: idSchema, contacts: z.enum(['keep', 'delete']).default('keep') }),
  ).returns<AccountDeleted>(),
  /** `contactIds`: contacts deleted with the account (from `accounts.delete`) to bring back with it. */
  'accounts.restore': request(
    z.strictObject({ id: idSchema, contactIds: z.array(idSchema).max(MAX_CASCADE).optional() }),
  ).returns<AccountRecord>(),
  'accounts.filterOptions': request(z.strictObject({})).returns<AccountFilterOptions>(),
} as const;
