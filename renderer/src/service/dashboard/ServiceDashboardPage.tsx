import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDashboard } from '../../../../shared/contract/service/service-dashboard-requests';
import { ExportPdfButton } from '../../reports/ExportPdfButton';
import '../../reports/reports.css';
import { ServiceCharts } from './ServiceCharts';
import { ServiceFilterBar } from './ServiceFilterBar';
import { ServiceKeyFigures } from './ServiceKeyFigures';
import { toServiceFilters, type ServiceFilterState } from './service-filters';
import { useServiceDashboard } from './use-service-dashboard';

export function ServiceDashboardPage() {
  const { t } = useTranslation('service-dashboard');
  const [filterState, setFilterState] = useState<ServiceFilterState>({ period: 'last12' });
  const filters = toServiceFilters(filterState);
  const { dashboard, error } = useServiceDashboard(filters);
  return (
    <div className="page dashboard-page" data-testid="service-dashboard">
      <header className="page-header dashboard-header">
        <h2 className="page-title">{t('title')}</h2>
        <span className="dashboard-actions">
          <ExportPdfButton target={{ kind: 'service', filters, title: t('print.title') }} label={t('export')} />
        </span>
      </header>
      <div className="page-body dashboard-body">
        <ServiceFilterBar value={filterState} onChange={setFilterState} />
        {error ? (
          <p className="dashboard-error" role="alert">
            {t('error', { message: error.message })}
          </p>
        ) : null}
        {dashboard ? (
          <>
            <ServiceKeyFigures dashboard={dashboard} />
            {isEmpty(dashboard) ? (
              <p className="dashboard-note" data-testid="service-dashboard-empty">
                {t('empty')}
              </p>
            ) : null}
            <ServiceCharts dashboard={dashboard} mode="screen" />
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

/** Nothing open and nothing happened in the period: the charts would all be flat. */
export function isEmpty(dashboard: ServiceDashboard): boolean {
  const { totals } = dashboard;
  return (
    totals.open === 0 &&
    totals.openedInPeriod === 0 &&
    totals.resolvedInPeriod === 0 &&
    totals.csat.responses === 0 &&
    totals.nps.responses === 0
  );
}
