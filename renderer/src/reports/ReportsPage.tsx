import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ExportPdfButton } from './ExportPdfButton';
import './reports.css';

export function ReportsPage() {
  const { t } = useTranslation('reports');
  const [quoteId, setQuoteId] = useState('');
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
          <div className="report-card-actions">
            <label className="filter-field">
              <span>{t('reportsPage.quoteId')}</span>
              <input value={quoteId} onChange={(event) => setQuoteId(event.target.value.trim())} data-testid="quote-id" />
            </label>
            {quoteId ? <ExportPdfButton target={{ kind: 'quote', quoteId }} label={t('export.quote')} /> : null}
          </div>
        </section>
      </div>
    </div>
  );
}
