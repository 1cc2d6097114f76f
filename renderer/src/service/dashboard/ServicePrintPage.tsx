import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  serviceDashboardFiltersSchema,
  type ServiceDashboard,
  type ServiceDashboardFilters,
} from '../../../../shared/contract/service/service-dashboard-requests';
import type { ReportFilterOptions } from '../../../../shared/contract/reports/report-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import '../../reports/reports.css';
import { usePrintLanguage, usePrintReady } from '../../reports/print/use-print-ready';
import { ServiceCharts } from './ServiceCharts';
import { ServiceKeyFigures, signed } from './ServiceKeyFigures';
import { periodLabel } from './period-label';
import { useServiceDashboard } from './use-service-dashboard';

function readFilters(raw: string | null): ServiceDashboardFilters {
  try {
    const parsed = serviceDashboardFiltersSchema.safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    // A hand-edited URL prints the unfiltered report rather than nothing.
    return {};
  }
}

/** The "Service report": the dashboard's figures, its charts, and the tables behind them in exact numbers. */
export function ServicePrintPage() {
  const [params] = useSearchParams();
  const languageReady = usePrintLanguage();
  const filters = readFilters(params.get('filters'));
  const { dashboard } = useServiceDashboard(filters);
  const names = useFilterNames(filters.ownerId !== undefined || filters.teamId !== undefined);
  usePrintReady(languageReady && dashboard !== null && names !== null);
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  if (!dashboard) return <div className="print-page" />;
  const filterText = [
    periodLabel(filters, dashboard.asOf, format.month),
    filters.priority ? `${t('filters.priority')}: ${t(`priority.${filters.priority}`)}` : '',
    filters.ownerId ? `${t('filters.owner')}: ${names?.get(filters.ownerId) ?? filters.ownerId}` : '',
    filters.teamId ? `${t('filters.team')}: ${names?.get(filters.teamId) ?? filters.teamId}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <article className="print-page" data-testid="print-service">
      <header className="print-title-block">
        <h1>{t('print.title')}</h1>
        <p>{t('print.generated', { date: format.day(dashboard.asOf.slice(0, 10)) })}</p>
        <p className="print-filters">
          <strong>{t('print.filters')}:</strong> {filterText}
        </p>
      </header>
      <h2>{t('print.keyFigures')}</h2>
      <ServiceKeyFigures dashboard={dashboard} />
      <ExactFigures dashboard={dashboard} />
      <ServiceCharts dashboard={dashboard} mode="print" />
      <MonthTable dashboard={dashboard} />
    </article>
  );
}

/** Rep and team names for the filter line; an empty map when no filter names one (nothing to wait for). */
function useFilterNames(needed: boolean): ReadonlyMap<string, string> | null {
  const client = useCrmClient();
  const [names, setNames] = useState<ReadonlyMap<string, string> | null>(needed ? null : new Map());
  useEffect(() => {
    if (!needed) return;
    void client.send('reports.filterOptions', {}).then((result) => {
      const options: ReadonlyArray<ReportFilterOptions['owners'][number]> = result.ok
        ? [...result.value.owners, ...result.value.teams]
        : [];
      setNames(new Map(options.map((option) => [option.id, option.label])));
    });
  }, [client, needed]);
  return names;
}

function ExactFigures({ dashboard }: { readonly dashboard: ServiceDashboard }) {
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  const { totals } = dashboard;
  const minutes = (value: number | null): string => (value === null ? '—' : t('print.minutes', { value: format.number(value) }));
  const rows: Array<[string, string]> = [
    [t('figures.open'), format.number(totals.open)],
    [t('print.breachedOpen'), format.number(totals.breachedOpen)],
    [t('print.atRiskOpen'), format.number(totals.atRiskOpen)],
    [t('print.openedInPeriod'), format.number(totals.openedInPeriod)],
    [t('figures.resolved'), format.number(totals.resolvedInPeriod)],
    [t('figures.slaAttainment'), totals.slaAttainment === null ? '—' : format.percent(totals.slaAttainment)],
    [t('print.firstResponseMedian'), minutes(totals.firstResponse.medianMinutes)],
    [t('print.firstResponseP90'), minutes(totals.firstResponse.p90Minutes)],
    [t('print.resolutionMedian'), minutes(totals.resolution.medianMinutes)],
    [t('print.resolutionP90'), minutes(totals.resolution.p90Minutes)],
    [
      t('figures.csat'),
      totals.csat.average === null ? '—' : `${totals.csat.average.toFixed(2)} (${t('print.answers', { count: totals.csat.responses })})`,
    ],
    [
      t('figures.nps'),
      totals.nps.score === null
        ? '—'
        : `${signed(totals.nps.score)} (${t('print.npsBreakdown', { responses: totals.nps.responses, promoters: totals.nps.promoters, passives: totals.nps.passives, detractors: totals.nps.detractors })})`,
    ],
  ];
  return (
    <section className="print-section">
      <table className="print-table" data-testid="print-service-figures">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function MonthTable({ dashboard }: { readonly dashboard: ServiceDashboard }) {
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  return (
    <section className="print-section">
      <h2>{t('print.byMonth')}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th>{t('print.month')}</th>
            <th className="num">{t('charts.csatAverage')}</th>
            <th className="num">{t('print.csatAnswers')}</th>
            <th className="num">{t('charts.npsScore')}</th>
            <th className="num">{t('print.npsAnswers')}</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.csatByMonth.map((row, i) => {
            const nps = dashboard.npsByMonth[i];
            return (
              <tr key={row.month}>
                <td>{format.month(row.month)}</td>
                <td className="num">{row.average === null ? '—' : row.average.toFixed(2)}</td>
                <td className="num">{format.number(row.responses)}</td>
                <td className="num">{nps?.score == null ? '—' : signed(nps.score)}</td>
                <td className="num">{format.number(nps?.responses ?? 0)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
