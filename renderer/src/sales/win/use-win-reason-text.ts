import { useTranslation } from 'react-i18next';
import type { WinReasonMessage } from '../../../../shared/analytics/win-reason-message';
import { OPPORTUNITY_STAGES, type OpportunityStage } from '../../../../shared/schemas';
import { useFormatters } from '../../i18n/use-formatters';

const isStage = (value: unknown): value is OpportunityStage =>
  typeof value === 'string' && (OPPORTUNITY_STAGES as ReadonlyArray<string>).includes(value);

/** A reason from the core as a sentence in the page's language ("No meeting in 30 days lowers the chance"). */
export function useWinReasonText(currency: string): (reason: WinReasonMessage) => string {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  return (reason) => {
    const { stage, amount, count, days } = reason.params;
    const what = t(`win.reason.${reason.key}`, {
      stage: isStage(stage) ? t(`stage.${stage}`) : '',
      // The core sends major units (the feature is log1p of amount / 100); money() wants minor ones.
      amount: typeof amount === 'number' ? format.money(amount * 100, currency) : '',
      count: typeof count === 'number' ? count : 0,
      days: typeof days === 'number' ? days : 0,
    });
    return reason.direction === 'raises' ? t('win.raises', { what }) : t('win.lowers', { what });
  };
}
