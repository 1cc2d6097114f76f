import { z } from 'zod';
import {
  baseDocumentShape,
  currencySchema,
  idSchema,
  isoDateSchema,
  labelSchema,
  nonNegativeMoneySchema,
  shortLabelSchema,
  textSchema,
} from './primitives';

/** Products and their prices share the `catalog` collection (see registry.ts for why collections are grouped). */
export const productSchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('product'),
  name: labelSchema.min(1, 'a product needs a name'),
  sku: z.string().min(1).max(64),
  family: shortLabelSchema.optional(),
  description: textSchema.optional(),
  unit: z.string().max(20).optional(),
  isActive: z.boolean(),
});
export type Product = z.infer<typeof productSchema>;

/** One product's price in one price book and currency, valid from a calendar date. */
export const priceBookEntrySchema = z.object({
  ...baseDocumentShape,
  kind: z.literal('price_book_entry'),
  productId: idSchema,
  priceBook: z.string().min(1).max(64),
  currency: currencySchema,
  unitPrice: nonNegativeMoneySchema,
  validFrom: isoDateSchema.optional(),
  isActive: z.boolean(),
});
export type PriceBookEntry = z.infer<typeof priceBookEntrySchema>;

export const catalogSchemas = { product: productSchema, price_book_entry: priceBookEntrySchema } as const;
export type CatalogDoc = Product | PriceBookEntry;

export const catalogIndexes = ['updatedAt', ['kind', 'name'], ['kind', 'sku'], ['productId', 'priceBook']] as const;
