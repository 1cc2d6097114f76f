import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../common/StateViews';
import { useFormatters } from '../../i18n/use-formatters';
import { useRequest } from '../use-request';
import { WinProbabilityPanel } from '../win/WinProbabilityPanel';
import { DealFields } from './DealFields';
import { LineItemsEditor } from './LineItemsEditor';
import { QuotesPanel } from './QuotesPanel';

export function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const opp = useRequest('opportunities.get', { id }, id);
  if (opp.status === 'loading') return <LoadingState label={t('common.loading')} />;
  if (opp.status === 'error') return <ErrorState title={t('common.loadFailed')} error={opp.error} onRetry={opp.reload} />;
  const deal = opp.value;
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
        <Link to={`/customers/accounts/${deal.accountId}`}>{t('opps.account')}</Link>
      </p>
      <WinProbabilityPanel opp={deal} />
      <div className="sales-split-2">
        <DealFields key={`f${deal.revision}`} opp={deal} onChanged={opp.reload} />
        <LineItemsEditor key={`l${deal.revision}`} opp={deal} onChanged={opp.reload} />
        <QuotesPanel opp={deal} />
      </div>
    </div>
  );
}
