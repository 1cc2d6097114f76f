/**
 * Typing money: managers enter prices and quotas in major units ("125.50"); the contract stores
 * integer minor units. A currency's minor-unit digits come from Intl (USD 2, JPY 0).
 */

/** Currencies offered in pickers besides those already in use. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CNY', 'CAD', 'AUD', 'SGD', 'HKD', 'CHF', 'INR', 'BRL'] as const;

const digitsByCurrency = new Map<string, number>();

export function currencyDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

/** "1,234.5" → 123450 (USD). Null when the text is not an amount ≥ 0 with at most the currency's digits. */
export function parseMoney(text: string, currency: string): number | null {
  const plain = text.trim().replace(/[,\s]/g, '');
  const digits = currencyDigits(currency);
  const pattern = digits === 0 ? /^\d{1,13}$/ : new RegExp(`^\\d{1,13}(\\.\\d{0,${digits}})?$`);
  if (!pattern.test(plain)) return null;
  const [whole = '0', fraction = ''] = plain.split('.');
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 123450 (USD) → "1234.50": what an amount field shows for editing (no grouping, so it parses back). */
export function moneyText(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const scale = 10 ** digits;
  return `${Math.floor(minor / scale)}.${String(minor % scale).padStart(digits, '0')}`;
}

/** A currency's name in the user's language ("US Dollar", "美元"), falling back to its code. */
export function currencyName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Local midnight of an ISO date, for the shared date formatter (UTC midnight would show the day before west of Greenwich). */
export function isoDateToEpoch(date: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(year, month - 1, day).getTime();
}
