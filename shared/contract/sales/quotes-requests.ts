import { z } from 'zod';
import type { QuoteDocument } from '../reports/report-requests';
import type { Product } from '../../schemas/catalog';
import { idSchema, isoDateSchema, percentSchema } from '../../schemas/primitives';
import type { Order, Quote } from '../../schemas/sales-docs';
import { request } from '../define-request';
import type { Stored } from '../paging';

export type QuoteRecord = Stored<Quote>;
export type OrderRecord = Stored<Order>;
export type PricedProduct = Pick<Product, 'id' | 'name' | 'sku' | 'family' | 'unit'> & {
  readonly unitPrice: number;
  readonly currency: string;
};

/** A quote as printed for the customer: the document's names plus who sells (see electron/core/reports/quote-document.ts). */
export type QuotePrint = QuoteDocument & {
  readonly ownerTitle: string | null;
  readonly ownerEmail: string | null;
  /** The rep's team, when it is not the company itself. */
  readonly teamName: string | null;
  readonly sellerCompany: string | null;
};

const revision = z.string().min(1).max(100).optional();
const terms = z.strictObject({ discountPercent: percentSchema, taxPercent: percentSchema, validUntil: isoDateSchema });

export const quotesRequests = {
  /** Active products priced in one currency from one price book (the opportunity's currency). */
  'catalog.priced': request(
    z.strictObject({ currency: z.string().length(3), priceBook: z.string().min(1).max(64).default('standard') }),
  ).returns<ReadonlyArray<PricedProduct>>(),
  /** Quotes (all revisions, newest first) and orders of one opportunity. */
  'quotes.forOpportunity': request(z.strictObject({ opportunityId: idSchema })).returns<{
    readonly quotes: ReadonlyArray<QuoteRecord>;
    readonly orders: ReadonlyArray<OrderRecord>;
  }>(),
  /** The newest revision of the quote with this id or visible number (e.g. Q-20261206-3FA2C1); not_found otherwise. */
  'quotes.find': request(z.strictObject({ idOrNumber: z.string().trim().min(1).max(64) })).returns<QuoteRecord>(),
  /** Everything the printed quote shows (the print route reads it). */
  'quotes.document': request(z.strictObject({ id: idSchema })).returns<QuotePrint>(),
  /** Copies the opportunity's lines; discount and tax apply to the whole quote. */
  'quotes.createFromOpportunity': request(z.strictObject({ opportunityId: idSchema, ...terms.shape })).returns<QuoteRecord>(),
  /** A new version with the same number; the previous one stays as it was sent. */
  'quotes.revise': request(z.strictObject({ id: idSchema, ...terms.shape })).returns<QuoteRecord>(),
  'quotes.setStatus': request(
    z.strictObject({ id: idSchema, status: z.enum(['sent', 'accepted', 'rejected']), expectedRevision: revision }),
  ).returns<QuoteRecord>(),
  /** An accepted quote becomes an order carrying the same lines and totals. */
  'quotes.toOrder': request(z.strictObject({ id: idSchema })).returns<OrderRecord>(),
} as const;
