import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseRecord } from '../../../../shared/contract/service/cases-requests';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { casePath } from './case-columns';
import { SlaBadge } from './SlaBadge';
import './cases.css';

const TOP = 5;

/** Today's "Cases at risk": the breaching queue (breached or due within 24 h), soonest due first. */
export function CasesAtRiskPanel() {
  const { t } = useTranslation('service');
  const format = useFormatters();
  const live = useLiveQuery('cases.list', { queue: 'breaching', offset: 0, limit: TOP }, 'today-breaching');
  if (live.status !== 'ready') {
    return live.status === 'error' ? (
      <p className="case-muted" role="alert">
        {t('today.failed')}
      </p>
    ) : null;
  }
  const rows = live.result.rows as ReadonlyArray<CaseRecord>;
  return (
    <section className="case-at-risk" aria-labelledby="cases-at-risk-title" data-testid="cases-at-risk">
      <div className="case-at-risk-head">
        <h2 id="cases-at-risk-title">
          {t('today.title')} <span className="rec-count-pill">{format.number(live.result.total)}</span>
        </h2>
        {live.result.total > 0 ? (
          <Link to="/service/cases?queue=breaching">{t('today.openQueue', { count: live.result.total })}</Link>
        ) : null}
      </div>
      {rows.length === 0 ? (
        <p className="case-muted">{t('today.none')}</p>
      ) : (
        <ul className="case-mini-list">
          {rows.map((row) => (
            <li key={row.id} className="case-mini" data-testid="at-risk-case">
              <Link to={casePath(row.id)} className="case-mini-title" title={row.subject}>
                <span className="case-number">{row.caseNumber}</span> {row.subject}
              </Link>
              <span className="case-mini-account">{row.accountName}</span>
              <SlaBadge sla={row.sla} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
