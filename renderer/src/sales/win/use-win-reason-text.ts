import { useTranslation } from 'react-i18next';
import type { WinReasonMessage } from '../../../../shared/analytics/win-reason-message';
import { useFormatters } from '../../i18n/use-formatters';

/** A reason from the core as a sentence in the page's language ("No meeting in 30 days lowers the chance"). */
export function useWinReasonText(currency: string): (reason: WinReasonMessage) => string {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  // The core sends amounts in major units (the feature is log1p of amount / 100); money() wants minor ones.
  const money = (major: unknown): string => (typeof major === 'number' ? format.money(major * 100, currency) : '');
  const number = (value: unknown): number => (typeof value === 'number' ? value : 0);
  return (reason) => {
    const { amount, count, days, typical } = reason.params;
    const what = t(`win.reason.${reason.key}`, {
      amount: money(amount),
      count: number(count),
      days: number(days),
      typical: reason.key === 'amountVsWon' ? money(typical) : format.number(number(typical)),
    });
    return reason.direction === 'raises' ? t('win.raises', { what }) : t('win.lowers', { what });
  };
}
