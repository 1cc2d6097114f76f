import type { ChartDataset, ChartOptions } from 'chart.js';
import { Bar, Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import type { ServiceDashboard } from '../../../../shared/contract/service/service-dashboard-requests';
import { baseOptions, horizontalBars } from '../../reports/chart-options';
import { CHART_COLORS, type ChartMode } from '../../reports/chart-setup';
import '../../reports/chart-setup';
import { useFormatters } from '../../i18n/use-formatters';
import { useServiceChartSummaries } from './service-chart-summaries';

/** No axis here is money; baseOptions asks for a money formatter all the same. */
const NO_MONEY = (minor: number): string => String(minor);

export function ServiceCharts({ dashboard, mode }: { readonly dashboard: ServiceDashboard; readonly mode: ChartMode }) {
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  const summaries = useServiceChartSummaries(dashboard);
  const options = <T extends 'bar' | 'line'>(axes: Parameters<typeof baseOptions>[4], stacked = false) =>
    wholeCounts(baseOptions<T>(mode, format, NO_MONEY, 'USD', axes, stacked), axes);
  const week = (iso: string): string => format.day(iso);
  const month = (key: string): string => format.monthShort(key);

  return (
    <div className={`chart-grid chart-grid-${mode}`}>
      <ChartCard title={t('charts.openByPriority')} testId="service-chart-priority" summary={summaries.byPriority}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.openByPriority.map((row) => t(`priority.${row.priority}`)),
            datasets: [
              {
                label: t('charts.openCases'),
                data: dashboard.openByPriority.map((row) => row.count),
                backgroundColor: [CHART_COLORS.slate, CHART_COLORS.blue, CHART_COLORS.amber, CHART_COLORS.red],
              },
            ],
          }}
          options={options<'bar'>({ y: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.openByStatus')} testId="service-chart-status" summary={summaries.byStatus}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.openByStatus.map((row) => t(`status.${row.status}`)),
            datasets: [
              { label: t('charts.openCases'), data: dashboard.openByStatus.map((row) => row.count), backgroundColor: CHART_COLORS.blue },
            ],
          }}
          options={options<'bar'>({ y: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.backlog')} testId="service-chart-backlog" summary={summaries.backlog}>
        <Line
          aria-hidden
          data={{
            labels: dashboard.backlog.map((row) => week(row.week)),
            datasets: [
              line(
                t('charts.openAtWeekEnd'),
                dashboard.backlog.map((row) => row.open),
                CHART_COLORS.blue,
              ),
              line(
                t('charts.opened'),
                dashboard.backlog.map((row) => row.opened),
                CHART_COLORS.amber,
              ),
              line(
                t('charts.resolved'),
                dashboard.backlog.map((row) => row.resolved),
                CHART_COLORS.teal,
              ),
            ],
          }}
          options={options<'line'>({ y: 'count' })}
        />
      </ChartCard>
      <ChartCard title={t('charts.sla')} testId="service-chart-sla" summary={summaries.sla}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.slaByWeek.map((row) => week(row.week)),
            datasets: [
              overlayLine(
                t('charts.attainment'),
                dashboard.slaByWeek.map((row) => row.attainment),
                CHART_COLORS.purple,
              ),
              { label: t('charts.met'), data: dashboard.slaByWeek.map((row) => row.met), backgroundColor: CHART_COLORS.teal, yAxisID: 'y' },
              {
                label: t('charts.breached'),
                data: dashboard.slaByWeek.map((row) => row.breached),
                backgroundColor: CHART_COLORS.red,
                yAxisID: 'y',
              },
            ],
          }}
          options={percentRight(options<'bar'>({ y: 'count', y1: 'percent' }, true))}
        />
      </ChartCard>
      <ChartCard title={t('charts.csat')} testId="service-chart-csat" summary={summaries.csat}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.csatByMonth.map((row) => month(row.month)),
            datasets: [
              overlayLine(
                t('charts.csatAverage'),
                dashboard.csatByMonth.map((row) => row.average),
                CHART_COLORS.teal,
                'y',
              ),
              {
                label: t('charts.responses'),
                data: dashboard.csatByMonth.map((row) => row.responses),
                backgroundColor: CHART_COLORS.blueSoft,
                yAxisID: 'y1',
              },
            ],
          }}
          options={csatScale(options<'bar'>({ y: 'count', y1: 'count' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.nps')} testId="service-chart-nps" summary={summaries.nps}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.npsByMonth.map((row) => month(row.month)),
            datasets: [
              overlayLine(
                t('charts.npsScore'),
                dashboard.npsByMonth.map((row) => row.score),
                CHART_COLORS.purple,
                'y',
              ),
              {
                label: t('charts.responses'),
                data: dashboard.npsByMonth.map((row) => row.responses),
                backgroundColor: CHART_COLORS.blueSoft,
                yAxisID: 'y1',
              },
            ],
          }}
          options={npsScale(options<'bar'>({ y: 'count', y1: 'count' }))}
        />
      </ChartCard>
      <ChartCard title={t('charts.categories')} testId="service-chart-categories" summary={summaries.categories}>
        <Bar
          aria-hidden
          data={{
            labels: dashboard.topCategories.map((row) => t(`category.${row.category}`, { defaultValue: row.category })),
            datasets: [
              { label: t('charts.openedCases'), data: dashboard.topCategories.map((row) => row.count), backgroundColor: CHART_COLORS.blue },
            ],
          }}
          options={horizontalBars(options<'bar'>({ y: 'count' }))}
        />
      </ChartCard>
    </div>
  );
}

/** Case and answer counts are whole: no 0.5 ticks on a small dashboard. */
function wholeCounts<T extends 'bar' | 'line'>(options: ChartOptions<T>, axes: Parameters<typeof baseOptions>[4]): ChartOptions<T> {
  const scales = { ...options?.scales } as Record<string, { ticks?: object } | undefined>;
  for (const axis of ['y', 'y1'] as const) {
    const scale = scales[axis];
    if (scale && axes[axis] === 'count') scales[axis] = { ...scale, ticks: { ...scale.ticks, precision: 0 } };
  }
  return { ...options, scales } as ChartOptions<T>;
}

function line(label: string, data: number[], color: string): ChartDataset<'line', number[]> {
  return { label, data, borderColor: color, backgroundColor: color, pointRadius: 0, tension: 0.2 };
}

/**
 * A line drawn over bars (a mixed chart): Chart.js draws a `type: 'line'` dataset in a bar chart,
 * but its types tie a chart to one type, so the line is declared as one and handed over as a bar.
 */
function overlayLine(
  label: string,
  data: ReadonlyArray<number | null>,
  color: string,
  axis = 'y1',
): ChartDataset<'bar', Array<number | null>> {
  const dataset: ChartDataset<'line', Array<number | null>> = {
    type: 'line',
    label,
    data: [...data],
    borderColor: color,
    backgroundColor: color,
    yAxisID: axis,
    spanGaps: true,
    pointRadius: 2,
    tension: 0.2,
    order: -1,
  };
  return dataset as unknown as ChartDataset<'bar', Array<number | null>>;
}

function percentRight(base: ChartOptions<'bar'>): ChartOptions<'bar'> {
  return { ...base, scales: { ...base.scales, y1: { ...base.scales?.['y1'], min: 0, max: 1, stacked: false } } };
}

function csatScale(base: ChartOptions<'bar'>): ChartOptions<'bar'> {
  return { ...base, scales: { ...base.scales, y: { ...base.scales?.['y'], min: 1, max: 5, beginAtZero: false } } };
}

function npsScale(base: ChartOptions<'bar'>): ChartOptions<'bar'> {
  return { ...base, scales: { ...base.scales, y: { ...base.scales?.['y'], min: -100, max: 100 } } };
}

/** The canvas is an image to assistive technology, named by a sentence that says what it shows. */
function ChartCard({
  title,
  testId,
  summary,
  children,
}: {
  readonly title: string;
  readonly testId: string;
  readonly summary: string;
  readonly children: React.ReactNode;
}) {
  return (
    <section className="chart-card" data-testid={testId}>
      <h3 className="chart-title">{title}</h3>
      <div className="chart-box" role="img" aria-label={summary}>
        {children}
      </div>
    </section>
  );
}
