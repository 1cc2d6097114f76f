import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportPdfButton } from './ExportPdfButton';
import { QuoteLookup } from './QuoteLookup';
import './reports.css';

export function ReportsPage() {
  const { t } = useTranslation('reports');
  return (
    <div className="page" data-testid="reports-page">
      <header className="page-header">
        <h1 className="page-title">{t('reportsPage.title')}</h1>
      </header>
      <div className="page-body report-cards">
        <section className="report-card">
          <h2>{t('reportsPage.pipelineTitle')}</h2>
          <p>{t('reportsPage.pipelineText')}</p>
          <div className="report-card-actions">
            <ExportPdfButton target={{ kind: 'pipeline', filters: {} }} label={t('export.pipeline')} />
            <Link to="/sales/dashboard">{t('reportsPage.openDashboard')}</Link>
          </div>
        </section>
        <section className="report-card">
          <h2>{t('reportsPage.quoteTitle')}</h2>
          <p>{t('reportsPage.quoteText')}</p>
          <QuoteLookup />
        </section>
      </div>
    </div>
  );
}
