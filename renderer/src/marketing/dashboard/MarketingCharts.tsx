import type { ChartOptions } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { MarketingDashboard } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { ATTRIBUTION_MODELS } from '../../../../shared/marketing/attribution';
import { useFormatters } from '../../i18n/use-formatters';
import { baseOptions, horizontalBars } from '../../reports/chart-options';
import { CHART_COLORS, type ChartMode } from '../../reports/chart-setup';
import '../../reports/chart-setup';
import { useCompactMoney } from '../../reports/dashboard-format';
import { useMarketingChartSummaries } from './marketing-chart-summaries';

/** Axis labels beside horizontal bars stay short; the full names are in the summaries and the tables. */
const shortLabel = (name: string): string => (name.length > 30 ? `${name.slice(0, 29)}…` : name);

const MODEL_COLORS = [CHART_COLORS.blue, CHART_COLORS.teal, CHART_COLORS.purple] as const;

/** The six charts; money charts show the dashboard's currency only (amounts are never added across currencies). */
export function MarketingCharts({ dashboard, mode }: { readonly dashboard: MarketingDashboard; readonly mode: ChartMode }) {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const compact = useCompactMoney();
  const summaries = useMarketingChartSummaries(dashboard);
  const { currency } = dashboard;
  const inCurrency = dashboard.campaigns.filter((c) => c.currency === currency);
  const types = dashboard.roiByType.filter((row) => row.currency === currency);
  const options = <T extends 'bar'>(axes: Parameters<typeof baseOptions>[4], stacked = false) =>
    baseOptions<T>(mode, format, compact, currency, axes, stacked) as ChartOptions<'bar'>;
  const countAxis = (base: ChartOptions<'bar'>): ChartOptions<'bar'> => {
    // Member and lead counts are whole: no 0.5 ticks on a small dashboard.
    const scales = { ...base.scales } as Record<string, { ticks?: object } | undefined>;
    const y = scales['y'];
    if (y) scales['y'] = { ...y, ticks: { ...y.ticks, precision: 0 } };
    return { ...base, scales } as ChartOptions<'bar'>;
  };
  const currencyNote = (shown: number, all: number) =>
    all > shown ? <p className="chart-note">{t('charts.otherCurrencies', { currency, count: all - shown })}</p> : null;

  return (
    <div className={`chart-grid chart-grid-${mode}`}>
      <ChartCard
        title={t('charts.spendVsBudget', { currency })}
        testId="marketing-chart-spend"
        summary={summaries.spend}
        note={currencyNote(inCurrency.length, dashboard.campaigns.length)}
      >
        <Bar
          aria-hidden
          data={{
            labels: inCurrency.map((c) => shortLabel(c.name)),
            datasets: [
              { label: t('charts.budget'), data: inCurrency.map((c) => c.budget), backgroundColor: CHART_COLORS.blueSoft },
              { label: t('charts.spend'), data: inCurrency.map((c) => c.actualCost), backgroundColor: CHART_COLORS.blue },
            ],
          }}
          options={horizontalBars(options<'bar'>({ y: 'money' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.roiByCampaign')} testId="marketing-chart-roi-campaign" summary={summaries.roiByCampaign}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.campaigns.map((c) => shortLabel(c.name)),
            datasets: [
              {
                label: t('charts.roi', { model: tm(`attributionModel.${dashboard.model}`) }),
                data: dashboard.campaigns.map((c) => c.roi),
                backgroundColor: dashboard.campaigns.map((c) => ((c.roi ?? 0) < 0 ? CHART_COLORS.red : CHART_COLORS.teal)),
              },
            ],
          }}
          options={horizontalBars(options<'bar'>({ y: 'percent' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.roiByType', { currency })} testId="marketing-chart-roi-type" summary={summaries.roiByType}>
        <Bar
          aria-hidden
          data={{
            labels: types.map((row) => tm(`campaignType.${row.type}`)),
            datasets: ATTRIBUTION_MODELS.map((m, i) => ({
              label: tm(`attributionModel.${m}`),
              data: types.map((row) => row.byModel[m].roi),
              backgroundColor: MODEL_COLORS[i],
            })),
          }}
          options={options<'bar'>({ y: 'percent' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.leadsBySource')} testId="marketing-chart-leads" summary={summaries.leads}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.leadsByMonth.map((row) => format.monthShort(row.month)),
            datasets: [
              {
                label: t('charts.fromCampaign'),
                data: dashboard.leadsByMonth.map((row) => row.campaign),
                backgroundColor: CHART_COLORS.blue,
              },
              {
                label: t('charts.noCampaign'),
                data: dashboard.leadsByMonth.map((row) => row.noCampaign),
                backgroundColor: CHART_COLORS.slate,
              },
            ],
          }}
          options={countAxis(options<'bar'>({ y: 'count' }, true))}
        />
      </ChartCard>
      <ChartCard title={t('charts.funnel')} testId="marketing-chart-funnel" summary={summaries.funnel}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.funnel.map((row) => tm(`memberStatus.${row.stage}`)),
            datasets: [{ label: t('charts.members'), data: dashboard.funnel.map((row) => row.count), backgroundColor: CHART_COLORS.amber }],
          }}
          options={horizontalBars(countAxis(options<'bar'>({ y: 'count' })))}
        />
      </ChartCard>
      <ChartCard title={t('charts.segments')} testId="marketing-chart-segments" summary={summaries.segments}>
        {dashboard.segments.status === 'unavailable' || dashboard.segments.rows.length === 0 ? (
          <p className="chart-empty" data-testid="marketing-segments-empty">
            {dashboard.segments.status === 'unavailable' ? t('charts.segmentsUnavailable') : t('charts.segmentsNone')}
          </p>
        ) : (
          <Bar
            aria-hidden
            data={{
              labels: dashboard.segments.rows.map((row) => shortLabel(row.name)),
              datasets: [
                {
                  label: t('charts.records'),
                  data: dashboard.segments.rows.map((row) => row.count),
                  backgroundColor: CHART_COLORS.purple,
                },
              ],
            }}
            options={horizontalBars(countAxis(options<'bar'>({ y: 'count' })))}
          />
        )}
      </ChartCard>
    </div>
  );
}

/** The canvas is an image to assistive technology, named by a sentence that says what it shows. */
function ChartCard({
  title,
  testId,
  summary,
  note,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly summary: string;
  readonly note?: React.ReactNode;
  readonly children: React.ReactNode;
}) {
  return (
    <section className="chart-card" data-testid={testId}>
      <h3 className="chart-title">{title}</h3>
      <div className="chart-box" role="img" aria-label={summary}>
        {children}
      </div>
      {note}
    </section>
  );
}
