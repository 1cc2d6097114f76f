import { z } from 'zod';
import type { PriceBookEntry, Product } from '../../schemas/catalog';
import { currencySchema, idSchema, nonNegativeMoneySchema, shortLabelSchema, textSchema } from '../../schemas/primitives';
import { request } from '../define-request';
import { sortDirectionSchema, windowShape, type ListWindow, type Stored } from '../paging';

export type ProductRecord = Stored<Product>;
export type PriceRecord = Stored<PriceBookEntry>;

/** Sortable product columns; both ride the catalog's [kind, name] and [kind, sku] indexes. */
export const PRODUCT_SORT_FIELDS = ['name', 'sku'] as const;
export const PRODUCT_ACTIVITY = ['all', 'active', 'inactive'] as const;

const priceBookNameSchema = z.string().trim().min(1, 'a price book needs a name').max(64);

export const productFilterSchema = z.strictObject({
  /** Part of the name or the code (SKU), any case. */
  search: z.string().trim().max(80).optional(),
  active: z.enum(PRODUCT_ACTIVITY).default('all'),
});
export type ProductFilter = z.input<typeof productFilterSchema>;

export const productListParamsSchema = z.strictObject({
  filter: productFilterSchema.default({ active: 'all' }),
  sort: z.strictObject({ field: z.enum(PRODUCT_SORT_FIELDS), direction: sortDirectionSchema }).default({ field: 'name', direction: 'asc' }),
  ...windowShape,
});

/** What a manager may edit on a product; the code is the SKU. */
export const productValuesSchema = z.strictObject({
  name: z.string().trim().min(1, 'a product needs a name').max(200),
  sku: z
    .string()
    .trim()
    .min(1, 'a product needs a code')
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'a code uses letters, digits and . _ / - only'),
  family: shortLabelSchema.optional(),
  description: textSchema.optional(),
  unit: z.string().trim().max(20).optional(),
  isActive: z.boolean(),
});
export type ProductValues = z.infer<typeof productValuesSchema>;

/** A price book: its name, how many products it prices, and in which currencies. */
export type PriceBookSummary = {
  readonly name: string;
  readonly products: number;
  readonly entries: number;
  readonly currencies: ReadonlyArray<string>;
};

export const catalogRequests = {
  /** Products, one window at a time (live, windowed). */
  'catalog.products': request(productListParamsSchema).returns<ListWindow<Product> & { readonly rows: ReadonlyArray<ProductRecord> }>(),
  /** One product with every price it has, in every price book and currency (newest first within each). */
  'catalog.product': request(z.strictObject({ id: idSchema })).returns<{
    readonly product: ProductRecord;
    readonly prices: ReadonlyArray<PriceRecord>;
  }>(),
  /** Every price book that prices at least one product. */
  'catalog.priceBooks': request(z.strictObject({})).returns<ReadonlyArray<PriceBookSummary>>(),
  /** Creates (no id) or updates a product. Managers and admins only (and the single user of a device not signed in). */
  'catalog.saveProduct': request(
    z.strictObject({ id: idSchema.optional(), expectedRevision: z.string().min(1).max(100).optional(), values: productValuesSchema }),
  ).returns<ProductRecord>(),
  /**
   * Sets a product's unit price in one price book and currency (in minor units): the newest entry
   * of that book and currency changes, or a new one is made. `isActive: false` withdraws the price.
   */
  'catalog.setPrice': request(
    z.strictObject({
      productId: idSchema,
      priceBook: priceBookNameSchema,
      currency: currencySchema,
      unitPrice: nonNegativeMoneySchema,
      isActive: z.boolean().default(true),
      expectedRevision: z.string().min(1).max(100).optional(),
    }),
  ).returns<PriceRecord>(),
} as const;
