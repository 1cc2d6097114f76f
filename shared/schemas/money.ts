/**
 * Pure money arithmetic on integer minor units, shared by validators, the seed generator and
 * analytics so "amount = sum of line items" means the same thing everywhere.
 */
export type PricedLine = {
  readonly quantity: number;
  readonly unitPrice: number;
  readonly discountPercent: number;
};

/** One line's net total in minor units, rounded half away from zero once per line (invoice rounding). */
export function lineItemTotal(line: PricedLine): number {
  const gross = line.quantity * line.unitPrice;
  const net = (gross * (100 - line.discountPercent)) / 100;
  return Math.sign(net) * Math.round(Math.abs(net));
}

export function sumLineItems(lines: ReadonlyArray<PricedLine>): number {
  let total = 0;
  for (const line of lines) total += lineItemTotal(line);
  return total;
}

/** Applies a document-level discount and tax (both percent) to a subtotal, rounding once each. */
export function applyDiscountAndTax(
  subtotal: number,
  discountPercent: number,
  taxPercent: number,
): { discount: number; tax: number; total: number } {
  const discount = Math.round((subtotal * discountPercent) / 100);
  const tax = Math.round(((subtotal - discount) * taxPercent) / 100);
  return { discount, tax, total: subtotal - discount + tax };
}
