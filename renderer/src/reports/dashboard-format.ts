import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

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
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const format = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }), [locale]);
  return (period) => format.format(new Date(`${period}-01T00:00:00Z`));
}
