import type { ChartDataset, ChartOptions } from 'chart.js';
import { useState } from 'react';
import { Bar, Line } from 'react-chartjs-2';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CHURN_BANDS, type CustomersDashboard } from '../../../shared/contract/insight/insight-requests';
import { useFormatters } from '../i18n/use-formatters';
import { baseOptions, horizontalBars } from '../reports/chart-options';
import { CHART_COLORS } from '../reports/chart-setup';
import '../reports/chart-setup';
import { useCompactMoney, useQuarterLabel } from '../reports/dashboard-format';
import { InsightChartCard } from './InsightChartCard';
import { segmentTone } from './insight-format';

const TONE_COLORS = { good: CHART_COLORS.teal, watch: CHART_COLORS.amber, risk: CHART_COLORS.red } as const;
const BAND_COLORS = { low: CHART_COLORS.teal, medium: CHART_COLORS.amber, high: CHART_COLORS.red } as const;
/** Cohort lines, oldest to newest shown; the newest cohorts have the fewest quarters behind them. */
const COHORT_COLORS = [CHART_COLORS.slate, CHART_COLORS.purple, CHART_COLORS.amber, CHART_COLORS.teal, CHART_COLORS.blue, CHART_COLORS.red];
const NO_MONEY = (minor: number): string => String(minor);

