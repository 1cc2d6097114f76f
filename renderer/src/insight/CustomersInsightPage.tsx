import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CustomersDashboard, CustomersDashboardFilter } from '../../../shared/contract/insight/insight-requests';
import type { CrmError } from '../../../shared/contract/result';
import { useLiveQuery } from '../data/use-live-query';
import { useFormatters } from '../i18n/use-formatters';
import { useQuarterLabel } from '../reports/dashboard-format';
import '../reports/reports.css';
import { churnModelNote, InsightCharts } from './InsightCharts';
import { InsightFilterBar } from './InsightFilterBar';
import { InsightStatusLine } from './InsightStatusLine';
import { useReasonText } from './insight-format';
import './insight.css';

/**
 * The dashboard for `filter`, live: the core pushes a new answer when a run of the models finishes
 * or accounts change. While new filters load, the previous figures stay on screen.
 */
function useInsightDashboard(filter: CustomersDashboardFilter): { dashboard: CustomersDashboard | null; error: CrmError | null } {
  const state = useLiveQuery('insight.dashboard', filter, JSON.stringify(filter));
  const [last, setLast] = useState<CustomersDashboard | null>(null);
  // Remembered during render (React's pattern for state derived from a changing input).
  if (state.status === 'ready' && state.result !== last) setLast(state.result);
  return { dashboard: state.status === 'ready' ? state.result : last, error: state.status === 'error' ? state.error : null };
}

/** Customers dashboard: who the best customers are, who is slipping away and why, and what to offer. */
export function CustomersInsightPage() {
  const { t } = useTranslation('insight');
  const [filter, setFilter] = useState<CustomersDashboardFilter>({});
  const { dashboard, error } = useInsightDashboard(filter);
  const hasFigures = dashboard !== null && !(dashboard.model.status !== 'ready' && dashboard.model.computedAt === null);
  const empty = dashboard !== null && dashboard.segments.every((row) => row.accounts === 0);

  return (
    <div className="page dashboard-page insight-page" data-testid="insight-dashboard">
      <header className="page-header dashboard-header">
        <h2 className="page-title">{t('dashboard.title')}</h2>
        <Link to="/customers/insights/model" className="insight-model-link" data-testid="insight-model-link">
          {t('dashboard.modelLink')}
        </Link>
      </header>
      <div className="page-body dashboard-body">
        <InsightFilterBar value={filter} onChange={setFilter} />
        {error ? (
          <p className="dashboard-error" role="alert">
            {t('error', { message: error.message })}
          </p>
        ) : null}
        {dashboard ? <InsightStatusLine model={dashboard.model} /> : null}
        {dashboard && hasFigures ? (
          empty ? (
            <p className="insight-empty" data-testid="insight-dashboard-empty">
              {t('dashboard.empty')}
            </p>
          ) : (
            <>
              <InsightKeyFigures dashboard={dashboard} filtered={Object.keys(filter).length > 0} />
              <InsightCharts dashboard={dashboard} />
              <div className="insight-lists">
                <AtRiskTable dashboard={dashboard} />
                <TopRecommendations dashboard={dashboard} />
              </div>
            </>
          )
        ) : null}
        {!dashboard && !error ? (
          <p className="dashboard-loading" role="status">
            {t('dashboard.loading')}
          </p>
        ) : null}
      </div>
    </div>
  );
}

