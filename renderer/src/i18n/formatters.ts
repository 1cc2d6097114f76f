/**
 * Locale-aware display of numbers, money and dates (Intl). Money arrives in integer minor units
 * (shared/schemas/primitives.ts); the currency's own minor-unit digits come from Intl, so JPY
 * (0 digits) and USD (2 digits) both come out right.
 */
export type Formatters = {
  number(value: number): string;
  /** `minor` in the currency's minor units, e.g. 123456 USD → $1,234.56. */
  money(minor: number, currency: string): string;
  /** Compact money for dense tables: $1.2M, ¥1,234万. */
  moneyCompact(minor: number, currency: string): string;
  date(epochMs: number): string;
  dateTime(epochMs: number): string;
  percent(value: number): string;
};

/**
 * Each Intl object is built on first use: a screen that shows only dates never pays for the money
 * formats, and the first construction (ICU start-up, tens of ms) happens when a value needs it.
 */
export function createFormatters(locale: string): Formatters {
  const once = <T>(make: () => T): (() => T) => {
    let made: T | undefined;
    return () => (made ??= make());
  };
  const numberFormat = once(() => new Intl.NumberFormat(locale));
  const dateFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }));
  const dateTimeFormat = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }));
  const percentFormat = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }));
  const moneyFormats = new Map<string, Intl.NumberFormat>();

  const moneyFormat = (currency: string, compact: boolean): Intl.NumberFormat => {
    const key = `${currency}|${compact}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}),
      });
      moneyFormats.set(key, format);
    }
    return format;
  };
  const toMajor = (minor: number, currency: string): number => minor / 10 ** minorDigits(currency);

  return {
    number: (value) => numberFormat().format(value),
    money: (minor, currency) => moneyFormat(currency, false).format(toMajor(minor, currency)),
    moneyCompact: (minor, currency) => moneyFormat(currency, true).format(toMajor(minor, currency)),
    date: (epochMs) => dateFormat().format(epochMs),
    dateTime: (epochMs) => dateTimeFormat().format(epochMs),
    percent: (value) => percentFormat().format(value),
  };
}

/** A currency's minor-unit digits (USD 2, JPY 0), by currency; a list cell asks once per row. */
const digitsByCurrency = new Map<string, number>();

function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}
