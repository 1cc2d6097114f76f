import { randomUUID } from 'node:crypto';
import type { LineInput } from '../../../shared/contract/sales/opportunities-requests';
import type { CatalogDoc, OpportunityLineItem, PriceBookEntry, Product } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import { HandlerError } from '../rpc/handler-error';

export const DEFAULT_PRICE_BOOK = 'standard';

/** Active price book entries of one currency, by product id (served by the [productId, priceBook] index). */
export async function pricesIn(db: CrmDatabase, currency: string, priceBook = DEFAULT_PRICE_BOOK): Promise<Map<string, PriceBookEntry>> {
  const docs = await db.catalog.find({ selector: { kind: 'price_book_entry', priceBook, currency, isActive: true } }).exec();
  const byProduct = new Map<string, PriceBookEntry>();
  for (const doc of docs) {
    const entry = doc.toJSON(false) as CatalogDoc;
    if (entry.kind !== 'price_book_entry') continue;
    const seen = byProduct.get(entry.productId);
    // The newest valid entry wins when a price changed over time.
    if (!seen || (entry.validFrom ?? '') > (seen.validFrom ?? '')) byProduct.set(entry.productId, entry);
  }
  return byProduct;
}

/** Turns picked lines into priced line items; a product without a price in the currency is an error, not a zero. */
export async function priceLines(
  db: CrmDatabase,
  currency: string,
  lines: ReadonlyArray<Required<Omit<LineInput, 'unitPrice'>> & Pick<LineInput, 'unitPrice'>>,
): Promise<OpportunityLineItem[]> {
  if (lines.length === 0) return [];
  const prices = await pricesIn(db, currency);
  const products = await db.catalog.findByIds(lines.map((line) => line.productId)).exec();
  return lines.map((line) => {
    const product = products.get(line.productId)?.toJSON(false) as Product | undefined;
    if (!product || product.kind !== 'product') throw new HandlerError('invalid_request', `lines: no product ${line.productId}`);
    const unitPrice = line.unitPrice ?? prices.get(line.productId)?.unitPrice;
    if (unitPrice === undefined) throw new HandlerError('invalid_request', `lines: ${product.name} has no ${currency} price`);
    return {
      id: randomUUID(),
      productId: line.productId,
      productName: product.name.slice(0, 80),
      quantity: line.quantity,
      unitPrice,
      discountPercent: line.discountPercent,
    };
  });
}
