import { z } from 'zod';
import {
  baseDocumentShape,
  currencySchema,
  emailSchema,
  idSchema,
  labelSchema,
  nonNegativeMoneySchema,
  phoneSchema,
  shortLabelSchema,
  textSchema,
  urlSchema,
} from './primitives';
import { mergeBookkeepingShape } from './merge-tombstone';

export const ACCOUNT_STATUSES = ['prospect', 'active', 'inactive', 'churned'] as const;
export const ACCOUNT_TIERS = ['strategic', 'key', 'standard', 'small'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];
export const ACCOUNT_REGIONS = ['north_america', 'latin_america', 'emea', 'apac', 'greater_china'] as const;

/**
 * A customer company. Filters of the accounts list (owner, status, industry, region, tier) and every
 * sortable column are top-level scalars so each can carry an RxDB index. The address is split into
 * parts since schema version 1 (see shared/migrations/accounts/0001-split-address.ts); version 2 adds
 * the merge bookkeeping (shared/schemas/merge-tombstone.ts); version 3 the [ownerId, updatedAt] index.
 */
export const accountSchema = z.object({
  ...baseDocumentShape,
  name: labelSchema.min(1, 'an account needs a name'),
  status: z.enum(ACCOUNT_STATUSES),
  tier: z.enum(ACCOUNT_TIERS),
  region: z.enum(ACCOUNT_REGIONS),
  industry: shortLabelSchema.optional(),
  domain: z.string().max(253).optional(),
  website: urlSchema.optional(),
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
  street: labelSchema.optional(),
  city: shortLabelSchema.optional(),
  postalCode: z.string().max(20).optional(),
  state: shortLabelSchema.optional(),
  country: shortLabelSchema.optional(),
  /** Annual revenue in minor units of `currency`. */
  annualRevenue: nonNegativeMoneySchema.optional(),
  employees: z.int().min(0).max(10_000_000).multipleOf(1).optional(),
  currency: currencySchema,
  parentAccountId: idSchema.optional(),
  notes: textSchema.optional(),
  tags: z.array(shortLabelSchema).max(50).optional(),
  ...mergeBookkeepingShape,
});

export type Account = z.infer<typeof accountSchema>;

/** Accounts list: every sortable column is indexed; filter + name compounds serve "filter, sort by name". */
export const accountIndexes = [
  'name',
  'updatedAt',
  'createdAt',
  'industry',
  'city',
  'country',
  'annualRevenue',
  'employees',
  ['ownerId', 'name'],
  // The accounts list filtered to one owner ("my accounts") and sorted by last change, either way.
  ['ownerId', 'updatedAt'],
  ['teamId', 'name'],
  ['status', 'name'],
  ['region', 'name'],
  ['tier', 'name'],
  ['industry', 'name'],
] as const;
