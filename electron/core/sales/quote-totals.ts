import { applyDiscountAndTax, lineItemTotal, sumLineItems, type OpportunityLineItem, type SalesLine } from '../../../shared/schemas';

export type Totals = {
  readonly lines: SalesLine[];
  readonly subtotal: number;
  readonly discountPercent: number;
  readonly discountAmount: number;
  readonly taxPercent: number;
  readonly taxAmount: number;
  readonly total: number;
};

/** total = Σ line totals − document discount + tax on the discounted subtotal (money.ts rounding). */
export function quoteTotals(items: ReadonlyArray<OpportunityLineItem>, discountPercent: number, taxPercent: number): Totals {
  const lines: SalesLine[] = items.map((item) => ({
    id: item.id,
    productId: item.productId,
    ...(item.productName ? { description: item.productName } : {}),
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    discountPercent: item.discountPercent,
    total: lineItemTotal(item),
  }));
  const subtotal = sumLineItems(items);
  const { discount, tax, total } = applyDiscountAndTax(subtotal, discountPercent, taxPercent);
  return { lines, subtotal, discountPercent, discountAmount: discount, taxPercent, taxAmount: tax, total };
}
