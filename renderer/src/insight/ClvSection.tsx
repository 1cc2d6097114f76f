import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { ClvModelSummary } from '../../../shared/contract/insight/insight-requests';
import { useFormatters } from '../i18n/use-formatters';
import { baseOptions } from '../reports/chart-options';
import { CHART_COLORS } from '../reports/chart-setup';
import '../reports/chart-setup';
import { FigureTable, InsightChartCard } from './InsightChartCard';
import { useFixed, useIsoDay } from './insight-format';

const NO_MONEY = (minor: number): string => String(minor);

/** BG/NBD and Gamma-Gamma: their parameters and the holdout check, predicted against actual repeat purchases. */
export function ClvSection({ clv }: { readonly clv: ClvModelSummary | null }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const fixed = useFixed();
  const day = useIsoDay();
  if (clv === null) {
    return (
      <section className="insight-card" aria-labelledby="insight-clv-title" data-testid="insight-model-clv">
        <h3 id="insight-clv-title" className="chart-title">
          {t('model.clv.title')}
        </h3>
        <p className="insight-verdict insight-verdict-none">{t('model.clv.none')}</p>
      </section>
    );
  }
  const params = (rows: Array<[string, number]>): string[][] => rows.map(([name, value]) => [name, fixed(value, 4)]);
  const calibration = clv.calibration;
  const groups = calibration?.groups ?? [];
  return (
    <section className="insight-card" aria-labelledby="insight-clv-title" data-testid="insight-model-clv">
      <h3 id="insight-clv-title" className="chart-title">
        {t('model.clv.title')}
      </h3>
      <p className="insight-explain">{t('model.clv.explain', { rate: format.percent(clv.annualDiscountRate) })}</p>
      <div className="insight-param-grid">
        <FigureTable
          captionVisible
          caption={t('model.clv.bgnbd')}
          testId="insight-bgnbd"
          columns={[{ label: t('model.clv.parameter') }, { label: t('model.clv.value'), numeric: true }]}
          rows={[
            ...params([
              ['r', clv.bgnbd.r],
              ['α', clv.bgnbd.alpha],
              ['a', clv.bgnbd.a],
              ['b', clv.bgnbd.b],
            ]),
            [t('model.clv.logLikelihood'), fixed(clv.bgnbd.logLikelihood, 1)],
            [t('model.clv.customers'), format.number(clv.customers)],
          ]}
        />
        {clv.gammaGamma ? (
          <FigureTable
            captionVisible
            caption={t('model.clv.gammaGamma')}
            columns={[{ label: t('model.clv.parameter') }, { label: t('model.clv.value'), numeric: true }]}
            rows={params([
              ['p', clv.gammaGamma.p],
              ['q', clv.gammaGamma.q],
              ['γ', clv.gammaGamma.gamma],
            ])}
          />
        ) : (
          <p className="insight-verdict insight-verdict-none">{t('model.clv.noGammaGamma')}</p>
        )}
      </div>
      <h4 className="insight-subtitle">{t('model.clv.calibration')}</h4>
      {calibration === null ? (
        <p className="insight-verdict insight-verdict-none">{t('model.clv.noCalibration')}</p>
      ) : (
        <>
          <p className="insight-explain">
            {t('model.clv.calibrationExplain', { date: day(calibration.calibrationEnd), months: calibration.holdoutMonths })}
          </p>
          <p className="insight-explain" data-testid="insight-calibration-totals">
            {t('model.clv.totals', {
              predicted: format.number(Math.round(calibration.predictedTotal)),
              actual: format.number(Math.round(calibration.actualTotal)),
            })}{' '}
            {t('model.clv.mae')}: {fixed(calibration.meanAbsoluteError, 2)}
          </p>
          <InsightChartCard
            title={t('model.clv.chartTitle')}
            testId="insight-calibration-chart"
            summary={t('model.clv.summary', {
              items: groups
                .map((g) =>
                  t('model.clv.summaryItem', { group: g.frequency, predicted: fixed(g.predicted, 2), actual: fixed(g.actual, 2) }),
                )
                .join(t('dashboard.summaries.separator')),
            })}
            columns={[
              { label: t('model.clv.frequency') },
              { label: t('model.clv.customersInGroup'), numeric: true },
              { label: t('model.clv.predicted'), numeric: true },
              { label: t('model.clv.actual'), numeric: true },
            ]}
            rows={groups.map((g) => [g.frequency, format.number(g.accounts), fixed(g.predicted, 2), fixed(g.actual, 2)])}
          >
            <Bar
              aria-hidden
              data={{
                labels: groups.map((g) => g.frequency),
                datasets: [
                  { label: t('model.clv.predicted'), data: groups.map((g) => g.predicted), backgroundColor: CHART_COLORS.purple },
                  { label: t('model.clv.actual'), data: groups.map((g) => g.actual), backgroundColor: CHART_COLORS.teal },
                ],
              }}
              options={{
                ...baseOptions<'bar'>('screen', format, NO_MONEY, 'USD', { y: 'count' }),
                scales: {
                  ...baseOptions<'bar'>('screen', format, NO_MONEY, 'USD', { y: 'count' }).scales,
                  x: { grid: { display: false }, title: { display: true, text: t('model.clv.frequency') } },
                },
              }}
            />
          </InsightChartCard>
        </>
      )}
    </section>
  );
}
