import { z } from 'zod';

/**
 * Building blocks every domain schema uses. The bounds are not decoration: RxDB refuses to index
 * a string without `maxLength` or a number without `minimum`/`maximum`/`multipleOf`, and the same
 * bounds become the payload validator's limits, so the store and the IPC check can never disagree.
 */

/** Client-generated ids (UUIDs in practice); any opaque string up to 64 chars so imports can keep theirs. */
export const idSchema = z.string().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/**
 * Instants are epoch milliseconds (UTC): compact, sortable as numbers, cheap to compare in
 * analytics, and the same unit RxDB uses for `_meta.lwt`. Bounded to 1970..2100 so RxDB can index them.
 */
export const EPOCH_MS_MAX = 4_102_444_800_000; // 2100-01-01T00:00:00Z
export const epochMsSchema = z.int().min(0).max(EPOCH_MS_MAX).multipleOf(1);

/**
 * Calendar dates (close date, validity, quota period start) are `YYYY-MM-DD` strings, not instants:
 * "closes on 31 March" must stay 31 March whatever time zone the rep is in. They sort as strings.
 */
export const isoDateSchema = z
  .string()
  .max(10)
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date like 2025-03-31');

/**
 * Money is an integer amount of the currency's minor unit (cents, fen, yen) plus an ISO 4217 code.
 * Integers add up exactly (0.1 + 0.2 never appears in a forecast), stay exact up to 2^53 minor
 * units (~90 trillion dollars), and index as plain numbers; formatting divides by 10^digits at the edge.
 */
export const MONEY_MAX = 1_000_000_000_000_000; // 10^15 minor units: well inside 2^53
export const moneySchema = z.int().min(-MONEY_MAX).max(MONEY_MAX).multipleOf(1);
export const nonNegativeMoneySchema = z.int().min(0).max(MONEY_MAX).multipleOf(1);
export const currencySchema = z
  .string()
  .length(3)
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');

/** Percentages 0..100 (probability, discount, tax rate); fractional values allowed for tax rates like 8.25. */
export const percentSchema = z.number().min(0).max(100);
export const wholePercentSchema = z.int().min(0).max(100).multipleOf(1);

/** Short labels that get indexed and sorted (names, statuses, cities). */
export const labelSchema = z.string().max(200);
export const shortLabelSchema = z.string().max(80);
/** Free text (notes, descriptions); bounded so one document cannot grow without limit. */
export const textSchema = z.string().max(20_000);
export const emailSchema = z
  .string()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'must be an e-mail address');
export const phoneSchema = z.string().max(40);
export const urlSchema = z.string().max(2048);

/**
 * Fields on every synced document. `ownerId`/`teamId` drive server-side scoping; `serverRevision`
 * and `serverUpdatedAt` are written only by the sync server (the server owns time and order), so
 * they are optional and a client must never set them on a new record.
 */
export const baseDocumentShape = {
  id: idSchema,
  ownerId: idSchema,
  teamId: idSchema,
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
  /** 'team' shares a record with the owner's team; absent or 'private' keeps it to the owner (and managers). */
  visibility: z.enum(['private', 'team']).optional(),
  serverRevision: z.int().min(0).max(Number.MAX_SAFE_INTEGER).multipleOf(1).optional(),
  serverUpdatedAt: epochMsSchema.optional(),
} as const;

/** Names of the server-managed fields, so IPC handlers can strip them from client payloads. */
export const SERVER_MANAGED_FIELDS = ['serverRevision', 'serverUpdatedAt'] as const;
