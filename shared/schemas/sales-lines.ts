import { z } from 'zod';
import { nonNegativeMoneySchema, percentSchema, shortLabelSchema } from './primitives';

/** A priced line on a quote or order; same arithmetic as opportunity line items (see money.ts). */
export const salesLineSchema = z.object({
  id: z.string().min(1).max(64),
  productId: z.string().min(1).max(64),
  description: shortLabelSchema.optional(),
  quantity: z.number().min(0).max(1_000_000),
  unitPrice: nonNegativeMoneySchema,
  discountPercent: percentSchema,
  /** Net line total in minor units, stored so a sent quote keeps the figures the customer saw. */
  total: nonNegativeMoneySchema,
});
export type SalesLine = z.infer<typeof salesLineSchema>;
