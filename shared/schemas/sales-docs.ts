import { z } from 'zod';
import {
  baseDocumentShape,
  currencySchema,
  epochMsSchema,
  idSchema,
  isoDateSchema,
  moneySchema,
  nonNegativeMoneySchema,
  percentSchema,
  textSchema,
} from './primitives';
import { salesLineSchema } from './sales-lines';

export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'rejected'] as const;
export const ORDER_STATUSES = ['draft', 'confirmed', 'fulfilled', 'cancelled'] as const;

/** Totals every sales document carries, in minor units of `currency` (computed with money.ts). */
const totalsShape = {
  currency: currencySchema,
  lines: z.array(salesLineSchema).max(500),
  subtotal: nonNegativeMoneySchema,
  discountPercent: percentSchema,
  discountAmount: moneySchema,
  taxPercent: percentSchema,
  taxAmount: moneySchema,
  total: moneySchema,
} as const;

/**
 * Quotes are versioned: each revision is its own document with the same `quoteNumber` and a higher
 * `version`, so a sent PDF's figures are never rewritten; `supersedesId` links to the revision before.
 */
export const quoteSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('quote'),
  quoteNumber: z.string().min(1).max(32),
  version: z.int().min(1).max(1000).multipleOf(1),
  supersedesId: idSchema.optional(),
  accountId: idSchema,
  opportunityId: idSchema,
  contactId: idSchema.optional(),
  status: z.enum(QUOTE_STATUSES),
  validUntil: isoDateSchema,
  sentAt: epochMsSchema.optional(),
  decidedAt: epochMsSchema.optional(),
  terms: textSchema.optional(),
  ...totalsShape,
});
export type Quote = z.infer<typeof quoteSchema>;

export const orderSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('order'),
  orderNumber: z.string().min(1).max(32),
  accountId: idSchema,
  opportunityId: idSchema.optional(),
  quoteId: idSchema.optional(),
  status: z.enum(ORDER_STATUSES),
  orderDate: isoDateSchema,
  ...totalsShape,
});
export type Order = z.infer<typeof orderSchema>;

export const salesDocSchemas = { quote: quoteSchema, order: orderSchema } as const;
export type SalesDoc = Quote | Order;

export const salesDocIndexes = [
  'updatedAt',
  ['kind', 'status', 'updatedAt'],
  ['accountId', 'updatedAt'],
  ['opportunityId', 'updatedAt'],
  ['ownerId', 'updatedAt'],
] as const;
