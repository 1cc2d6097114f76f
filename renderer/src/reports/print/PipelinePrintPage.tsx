import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dashboardFiltersSchema, type DashboardFilters, type SalesDashboard } from '../../../../shared/contract/reports/report-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { DashboardCharts } from '../DashboardCharts';
import { KeyFigures } from '../KeyFigures';
import { useSalesDashboard } from '../use-sales-dashboard';
import '../reports.css';
import { usePrintLanguage, usePrintReady } from './use-print-ready';

function readFilters(raw: string | null): DashboardFilters {
  try {
    const parsed = dashboardFiltersSchema.safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function PipelinePrintPage() {
  const [params] = useSearchParams();
  const languageReady = usePrintLanguage();
  const filters = readFilters(params.get('filters'));
  const { dashboard } = useSalesDashboard(filters);
  usePrintReady(languageReady && dashboard !== null);
  const { t } = useTranslation('reports');
  const format = useFormatters();
  if (!dashboard) return <div className="print-page" />;
  const filterText =
    Object.entries(filters)
      .map(([key, value]) => `${key}: ${String(value)}`)
      .join(' · ') || t('filters.all');
  return (
    <article className="print-page" data-testid="print-pipeline">
      <header className="print-title-block">
        <h1>{t('print.pipelineTitle')}</h1>
        <p>
          {t('print.generated', { date: format.day(dashboard.asOf) })} · {dashboard.currency}
        </p>
        <p className="print-filters">
          <strong>{t('print.filters')}:</strong> {filterText}
        </p>
      </header>
      <h2>{t('print.keyFigures')}</h2>
      <KeyFigures dashboard={dashboard} exact />
      <DashboardCharts dashboard={dashboard} mode="print" />
      <TopDealsTable dashboard={dashboard} />
      <ForecastTable dashboard={dashboard} />
    </article>
  );
}

function TopDealsTable({ dashboard }: { readonly dashboard: SalesDashboard }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  return (
    <section className="print-section">
      <h2>{t('print.topDeals')}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th>{t('print.deal')}</th>
            <th>{t('print.account')}</th>
            <th>{t('print.owner')}</th>
            <th>{t('print.stage')}</th>
            <th className="num">{t('print.amount')}</th>
            <th className="num">{t('print.probability')}</th>
            <th>{t('print.closeDate')}</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.topDeals.map((deal) => (
            <tr key={deal.id}>
              <td>{deal.name}</td>
              <td>{deal.accountName}</td>
              <td>{deal.ownerName}</td>
              <td>{t(`stages.${deal.stage}`)}</td>
              <td className="num">{format.money(deal.amount, dashboard.currency)}</td>
              <td className="num">{deal.probability}%</td>
              <td>{deal.closeDate}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ForecastTable({ dashboard }: { readonly dashboard: SalesDashboard }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const money = (value: number | null): string => (value === null ? '—' : format.money(value, dashboard.currency));
  return (
    <section className="print-section">
      <h2>{t('print.forecastTable')}</h2>
      <table className="print-table">
        <thead>
          <tr>
            <th>{t('print.quarter')}</th>
            <th className="num">{t('charts.closed')}</th>
            <th className="num">{t('charts.commit')}</th>
            <th className="num">{t('charts.bestCase')}</th>
            <th className="num">{t('charts.pipeline')}</th>
            <th className="num">{t('charts.quota')}</th>
            <th className="num">{t('print.attainment')}</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.forecastByQuarter.map((row) => (
            <tr key={row.period}>
              <td>{row.period}</td>
              <td className="num">{money(row.closed)}</td>
              <td className="num">{money(row.commit)}</td>
              <td className="num">{money(row.bestCase)}</td>
              <td className="num">{money(row.pipeline)}</td>
              <td className="num">{money(row.quota)}</td>
              <td className="num">{row.quota ? format.percent((row.closed + row.commit) / row.quota) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
