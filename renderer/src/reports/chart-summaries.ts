import { useTranslation } from 'react-i18next';
import type { SalesDashboard } from '../../../shared/contract/reports/report-requests';
import { useFormatters } from '../i18n/use-formatters';
import { useCompactMoney, useMonthLabel, useQuarterLabel } from './dashboard-format';

export type ChartSummaries = {
  readonly byStage: string;
  readonly funnel: string;
  readonly weighted: string;
  readonly forecast: string;
  readonly winRate: string;
  readonly revenue: string;
};

/**
 * One sentence per chart for screen readers (the canvas is an image to them): the figures a
 * sighted reader takes from the bars and lines, in the page's language.
 */
export function useChartSummaries(dashboard: SalesDashboard): ChartSummaries {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const compact = useCompactMoney();
  const month = useMonthLabel();
  const quarter = useQuarterLabel();
  const money = (minor: number): string => compact(minor, dashboard.currency);
  const list = (items: readonly string[]): string => (items.length === 0 ? t('summaries.empty') : items.join(t('summaries.separator')));

  const weighted = dashboard.weightedByMonth;
  const peak = weighted.reduce<(typeof weighted)[number] | undefined>(
    (best, row) => (!best || row.value > best.value ? row : best),
    undefined,
  );
  const rates = dashboard.winRateByMonth.filter((row) => row.winRate !== null);
  const latestRate = rates.at(-1);
  const history = dashboard.revenueHistory;
  const best = history.reduce<(typeof history)[number] | undefined>((top, row) => (!top || row.value > top.value ? row : top), undefined);
  const nextForecast = dashboard.revenueForecast[1] ?? dashboard.revenueForecast[0];

  return {
    byStage: t('summaries.byStage', {
      items: list(
        dashboard.byStage.map((row) => `${t(`stages.${row.stage}`)} ${money(row.amount)} (${t('figures.deals', { count: row.count })})`),
      ),
    }),
    funnel: t('summaries.funnel', {
      items: list(dashboard.funnel.map((row) => `${t(`stages.${row.stage}`)} ${format.number(row.count)}`)),
    }),
    weighted:
      weighted.length === 0 || !peak
        ? t('summaries.empty')
        : t('summaries.weighted', {
            from: month(weighted[0]!.period),
            to: month(weighted.at(-1)!.period),
            peakMonth: month(peak.period),
            peak: money(peak.value),
          }),
    forecast: t('summaries.forecast', {
      items: list(
        dashboard.forecastByQuarter.map((row) =>
          t('summaries.quarter', {
            quarter: quarter(row.period),
            closed: money(row.closed),
            commit: money(row.commit),
            pipeline: money(row.pipeline),
            quota: row.quota === null ? t('figures.none') : money(row.quota),
          }),
        ),
      ),
    }),
    winRate: latestRate
      ? t('summaries.winRate', {
          month: month(latestRate.period),
          rate: format.percent(latestRate.winRate ?? 0),
          average: format.percent(rates.reduce((total, row) => total + (row.winRate ?? 0), 0) / rates.length),
        })
      : t('summaries.empty'),
    revenue: [
      best && history.length > 0
        ? t('summaries.revenue', {
            from: month(history[0]!.period),
            to: month(history.at(-1)!.period),
            last: money(history.at(-1)!.value),
            bestMonth: month(best.period),
            best: money(best.value),
          })
        : t('summaries.empty'),
      t('summaries.monthToDate', { month: month(dashboard.revenueMonthToDate.period), value: money(dashboard.revenueMonthToDate.value) }),
      nextForecast
        ? t('summaries.revenueForecast', {
            month: month(nextForecast.period),
            value: money(nextForecast.mean),
            low: money(nextForecast.lower80),
            high: money(nextForecast.upper80),
          })
        : '',
    ]
      .filter(Boolean)
      .join(' '),
  };
}
