import { useTranslation } from 'react-i18next';
import type { RecommendationModelSummary } from '../../../shared/contract/insight/insight-requests';
import { useFormatters } from '../i18n/use-formatters';
import { FigureTable } from './InsightChartCard';
import { useFixed, useIsoDay } from './insight-format';

/** Hit rate and NDCG at 5 of the suggestions against suggesting the most popular products to everyone. */
export function RecommendationSection({ recs }: { readonly recs: RecommendationModelSummary | null }) {
  const { t } = useTranslation('insight');
  const fixed = useFixed();
  const format = useFormatters();
  const day = useIsoDay();
  const title = (
    <h3 id="insight-recs-title" className="chart-title">
      {t('model.recs.title')}
    </h3>
  );
  if (recs === null || recs.status === 'not_enough_data' || recs.hitRateAt5 === null || recs.ndcgAt5 === null) {
    return (
      <section className="insight-card" aria-labelledby="insight-recs-title" data-testid="insight-model-recs">
        {title}
        <p className="insight-verdict insight-verdict-none">{recs === null ? t('model.recs.none') : t('model.recs.not_enough_data')}</p>
      </section>
    );
  }
  const better =
    recs.popularityHitRateAt5 !== null &&
    recs.popularityNdcgAt5 !== null &&
    recs.hitRateAt5 > recs.popularityHitRateAt5 &&
    recs.ndcgAt5 > recs.popularityNdcgAt5;
  const or = (value: number | null, show: (v: number) => string): string => (value === null ? t('none') : show(value));
  return (
    <section className="insight-card" aria-labelledby="insight-recs-title" data-testid="insight-model-recs">
      {title}
      {recs.splitDate ? <p className="insight-explain">{t('model.recs.explain', { date: day(recs.splitDate) })}</p> : null}
      <p className={`insight-verdict insight-verdict-${better ? 'good' : 'none'}`} data-testid="insight-recs-verdict">
        {t(better ? 'model.recs.ready' : 'model.recs.notBetter', {
          accounts: format.number(recs.testAccounts),
          model: format.percent(recs.hitRateAt5),
          popular: or(recs.popularityHitRateAt5, format.percent),
        })}
      </p>
      <FigureTable
        caption={`${t('model.recs.title')} (${t('model.recs.testAccounts', { accounts: format.number(recs.testAccounts) })})`}
        captionVisible
        testId="insight-recs-table"
        columns={[
          { label: t('model.recs.measure') },
          { label: t('model.recs.model'), numeric: true },
          { label: t('model.recs.popularity'), numeric: true },
        ]}
        rows={[
          [t('model.recs.hitRate'), format.percent(recs.hitRateAt5), or(recs.popularityHitRateAt5, format.percent)],
          [t('model.recs.ndcg'), fixed(recs.ndcgAt5, 3), or(recs.popularityNdcgAt5, (v) => fixed(v, 3))],
        ]}
      />
      <p className="insight-help">
        {t('model.recs.hitRateHelp')} {t('model.recs.ndcgHelp')}
      </p>
    </section>
  );
}
