import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { SendEmailButton } from '../../marketing/email/SendEmailButton';
import { useFormatters } from '../../i18n/use-formatters';
import { useLiveQuery } from '../../data/use-live-query';
import { WinProbabilityPanel } from '../win/WinProbabilityPanel';
import { DealFields } from './DealFields';
import { LineItemsEditor } from './LineItemsEditor';
import { QuotesPanel } from './QuotesPanel';

export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const format = useFormatters();
  // Live: a save here, a quote accepted as won, another window or a sync pull shows at once.
  const opp = useLiveQuery('opportunities.get', { id }, id);
  if (opp.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (opp.status === 'error') return <ErrorState title={t('common.loadFailed')} error={opp.error} />;
  const deal = opp.result;
  // The live query brings every saved change; the editors have nothing to reload.
  const reload = (): void => undefined;
  // Keyed by revision: after a save the editors start again from what the core stored.
  return (
    <div className="detail" data-testid="opportunity-detail">
      <Link to="/sales/pipeline" className="back-link">
        {t('opps.back')}
      </Link>
      <h2 className="detail-title" data-testid="opportunity-name">
        {deal.name} · <span data-testid="opportunity-amount">{format.money(deal.amount, deal.currency)}</span>
      </h2>
      <p>
        <span className="badge" data-testid="opportunity-stage">
          {t('opps.stageNow', { stage: t(`stage.${deal.stage}`) })}
        </span>{' '}
        <Link to={`/customers/accounts/${deal.accountId}`}>{t('opps.account')}</Link>{' '}
        <SendEmailButton contactId={deal.primaryContactId} opportunityId={deal.id} />
      </p>
      <WinProbabilityPanel opp={deal} />
      <div className="sales-split-2">
        <DealFields key={`f${deal.revision}`} opp={deal} onChanged={reload} />
        <LineItemsEditor key={`l${deal.revision}`} opp={deal} onChanged={reload} />
        <QuotesPanel opp={deal} />
      </div>
    </div>
  );
}
