import { useTranslation } from 'react-i18next';
import type { OpportunityRecord } from '../../../../shared/contract/sales/opportunities-requests';
import type { QuoteRecord } from '../../../../shared/contract/sales/quotes-requests';
import { Dialog } from '../../common/Dialog';
import { useToastStore } from '../../common/toast-store';
import { useSend } from '../use-request';

type Props = { readonly opp: OpportunityRecord; readonly quote: QuoteRecord; readonly onClose: () => void };

/** After the customer accepted a quote: the deal is usually won, but the rep decides (a partial order may follow). */
export function MarkWonDialog({ opp, quote, onClose }: Props) {
  const { t } = useTranslation('sales');
  const send = useSend();
  const show = useToastStore((state) => state.show);
  const markWon = async (): Promise<void> => {
    const moved = await send('opportunities.moveStage', { id: opp.id, stage: 'closed_won' }, (message) => t('common.failed', { message }));
    if (moved) show({ message: t('quotes.wonDone', { deal: moved.name }) });
    onClose();
  };
  return (
    <Dialog title={t('quotes.wonTitle')} onClose={onClose} testId="mark-won-dialog">
      <p>{t('quotes.wonBody', { number: quote.quoteNumber, deal: opp.name })}</p>
      <div className="sales-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('quotes.wonNo')}
        </button>
        <button type="button" className="button" onClick={() => void markWon()} autoFocus>
          {t('quotes.wonYes')}
        </button>
      </div>
    </Dialog>
  );
}