function InsightKeyFigures({ dashboard, filtered }: { readonly dashboard: CustomersDashboard; readonly filtered: boolean }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const quarter = useQuarterLabel();
  const count = (segment: string): number => dashboard.segments.find((row) => row.segment === segment)?.accounts ?? 0;
  const customers = dashboard.segments.reduce((sum, row) => sum + row.accounts, 0);
  const lastQuarter = dashboard.churnRate.at(-1);
  const noChurnModel = churnModelNote(dashboard, t) !== null;
  const figures = [
    {
      id: 'customers',
      label: t('dashboard.figures.customers'),
      value: format.number(customers),
      detail: filtered ? undefined : t('dashboard.figures.customersDetail', { accounts: format.number(dashboard.model.accounts) }),
    },
    { id: 'champions', label: t('dashboard.figures.champions'), value: format.number(count('champions')) },
    { id: 'at-risk-segments', label: t('dashboard.figures.atRiskSegments'), value: format.number(count('at_risk') + count('cannot_lose')) },
    {
      id: 'high-risk',
      label: t('dashboard.figures.highRisk'),
      value: noChurnModel ? t('none') : format.number(dashboard.churnBands.high),
      detail: noChurnModel
        ? undefined
        : t('dashboard.figures.highRiskDetail', {
            medium: format.number(dashboard.churnBands.medium),
            low: format.number(dashboard.churnBands.low),
            lapsed: format.number(dashboard.lapsed),
          }),
    },
    {
      id: 'churn-rate',
      label: t('dashboard.figures.churnRate'),
      value: lastQuarter ? format.percent(lastQuarter.rate) : t('none'),
      detail: lastQuarter
        ? t('dashboard.figures.churnRateDetail', {
            churned: format.number(lastQuarter.churned),
            active: format.number(lastQuarter.active),
            period: quarter(lastQuarter.period),
          })
        : undefined,
    },
  ];
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figure" data-testid={`insight-figure-${figure.id}`}>
          <dt>{figure.label}</dt>
          <dd className="key-figure-value">{figure.value}</dd>
          {figure.detail ? <dd className="key-figure-detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** Rows shown before "Show all": enough for a day's calls without burying the products beside. */
const AT_RISK_FIRST = 10;

function AtRiskTable({ dashboard }: { readonly dashboard: CustomersDashboard }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const reasonText = useReasonText();
  const [all, setAll] = useState(false);
  const rows = all ? dashboard.atRisk : dashboard.atRisk.slice(0, AT_RISK_FIRST);
  return (
    <section className="insight-card insight-at-risk" aria-labelledby="insight-at-risk-title" data-testid="insight-at-risk">
      <h3 id="insight-at-risk-title" className="chart-title">
        {t('dashboard.atRisk.title')}
      </h3>
      <p className="chart-note">{t('dashboard.atRisk.note')}</p>
      {dashboard.atRisk.length === 0 ? (
        <p className="insight-muted">{churnModelNote(dashboard, t) ?? t('dashboard.atRisk.empty')}</p>
      ) : (
        <div className="insight-table-wrap">
          <table className="insight-table">
            <caption className="visually-hidden">{t('dashboard.atRisk.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.atRisk.account')}</th>
                <th scope="col" className="num">
                  {t('dashboard.atRisk.risk')}
                </th>
                <th scope="col" className="num">
                  {t('dashboard.atRisk.clv')}
                </th>
                <th scope="col">{t('dashboard.atRisk.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.accountId} data-testid="insight-at-risk-row">
                  <th scope="row">
                    <Link to={`/customers/accounts/${encodeURIComponent(row.accountId)}`}>{row.name}</Link>
                  </th>
                  <td className="num">{format.percent(row.risk)}</td>
                  <td className="num">{row.clv12m === null ? t('none') : format.money(row.clv12m, row.currency)}</td>
                  <td>
                    <ul className="insight-reason-list">
                      {row.reasons.map((reason) => (
                        <li key={reason.code}>{reasonText(reason, row.currency)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {dashboard.atRisk.length > AT_RISK_FIRST ? (
            <button
              type="button"
              className="button insight-button-ghost insight-more"
              aria-expanded={all}
              onClick={() => setAll((shown) => !shown)}
              data-testid="insight-at-risk-more"
            >
              {all
                ? t('dashboard.atRisk.showFewer', { count: AT_RISK_FIRST })
                : t('dashboard.atRisk.showAll', { count: dashboard.atRisk.length })}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}

function TopRecommendations({ dashboard }: { readonly dashboard: CustomersDashboard }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const top = dashboard.topRecommendations;
  const most = Math.max(1, ...top.map((row) => row.accounts));
  return (
    <section className="insight-card insight-top" aria-labelledby="insight-top-title" data-testid="insight-top-products">
      <h3 id="insight-top-title" className="chart-title">
        {t('dashboard.top.title')}
      </h3>
      <p className="chart-note">{t('dashboard.top.note')}</p>
      {top.length === 0 ? (
        <p className="insight-muted">{t('dashboard.top.empty')}</p>
      ) : (
        <div className="insight-table-wrap">
          <table className="insight-table">
            <caption className="visually-hidden">{t('dashboard.top.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dashboard.top.product')}</th>
                <th scope="col" className="num">
                  {t('dashboard.top.accounts')}
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((row) => (
                <tr key={row.productId}>
                  <th scope="row">
                    <Link to={`/sales/products/${encodeURIComponent(row.productId)}`}>{row.productName}</Link>
                  </th>
                  <td className="num">
                    <span className="insight-bar-cell">
                      <span className="insight-bar-track" aria-hidden="true">
                        <span className="insight-bar" style={{ width: `${Math.round((row.accounts / most) * 100)}%` }} />
                      </span>
                      {format.number(row.accounts)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
