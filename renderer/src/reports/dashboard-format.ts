import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters';

export type CompactMoney = (minor: number, currency: string) => string;

/**
 * Money in a few characters for key figures and chart axes: "$204M", "US$2.04亿". Three significant
 * digits say enough at a glance; the full amount goes beside it (title, screen-reader text).
 */
export function createCompactMoney(locale: string): CompactMoney {
  const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();
  return (minor, currency) => {
    let entry = formats.get(currency);
    if (!entry) {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      const format = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 });
      entry = { format, digits };
      formats.set(currency, entry);
    }
    return entry.format.format(minor / 10 ** entry.digits);
  };
}

export function useCompactMoney(): CompactMoney {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => createCompactMoney(locale), [locale]);
}

/** `2025-Q3` → "Q3 2025" / "2025年第3季度". */
export function useQuarterLabel(): (period: string) => string {
  const { t } = useTranslation('reports');
  return (period) => {
    const match = /^(\d{4})-Q([1-4])$/.exec(period);
    return match ? t('charts.quarterLabel', { year: match[1], quarter: match[2] }) : period;
  };
}

/** `2025-06` → "Jun 25" / "25年6月" in the page's language. */
export function useMonthLabel(): (period: string) => string {
  const format = useFormatters();
  return (period) => format.monthShort(period);
}
