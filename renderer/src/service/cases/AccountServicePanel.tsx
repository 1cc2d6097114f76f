import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../common/StateViews';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { casePath } from './case-columns';
import { NewCaseDialog } from './NewCaseDialog';
import { NpsFigureText } from './NpsFigureText';
import { SlaBadge } from './SlaBadge';
import './cases.css';

/**
 * The account page's service panel, live: open cases with their SLA state (most urgent first, as
 * the core orders them), the last CSAT and the NPS with its response count, and "New case".
 */
export function AccountServicePanel({ accountId }: { readonly accountId: string }) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const [creating, setCreating] = useState(false);
  const cases = useLiveQuery('cases.forAccount', { accountId, limit: 5 }, `account-cases:${accountId}`);
  const surveys = useLiveQuery('surveys.forAccount', { accountId }, `account-surveys:${accountId}`);
  const listPath = `/service/cases?account=${encodeURIComponent(accountId)}`;

  return (
    <section className="rec-card rec-panel" aria-labelledby="service-panel-title" data-testid="service-panel">
      <header className="rec-panel-header">
        <h3 id="service-panel-title" className="rec-panel-title">
          {t('accountPanel.title')}
          {cases.status === 'ready' ? <span className="rec-count-pill">{cases.result.openCount}</span> : null}
        </h3>
        <button type="button" className="button rec-button-small" onClick={() => setCreating(true)} data-testid="account-new-case">
          {t('newCase.action')}
        </button>
      </header>
      <div className="case-pad">
        {cases.status === 'loading' ? <div className="rec-panel-skeleton" aria-hidden="true" /> : null}
        {cases.status === 'error' ? <ErrorState title={t('accountPanel.casesFailed')} error={cases.error} /> : null}
        {cases.status === 'ready' && cases.result.openCount === 0 ? <p className="case-muted">{t('accountPanel.noOpen')}</p> : null}
        {cases.status === 'ready' && cases.result.rows.length > 0 ? (
          <ul className="case-mini-list" aria-label={t('accountPanel.openCases')}>
            {cases.result.rows.map((row) => (
              <li key={row.id} className="case-mini" data-testid="account-case">
                <Link to={casePath(row.id)} className="case-mini-title" title={row.subject}>
                  <span className="case-number">{row.caseNumber}</span> {row.subject}
                </Link>
                <SlaBadge sla={row.sla} />
              </li>
            ))}
          </ul>
        ) : null}
        {cases.status === 'ready' ? (
          <Link to={listPath} className="case-more-link" data-testid="account-all-cases">
            {t('accountPanel.allCases', { count: cases.result.openCount })}
          </Link>
        ) : null}
        {surveys.status === 'ready' ? (
          <dl className="case-facts case-survey-facts" data-testid="account-surveys">
            <div>
              <dt>{t('accountPanel.lastCsat')}</dt>
              <dd>
                {surveys.result.lastCsat
                  ? t('accountPanel.lastCsatValue', {
                      score: surveys.result.lastCsat.score,
                      date: format.date(surveys.result.lastCsat.respondedAt),
                    })
                  : t('accountPanel.noCsat')}
              </dd>
            </div>
            <div>
              <dt>{t('accountPanel.csatAverage')}</dt>
              <dd>
                {surveys.result.csat.average === null
                  ? t('accountPanel.noCsat')
                  : t('accountPanel.csatAverageValue', {
                      average: format.number(Math.round(surveys.result.csat.average * 10) / 10),
                      count: surveys.result.csat.responses,
                    })}
              </dd>
            </div>
            <div>
              <dt>{t('accountPanel.nps')}</dt>
              <dd data-testid="account-nps">
                <NpsFigureText figure={surveys.result.nps} />
              </dd>
            </div>
          </dl>
        ) : surveys.status === 'error' ? (
          <p className="case-muted" role="alert">
            {t('accountPanel.surveysFailed')}
          </p>
        ) : null}
      </div>
      {creating ? <NewCaseDialog accountId={accountId} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
