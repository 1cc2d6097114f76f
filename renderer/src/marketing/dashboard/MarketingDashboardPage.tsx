import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketingDashboard } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ExportPdfButton } from '../../reports/ExportPdfButton';
import '../../reports/reports.css';
import { CampaignTables } from './CampaignTables';
import { MarketingCharts } from './MarketingCharts';
import { MarketingFilterBar } from './MarketingFilterBar';
import { MarketingKeyFigures } from './MarketingKeyFigures';
import { toMarketingFilters, type MarketingFilterState } from './marketing-filters';
import { useMarketingDashboard } from './use-marketing-dashboard';
import './marketing-dashboard.css';

export function MarketingDashboardPage() {
  const { t } = useTranslation('marketing-dashboard');
  const [filterState, setFilterState] = useState<MarketingFilterState>({ period: 'last12' });
  const filters = toMarketingFilters(filterState);
  const { dashboard, error } = useMarketingDashboard(filters);
  return (
    <div className="page dashboard-page" data-testid="marketing-dashboard">
      <header className="page-header dashboard-header">
        <h2 className="page-title">{t('title')}</h2>
        <span className="dashboard-actions">
          <ExportPdfButton target={{ kind: 'campaign', filters, title: t('print.title') }} label={t('export')} />
        </span>
      </header>
      <div className="page-body dashboard-body">
        <MarketingFilterBar value={filterState} currencies={dashboard?.currencies ?? []} onChange={setFilterState} />
        {error ? (
          <p className="dashboard-error" role="alert">
            {t('error', { message: error.message })}
          </p>
        ) : null}
        {dashboard ? (
          <>
            <MarketingKeyFigures dashboard={dashboard} />
            {dashboard.campaigns.length === 0 ? (
              <p className="dashboard-note" data-testid="marketing-dashboard-empty">
                {t('empty')}
              </p>
            ) : null}
            <Notes dashboard={dashboard} />
            <MarketingCharts dashboard={dashboard} mode="screen" />
            <CampaignTables dashboard={dashboard} />
          </>
        ) : (
          !error && (
            <p className="dashboard-loading" role="status">
              {t('loading')}
            </p>
          )
        )}
      </div>
    </div>
  );
}

/** What the figures leave out, in words: other currencies, untimed responses, deals in another currency. */
export function Notes({ dashboard }: { readonly dashboard: MarketingDashboard }) {
  const { t } = useTranslation('marketing-dashboard');
  const others = dashboard.currencies.filter((c) => c !== dashboard.currency);
  const notes = [
    others.length > 0 ? t('notes.currencies', { currency: dashboard.currency, others: others.join(', ') }) : null,
    dashboard.notes.untimedMembers > 0 ? t('notes.untimed', { count: dashboard.notes.untimedMembers }) : null,
    dashboard.notes.skippedDeals > 0 ? t('notes.skipped', { count: dashboard.notes.skippedDeals }) : null,
  ].filter((note): note is string => note !== null);
  if (notes.length === 0) return null;
  return (
    <ul className="marketing-notes" data-testid="marketing-notes">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ul>
  );
}
