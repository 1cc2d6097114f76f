import { useTranslation } from 'react-i18next';
import type { ServiceDashboard } from '../../../../shared/contract/service/service-dashboard-requests';
import { useFormatters } from '../../i18n/use-formatters';

type Summaries = Record<'byPriority' | 'byStatus' | 'backlog' | 'sla' | 'csat' | 'nps' | 'categories', string>;

/** One sentence per chart for screen readers: the figures a sighted reader takes from it. */
export function useServiceChartSummaries(dashboard: ServiceDashboard): Summaries {
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  const list = (items: readonly string[]): string => (items.length === 0 ? t('summaries.empty') : items.join(t('summaries.separator')));
  const n = (value: number): string => format.number(value);
  const backlog = dashboard.backlog;
  const weeks = dashboard.slaByWeek.filter((row) => row.attainment !== null);
  const csat = dashboard.csatByMonth.filter((row) => row.responses > 0);
  const nps = dashboard.npsByMonth.filter((row) => row.responses > 0);
  const lastCsat = csat.at(-1);
  const lastNps = nps.at(-1);
  return {
    byPriority: t('summaries.byPriority', {
      items: list(dashboard.openByPriority.map((row) => `${t(`priority.${row.priority}`)} ${n(row.count)}`)),
    }),
    byStatus: t('summaries.byStatus', { items: list(dashboard.openByStatus.map((row) => `${t(`status.${row.status}`)} ${n(row.count)}`)) }),
    backlog:
      backlog.length === 0
        ? t('summaries.empty')
        : t('summaries.backlog', {
            from: format.day(backlog[0]!.week),
            start: n(backlog[0]!.open),
            to: format.day(backlog.at(-1)!.week),
            end: n(backlog.at(-1)!.open),
          }),
    sla:
      weeks.length === 0
        ? t('summaries.empty')
        : t('summaries.sla', {
            met: n(weeks.reduce((sum, row) => sum + row.met, 0)),
            breached: n(weeks.reduce((sum, row) => sum + row.breached, 0)),
            attainment: dashboard.totals.slaAttainment === null ? t('figures.none') : format.percent(dashboard.totals.slaAttainment),
          }),
    csat: lastCsat
      ? t('summaries.csat', { month: format.monthShort(lastCsat.month), average: lastCsat.average?.toFixed(2), count: lastCsat.responses })
      : t('summaries.empty'),
    nps: lastNps
      ? t('summaries.nps', { month: format.monthShort(lastNps.month), score: lastNps.score, count: lastNps.responses })
      : t('summaries.empty'),
    categories: t('summaries.categories', {
      items: list(dashboard.topCategories.map((row) => `${t(`category.${row.category}`, { defaultValue: row.category })} ${n(row.count)}`)),
    }),
  };
}
