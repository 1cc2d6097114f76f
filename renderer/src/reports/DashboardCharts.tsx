import type { ChartDataset } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { SalesDashboard } from '../../../shared/contract/reports/report-requests';
import { useFormatters } from '../i18n/use-formatters';
import { baseOptions, horizontalBars } from './chart-options';
import { useChartSummaries } from './chart-summaries';
import { useCompactMoney, useMonthLabel, useQuarterLabel } from './dashboard-format';
import { CHART_COLORS, type ChartMode } from './chart-setup';
import './chart-setup';

export function DashboardCharts({ dashboard, mode }: { readonly dashboard: SalesDashboard; readonly mode: ChartMode }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const compact = useCompactMoney();
  const month = useMonthLabel();
  const quarter = useQuarterLabel();
  const currency = dashboard.currency;
  const stageLabels = dashboard.byStage.map((row) => t(`stages.${row.stage}`));
  const history = dashboard.revenueHistory;
  const forecast = dashboard.revenueForecast;
  const toDate = dashboard.revenueMonthToDate;
  // History ends with the last complete month; the running month and the forecast follow it.
  const futureMonths = forecast.length > 0 ? forecast.map((p) => p.period) : [toDate.period];
  const revenueLabels = [...history.map((p) => month(p.period)), ...futureMonths.map(month)];
  const pad = (n: number): null[] => new Array<null>(n).fill(null);
  // The forecast line starts at the last actual month so the two lines join.
  const lastActual = history.at(-1)?.value ?? 0;
  const forecastCaption = useForecastCaption(dashboard);
  const summaries = useChartSummaries(dashboard);
  const options = <T extends 'bar' | 'line'>(axes: Parameters<typeof baseOptions>[4], stacked = false) =>
    baseOptions<T>(mode, format, compact, currency, axes, stacked);
  const band = (label: string, values: number[], color: string, fill: string | false): ChartDataset<'line', Array<number | null>> => ({
    label,
    data: [...pad(history.length), ...values],
    borderColor: 'transparent',
    backgroundColor: color,
    fill,
    pointRadius: 0,
  });

  return (
    <div className={`chart-grid chart-grid-${mode}`}>
      <ChartCard title={t('charts.byStage')} testId="chart-by-stage" summary={summaries.byStage}>
        <Bar
          aria-hidden
          data={{
            labels: stageLabels,
            datasets: [
              { label: t('charts.amount'), data: dashboard.byStage.map((r) => r.amount), backgroundColor: CHART_COLORS.blue, yAxisID: 'y' },
              { label: t('charts.count'), data: dashboard.byStage.map((r) => r.count), backgroundColor: CHART_COLORS.amber, yAxisID: 'y1' },
            ],
          }}
          options={options<'bar'>({ y: 'money', y1: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.funnel')} testId="chart-funnel" summary={summaries.funnel}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.funnel.map((r) => t(`stages.${r.stage}`)),
            datasets: [
              {
                label: t('charts.count'),
                data: dashboard.funnel.map((r) => r.count),
                backgroundColor: dashboard.funnel.map((_, i) => `rgba(47, 111, 237, ${1 - i * 0.13})`),
              },
            ],
          }}
          options={horizontalBars(options<'bar'>({ y: 'count' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.weightedByMonth')} testId="chart-weighted" summary={summaries.weighted}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.weightedByMonth.map((r) => month(r.period)),
            datasets: [
              { label: t('charts.weighted'), data: dashboard.weightedByMonth.map((r) => r.value), backgroundColor: CHART_COLORS.blue },
              {
                label: t('charts.pipeline'),
                data: dashboard.weightedByMonth.map((r) => r.pipeline),
                backgroundColor: CHART_COLORS.blueSoft,
              },
            ],
          }}
          options={options<'bar'>({ y: 'money' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.forecast')} testId="chart-forecast" summary={summaries.forecast}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.forecastByQuarter.map((r) => quarter(r.period)),
            datasets: [
              quotaLine(
                t('charts.quota'),
                dashboard.forecastByQuarter.map((r) => r.quota),
              ),
              { label: t('charts.closed'), data: dashboard.forecastByQuarter.map((r) => r.closed), backgroundColor: CHART_COLORS.teal },
              { label: t('charts.commit'), data: dashboard.forecastByQuarter.map((r) => r.commit), backgroundColor: CHART_COLORS.blue },
              {
                label: t('charts.bestCase'),
                data: dashboard.forecastByQuarter.map((r) => r.bestCase - r.commit),
                backgroundColor: CHART_COLORS.purple,
              },
              {
                label: t('charts.pipeline'),
                data: dashboard.forecastByQuarter.map((r) => r.pipeline - r.bestCase),
                backgroundColor: CHART_COLORS.slate,
              },
            ],
          }}
          options={options<'bar'>({ y: 'money' }, true)}
        />
      </ChartCard>
      <ChartCard title={t('charts.winRateTitle')} testId="chart-win-rate" summary={summaries.winRate}>
        <Line
          aria-hidden
          data={{
            labels: dashboard.winRateByMonth.map((r) => month(r.period)),
            datasets: [
              {
                label: t('charts.winRate'),
                data: dashboard.winRateByMonth.map((r) => r.winRate),
                borderColor: CHART_COLORS.teal,
                backgroundColor: CHART_COLORS.teal,
                yAxisID: 'y',
                spanGaps: true,
                tension: 0.3,
                pointRadius: 2,
              },
              {
                label: t('charts.cycleDays'),
                data: dashboard.winRateByMonth.map((r) => r.avgCycleDays),
                borderColor: CHART_COLORS.amber,
                backgroundColor: CHART_COLORS.amber,
                yAxisID: 'y1',
                spanGaps: true,
                tension: 0.3,
                pointRadius: 2,
              },
            ],
          }}
          options={options<'line'>({ y: 'percent', y1: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.revenue')} testId="chart-revenue" note={forecastCaption} summary={summaries.revenue}>
        <Line
          aria-hidden
          data={{
            labels: revenueLabels,
            datasets: [
              {
                label: t('charts.history'),
                data: [...history.map((p) => p.value), ...pad(futureMonths.length)],
                borderColor: CHART_COLORS.blue,
                backgroundColor: CHART_COLORS.blue,
                pointRadius: 2,
                tension: 0.2,
              },
              // The running month is a single hollow marker, not a line point, so it never reads as a fall.
              {
                label: t('charts.monthToDate', { day: toDate.throughDay, days: toDate.daysInMonth }),
                data: [...pad(history.length), toDate.value, ...pad(futureMonths.length - 1)],
                borderColor: CHART_COLORS.teal,
                backgroundColor: 'transparent',
                pointStyle: 'rectRot',
                pointRadius: 6,
                pointBorderWidth: 2,
                showLine: false,
              },
              {
                label: t('charts.forecastMean'),
                data: [...pad(history.length - 1), lastActual, ...forecast.map((p) => p.mean)],
                borderColor: CHART_COLORS.purple,
                backgroundColor: CHART_COLORS.purple,
                borderDash: [5, 4],
                pointRadius: 2,
              },
              // Each band is an upper edge filled down to its lower edge (the next dataset), which has no legend entry.
              band(
                t('charts.band80'),
                forecast.map((p) => p.upper80),
                'rgba(122, 79, 214, 0.22)',
                '+1',
              ),
              band(
                LOWER_EDGE,
                forecast.map((p) => p.lower80),
                'transparent',
                false,
              ),
              band(
                t('charts.band95'),
                forecast.map((p) => p.upper95),
                'rgba(122, 79, 214, 0.09)',
                '+1',
              ),
              band(
                LOWER_EDGE,
                forecast.map((p) => p.lower95),
                'transparent',
                false,
              ),
            ],
          }}
          options={{
            ...options<'line'>({ y: 'money' }),
            plugins: {
              ...options<'line'>({ y: 'money' }).plugins,
              // The band's lower edge is drawn only to fill against; one legend entry names the band.
              legend: { position: 'bottom', labels: { boxWidth: 12, usePointStyle: true, filter: (item) => item.text !== LOWER_EDGE } },
            },
          }}
        />
      </ChartCard>
    </div>
  );
}

/** Label of the datasets that only bound a band: hidden from the legend. */
const LOWER_EDGE = '\u200b';

/**
 * Under the revenue chart, in words: how far off the chosen model was on held-out months of the
 * same history, or that the history holds no pattern to forecast, and that the running month is
 * month-to-date.
 */
function useForecastCaption(dashboard: SalesDashboard): string {
  const { t } = useTranslation('reports');
  const month = useMonthLabel();
  const toDate = dashboard.revenueMonthToDate;
  const running = t('charts.monthToDateNote', { month: month(toDate.period), day: toDate.throughDay, days: toDate.daysInMonth });
  if (dashboard.revenueForecast.length === 0 || dashboard.forecastModel === null) return `${t('charts.noForecast')} ${running}`;
  const model = t(`models.${dashboard.forecastModel}`, { defaultValue: dashboard.forecastModel });
  const backtest = dashboard.forecastBacktest;
  const parts = [
    dashboard.forecastSignal === 'no_pattern' ? t('charts.noPattern', { model }) : t('charts.forecastNote', { model }),
    backtest?.errorShare != null
      ? t('charts.backtestError', { percent: Math.max(1, Math.round(backtest.errorShare * 100)) })
      : t('charts.noBacktest'),
    running,
  ];
  if (dashboard.forecastRefreshing) parts.push(t('charts.forecastRefreshing'));
  return parts.join(' ');
}

/**
 * Chart.js draws a `type: 'line'` dataset inside a bar chart (a mixed chart), but its types tie a
 * chart to one type; the quota line is declared as a line and handed over as a bar dataset.
 */
function quotaLine(label: string, data: ReadonlyArray<number | null>): ChartDataset<'bar', Array<number | null>> {
  const line: ChartDataset<'line', Array<number | null>> = {
    type: 'line',
    label,
    data: [...data],
    borderColor: CHART_COLORS.red,
    backgroundColor: CHART_COLORS.red,
    borderDash: [6, 4],
    pointRadius: 3,
    order: -1,
  };
  return line as unknown as ChartDataset<'bar', Array<number | null>>;
}

/** The canvas is an image to assistive technology, named by a sentence that says what it shows. */
function ChartCard({
  title,
  testId,
  note,
  summary,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly note?: string;
  readonly summary: string;
  readonly children: React.ReactNode;
}) {
  return (
    <section className="chart-card" data-testid={testId}>
      <h3 className="chart-title">{title}</h3>
      {/* The box is the picture and says what it shows; the canvas inside (role img of its own) is hidden from the tree. */}
      <div className="chart-box" role="img" aria-label={summary}>
        {children}
      </div>
      {note ? <p className="chart-note">{note}</p> : null}
    </section>
  );
}