/** Segments, value per currency, churn bands, churn per quarter and cohort retention: each a chart with its table. */
export function InsightCharts({ dashboard }: { readonly dashboard: CustomersDashboard }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const compact = useCompactMoney();
  const quarter = useQuarterLabel();
  const currencies = dashboard.clvDistribution.map((row) => row.currency);
  const [picked, setPicked] = useState<string | null>(null);
  const currency = picked !== null && currencies.includes(picked) ? picked : (currencies[0] ?? null);
  const clv = dashboard.clvDistribution.find((row) => row.currency === currency) ?? null;
  const list = (items: string[]): string =>
    items.length === 0 ? t('dashboard.summaries.empty') : items.join(t('dashboard.summaries.separator'));
  const n = (value: number): string => format.number(value);
  const counts = <T extends 'bar' | 'line'>(axes: Parameters<typeof baseOptions>[4]) =>
    whole(baseOptions<T>('screen', format, NO_MONEY, 'USD', axes));

  const segments = dashboard.segments;
  const segmentLabel = (segment: (typeof segments)[number]['segment']): string => t(`segments.${segment}`);
  const bucketLabel = (bucket: { from: number; to: number | null }, code: string): string =>
    bucket.to === null
      ? t('dashboard.charts.bucketOpen', { from: compact(bucket.from, code) })
      : t('dashboard.charts.bucket', { from: compact(bucket.from, code), to: compact(bucket.to, code) });
  const churnRows = dashboard.churnRate;
  const cohorts = dashboard.cohorts;
  // The latest cohorts that have a following quarter to show: a cohort of this quarter has only its first point.
  const shownCohorts = cohorts.filter((row) => row.retention.length > 1).slice(-COHORT_COLORS.length);
  const shownQuarters = Math.max(0, ...shownCohorts.map((row) => row.retention.length - 1));
  const longest = Math.max(0, ...cohorts.map((row) => row.retention.length));
  const cohortWithNext = [...cohorts].reverse().find((row) => row.retention.length > 1);
  const noChurnModel = churnModelNote(dashboard, t);

  return (
    <div className="chart-grid insight-chart-grid">
      <InsightChartCard
        title={t('dashboard.charts.segments')}
        testId="insight-chart-segments"
        summary={t('dashboard.summaries.segments', {
          items: list(segments.filter((row) => row.accounts > 0).map((row) => `${segmentLabel(row.segment)} ${n(row.accounts)}`)),
        })}
        columns={[{ label: t('dashboard.table.segment') }, { label: t('dashboard.table.accounts'), numeric: true }]}
        rows={segments.map((row) => [segmentLabel(row.segment), n(row.accounts)])}
      >
        <Bar
          aria-hidden
          data={{
            labels: segments.map((row) => segmentLabel(row.segment)),
            datasets: [
              {
                label: t('dashboard.charts.accounts'),
                data: segments.map((row) => row.accounts),
                backgroundColor: segments.map((row) => TONE_COLORS[segmentTone(row.segment)]),
              },
            ],
          }}
          options={noLegend(horizontalBars(counts<'bar'>({ y: 'count' })))}
        />
      </InsightChartCard>

      <InsightChartCard
        title={t('dashboard.charts.clv', { currency: currency ?? '' })}
        testId="insight-chart-clv"
        summary={
          clv && currency
            ? t('dashboard.summaries.clv', {
                currency,
                items: list(clv.buckets.filter((b) => b.accounts > 0).map((b) => `${bucketLabel(b, currency)} ${n(b.accounts)}`)),
              })
            : t('dashboard.charts.noClv')
        }
        note={
          clv && currency
            ? `${t('dashboard.clvTotal', { total: format.money(clv.total, currency) })} ${t('dashboard.otherCurrencies')}`
            : undefined
        }
        columns={[{ label: t('dashboard.table.range') }, { label: t('dashboard.table.accounts'), numeric: true }]}
        rows={clv && currency ? clv.buckets.map((b) => [bucketLabel(b, currency), n(b.accounts)]) : []}
        controls={
          currencies.length > 1 ? (
            <label className="filter-field insight-currency">
              <span>{t('dashboard.charts.clvCurrency')}</span>
              <select value={currency ?? ''} onChange={(event) => setPicked(event.target.value)} data-testid="insight-clv-currency">
                {currencies.map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            </label>
          ) : null
        }
      >
        {clv && currency ? (
          <Bar
            aria-hidden
            data={{
              labels: clv.buckets.map((b) => bucketLabel(b, currency)),
              datasets: [
                { label: t('dashboard.charts.accounts'), data: clv.buckets.map((b) => b.accounts), backgroundColor: CHART_COLORS.blue },
              ],
            }}
            options={noLegend(counts<'bar'>({ y: 'count' }))}
          />
        ) : (
          <p className="insight-chart-empty">{t('dashboard.charts.noClv')}</p>
        )}
      </InsightChartCard>

      <InsightChartCard
        title={t('dashboard.charts.bands')}
        testId="insight-chart-bands"
        summary={
          noChurnModel ??
          t('dashboard.summaries.bands', {
            items: list(CHURN_BANDS.map((band) => `${t(`bands.${band}`)} ${n(dashboard.churnBands[band])}`)),
          })
        }
        columns={[{ label: t('dashboard.table.band') }, { label: t('dashboard.table.accounts'), numeric: true }]}
        rows={noChurnModel ? [] : CHURN_BANDS.map((band) => [t(`bandRisk.${band}`), n(dashboard.churnBands[band])])}
      >
        {noChurnModel ? (
          <p className="insight-chart-empty">{noChurnModel}</p>
        ) : (
          <Bar
            aria-hidden
            data={{
              labels: CHURN_BANDS.map((band) => t(`bandRisk.${band}`)),
              datasets: [
                {
                  label: t('dashboard.charts.accounts'),
                  data: CHURN_BANDS.map((band) => dashboard.churnBands[band]),
                  backgroundColor: CHURN_BANDS.map((band) => BAND_COLORS[band]),
                },
              ],
            }}
            options={noLegend(counts<'bar'>({ y: 'count' }))}
          />
        )}
      </InsightChartCard>

      <InsightChartCard
        title={t('dashboard.charts.churnRate')}
        testId="insight-chart-churn"
        summary={
          churnRows.length === 0
            ? t('dashboard.charts.noChurn')
            : t('dashboard.summaries.churnRate', {
                from: quarter(churnRows[0]!.period),
                first: format.percent(churnRows[0]!.rate),
                to: quarter(churnRows.at(-1)!.period),
                last: format.percent(churnRows.at(-1)!.rate),
              })
        }
        columns={[
          { label: t('dashboard.table.quarter') },
          { label: t('dashboard.table.active'), numeric: true },
          { label: t('dashboard.table.churned'), numeric: true },
          { label: t('dashboard.table.rate'), numeric: true },
        ]}
        rows={churnRows.map((row) => [quarter(row.period), n(row.active), n(row.churned), format.percent(row.rate)])}
      >
        {churnRows.length === 0 ? (
          <p className="insight-chart-empty">{t('dashboard.charts.noChurn')}</p>
        ) : (
          <Bar
            aria-hidden
            data={{
              labels: churnRows.map((row) => quarter(row.period)),
              datasets: [
                rateLine(
                  t('dashboard.charts.rate'),
                  churnRows.map((row) => row.rate),
                ),
                {
                  label: t('dashboard.charts.churned'),
                  data: churnRows.map((row) => row.churned),
                  backgroundColor: CHART_COLORS.blueSoft,
                  yAxisID: 'y',
                },
              ],
            }}
            options={counts<'bar'>({ y: 'count', y1: 'percent' })}
          />
        )}
      </InsightChartCard>

      <InsightChartCard
        wide
        tableShown
        shade={cohorts.map((row) => [
          null,
          null,
          ...Array.from({ length: Math.max(0, longest - 1) }, (_, i) => row.retention[i + 1] ?? null),
        ])}
        title={t('dashboard.charts.cohorts')}
        testId="insight-chart-cohorts"
        summary={
          cohortWithNext
            ? t('dashboard.summaries.cohorts', {
                cohort: quarter(cohortWithNext.cohort),
                share: format.percent(cohortWithNext.retention[1] ?? 0),
                count: cohorts.length,
              })
            : t('dashboard.charts.noCohorts')
        }
        columns={[
          { label: t('dashboard.table.cohort') },
          { label: t('dashboard.table.size'), numeric: true },
          ...Array.from({ length: Math.max(0, longest - 1) }, (_, i) => ({
            label: t('dashboard.charts.quarterAfterShort', { n: i + 1 }),
            numeric: true,
          })),
        ]}
        rows={cohorts.map((row) => [
          quarter(row.cohort),
          n(row.size),
          ...Array.from({ length: Math.max(0, longest - 1) }, (_, i) => {
            const share = row.retention[i + 1];
            return share === undefined ? '' : format.percent(share);
          }),
        ])}
      >
        {shownCohorts.length === 0 ? (
          <p className="insight-chart-empty">{t('dashboard.charts.noCohorts')}</p>
        ) : (
          <Line
            aria-hidden
            data={{
              labels: Array.from({ length: shownQuarters }, (_, i) => t('dashboard.charts.quarterAfter', { n: i + 1 })),
              datasets: shownCohorts.map((row, index): ChartDataset<'line', Array<number | null>> => ({
                label: quarter(row.cohort),
                data: row.retention.slice(1),
                borderColor: COHORT_COLORS[index % COHORT_COLORS.length],
                backgroundColor: COHORT_COLORS[index % COHORT_COLORS.length],
                pointRadius: 2,
              })),
            }}
            options={percentAxis(baseOptions<'line'>('screen', format, NO_MONEY, 'USD', { y: 'percent' }))}
          />
        )}
      </InsightChartCard>
    </div>
  );
}

/** Why there are no churn risks under these filters when the churn model gave none (null when it did). */
export function churnModelNote(dashboard: CustomersDashboard, t: TFunction<'insight'>): string | null {
  const churn = dashboard.model.churn;
  if (churn === null) return t('model.churn.none');
  return churn.status === 'ready' ? null : t(`model.churn.${churn.status}`);
}

/** Account counts are whole: no 0.5 ticks on a small dashboard. */
function whole<T extends 'bar' | 'line'>(options: ChartOptions<T>): ChartOptions<T> {
  const scales = { ...options?.scales } as Record<string, { ticks?: object; position?: string } | undefined>;
  const y = scales['y'];
  if (y) scales['y'] = { ...y, ticks: { ...y.ticks, precision: 0 } };
  return { ...options, scales } as ChartOptions<T>;
}

function noLegend(options: ChartOptions<'bar'>): ChartOptions<'bar'> {
  return { ...options, plugins: { ...options.plugins, legend: { display: false } } };
}

function percentAxis(options: ChartOptions<'line'>): ChartOptions<'line'> {
  return { ...options, scales: { ...options.scales, y: { ...options.scales?.['y'], min: 0, max: 1 } } };
}

/**
 * The churn rate drawn over the churned-count bars (a mixed chart): Chart.js draws a `type: 'line'`
 * dataset in a bar chart, but its types tie a chart to one type, so it is handed over as a bar.
 */
function rateLine(label: string, data: ReadonlyArray<number>): ChartDataset<'bar', number[]> {
  const dataset: ChartDataset<'line', number[]> = {
    type: 'line',
    label,
    data: [...data],
    borderColor: CHART_COLORS.red,
    backgroundColor: CHART_COLORS.red,
    yAxisID: 'y1',
    pointRadius: 2,
    order: -1,
  };
  return dataset as unknown as ChartDataset<'bar', number[]>;
}
