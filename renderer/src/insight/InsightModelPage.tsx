import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InsightModelSummary } from '../../../shared/contract/insight/insight-requests';
import { useLiveQuery } from '../data/use-live-query';
import { useFormatters } from '../i18n/use-formatters';
import '../reports/reports.css';
import { ChurnSection } from './ChurnSection';
import { ClvSection } from './ClvSection';
import { InsightStatusLine } from './InsightStatusLine';
import { RecommendationSection } from './RecommendationSection';
import { useIsoDay } from './insight-format';
import './insight.css';

/** "About these models": what the figures rest on and how well each model did on data it did not see. */
export function InsightModelPage() {
  const { t } = useTranslation('insight');
  const model = useLiveQuery('insight.model', {}, 'insight-model');
  return (
    <div className="page dashboard-page insight-page" data-testid="insight-model">
      <header className="page-header dashboard-header">
        <h2 className="page-title">{t('model.title')}</h2>
        <Link to="/customers/insights" className="insight-model-link">
          ← {t('model.back')}
        </Link>
      </header>
      <div className="page-body dashboard-body">
        <p className="insight-intro">{t('model.intro')}</p>
        {model.status === 'loading' ? (
          <p className="dashboard-loading" role="status">
            {t('model.loading')}
          </p>
        ) : null}
        {model.status === 'error' ? (
          <p className="dashboard-error" role="alert">
            {t('error', { message: model.error.message })}
          </p>
        ) : null}
        {model.status === 'ready' ? <ModelBody model={model.result} /> : null}
      </div>
    </div>
  );
}

function ModelBody({ model }: { readonly model: InsightModelSummary }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const day = useIsoDay();
  const facts: Array<[string, string]> = [
    [t('model.data.accounts'), format.number(model.accounts)],
    [t('model.data.withPurchases'), format.number(model.accountsWithPurchases)],
    [t('model.data.transactions'), format.number(model.transactions)],
    [
      t('model.data.history'),
      model.historyStart === null ? t('none') : t('model.data.historyRange', { from: day(model.historyStart), to: day(model.historyEnd) }),
    ],
    [t('model.data.computedAt'), model.computedAt === null ? t('none') : format.dateTime(model.computedAt)],
    [
      t('model.data.computeTime'),
      model.computeMs === null ? t('none') : t('model.data.seconds', { seconds: format.number(Math.round(model.computeMs / 100) / 10) }),
    ],
  ];
  const hasRun = model.status === 'ready' || model.computedAt !== null;
  return (
    <>
      <InsightStatusLine model={model} />
      <section className="insight-card" aria-labelledby="insight-data-title">
        <h3 id="insight-data-title" className="chart-title">
          {t('model.data.title')}
        </h3>
        <dl className="insight-facts" data-testid="insight-model-data">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      {hasRun ? (
        <>
          <ClvSection clv={model.clv} />
          <ChurnSection churn={model.churn} />
          <RecommendationSection recs={model.recommendations} />
        </>
      ) : null}
    </>
  );
}
