import type { ChartDataset, ChartOptions } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { ForecastModelName } from '../../../shared/analytics/forecast-types';
import type { SalesDashboard } from '../../../shared/contract/reports/report-requests';
import { useFormatters } from '../i18n/use-formatters';
import { baseOptions } from './chart-options';
import { CHART_COLORS, type ChartMode } from './chart-setup';
import './chart-setup';

/** `2025-06` → "Jun 25" / "25年6月" in the page's language. */
export function useMonthLabel(): (period: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  return (period) => format.format(new Date(`${period}-01T00:00:00Z`));
}

export function DashboardCharts({ dashboard, mode }: { readonly dashboard: SalesDashboard; readonly mode: ChartMode }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const month = useMonthLabel();
  const currency = dashboard.currency;
  const stageLabels = dashboard.byStage.map((row) => t(`stages.${row.stage}`));
  const history = dashboard.revenueHistory;
  const forecast = dashboard.revenueForecast;
  const revenueLabels = [...history.map((p) => month(p.period)), ...forecast.map((p) => month(p.period))];
  const pad = (n: number): null[] => new Array<null>(n).fill(null);
  // The forecast line starts at the last actual month so the two lines join.
  const lastActual = history.at(-1)?.value ?? 0;
  const forecastCaption = useForecastCaption(dashboard);
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
      <ChartCard title={t('charts.byStage')} testId="chart-by-stage">
        <Bar
          data={{
            labels: stageLabels,
            datasets: [
              { label: t('charts.amount'), data: dashboard.byStage.map((r) => r.amount), backgroundColor: CHART_COLORS.blue, yAxisID: 'y' },
              { label: t('charts.count'), data: dashboard.byStage.map((r) => r.count), backgroundColor: CHART_COLORS.amber, yAxisID: 'y1' },
            ],
          }}
          options={baseOptions<'bar'>(mode, format, currency, { y: 'money', y1: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.funnel')} testId="chart-funnel">
        <Bar
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
          options={funnelOptions(baseOptions<'bar'>(mode, format, currency, { y: 'count' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.weightedByMonth')} testId="chart-weighted">
        <Bar
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
          options={baseOptions<'bar'>(mode, format, currency, { y: 'money' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.forecast')} testId="chart-forecast">
        <Bar
          data={{
            labels: dashboard.forecastByQuarter.map((r) => r.period),
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
          options={baseOptions<'bar'>(mode, format, currency, { y: 'money' }, true)}
        />
      </ChartCard>
      <ChartCard title={t('charts.winRate')} testId="chart-win-rate">
        <Line
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
          options={baseOptions<'line'>(mode, format, currency, { y: 'percent', y1: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.revenue')} testId="chart-revenue" note={forecastCaption}>
        <Line
          data={{
            labels: revenueLabels,
            datasets: [
              {
                label: t('charts.history'),
                data: [...history.map((p) => p.value), ...pad(forecast.length)],
                borderColor: CHART_COLORS.blue,
                backgroundColor: CHART_COLORS.blue,
                pointRadius: 2,
                tension: 0.2,
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
            ...baseOptions<'line'>(mode, format, currency, { y: 'money' }),
            plugins: {
              ...baseOptions<'line'>(mode, format, currency, { y: 'money' }).plugins,
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
 * "AutoETS, backtest sMAPE 12%" under the revenue chart: which model the full selection picked and
 * how wrong it was on held-out months, so a wide band reads as honest rather than broken.
 */
function useForecastCaption(dashboard: SalesDashboard): string {
  const { t } = useTranslation('reports');
  if (dashboard.revenueForecast.length === 0 || dashboard.forecastModel === null) return t('charts.noForecast');
  const model = t(`models.${dashboard.forecastModel as ForecastModelName}`, { defaultValue: dashboard.forecastModel });
  const caption = dashboard.forecastBacktest
    ? t('charts.forecastCaption', { model, smape: Math.round(dashboard.forecastBacktest.smape) })
    : t('charts.forecastNote', { model });
  return dashboard.forecastRefreshing ? `${caption} · ${t('charts.forecastRefreshing')}` : caption;
}

/** Horizontal bars: stage names on the vertical axis, deal counts along the horizontal one. */
function funnelOptions(base: ChartOptions<'bar'>): ChartOptions<'bar'> {
  const { x, y } = base.scales ?? {};
  return {
    ...base,
    indexAxis: 'y',
    scales: {
      x: { ...y, grid: { display: true } },
      y: {
        ...x,
        ticks: {
          ...x?.ticks,
          callback(value) {
            return this.getLabelForValue(Number(value));
          },
        },
      },
    },
  };
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

function ChartCard({
  title,
  testId,
  note,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly note?: string;
  readonly children: React.ReactNode;
}) {
  return (
    <section className="chart-card" data-testid={testId}>
      <h3 className="chart-title">{title}</h3>
      <div className="chart-box">{children}</div>
      {note ? <p className="chart-note">{note}</p> : null}
    </section>
  );
}
