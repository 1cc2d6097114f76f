import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DashboardCharts } from '../../reports/DashboardCharts';
import { DashboardFilterBar, toFilters, type FilterState } from '../../reports/DashboardFilterBar';
import { ExportPdfButton } from '../../reports/ExportPdfButton';
import { KeyFigures } from '../../reports/KeyFigures';
import { useSalesDashboard } from '../../reports/use-sales-dashboard';
import '../../reports/reports.css';

export function DashboardPage() {
  const { t } = useTranslation('reports');
  const [filterState, setFilterState] = useState<FilterState>({ period: 'all' });
  const filters = toFilters(filterState);
  const { dashboard, error } = useSalesDashboard(filters);
  return (
    <div className="page dashboard-page" data-testid="sales-dashboard">
      <header className="page-header dashboard-header">
        <h1 className="page-title">{t('dashboard.title')}</h1>
        <span className="dashboard-actions">
          <ExportPdfButton target={{ kind: 'pipeline', filters }} label={t('export.pipeline')} />
        </span>
      </header>
      <div className="page-body dashboard-body">
        <DashboardFilterBar value={filterState} currencies={dashboard?.currencies ?? []} onChange={setFilterState} />
        {error ? (
          <p className="dashboard-error" role="alert">
            {t('dashboard.error', { message: error.message })}
          </p>
        ) : null}
        {dashboard ? (
          <>
            <p className="dashboard-note">{t('dashboard.otherCurrencies', { currency: dashboard.currency })}</p>
            <KeyFigures dashboard={dashboard} />
            <DashboardCharts dashboard={dashboard} mode="screen" />
          </>
        ) : (
          !error && (
            <p className="dashboard-loading" role="status">
              {t('dashboard.loading')}
            </p>
          )
        )}
      </div>
    </div>
  );
}
