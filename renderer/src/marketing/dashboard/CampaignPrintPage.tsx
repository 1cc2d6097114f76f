import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  DEFAULT_ATTRIBUTION_MODEL,
  marketingDashboardFiltersSchema,
  type MarketingDashboardFilters,
} from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import type { ReportFilterOptions } from '../../../../shared/contract/reports/report-requests';
import { useFormatters } from '../../i18n/use-formatters';
import '../../reports/reports.css';
import { usePrintLanguage, usePrintReady } from '../../reports/print/use-print-ready';
import { useCrmClient } from '../../transport/client-context';
import { CampaignTables } from './CampaignTables';
import { MarketingCharts } from './MarketingCharts';
import { MarketingKeyFigures } from './MarketingKeyFigures';
import { Notes } from './MarketingDashboardPage';
import './marketing-dashboard.css';
import { useMarketingDashboard } from './use-marketing-dashboard';

function readFilters(raw: string | null): MarketingDashboardFilters {
  try {
    const parsed = marketingDashboardFiltersSchema.safeParse(JSON.parse(raw ?? '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    // A hand-edited URL prints the unfiltered report rather than nothing.
    return {};
  }
}

/** The "Campaign report": the dashboard's figures and charts, and the tables behind them in exact numbers. */
export function CampaignPrintPage() {
  const [params] = useSearchParams();
  const languageReady = usePrintLanguage();
  const filters = readFilters(params.get('filters'));
  const { dashboard } = useMarketingDashboard(filters);
  const names = useFilterNames(filters.ownerId !== undefined || filters.teamId !== undefined);
  usePrintReady(languageReady && dashboard !== null && names !== null);
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  if (!dashboard) return <div className="print-page" />;
  const months = dashboard.leadsByMonth;
  const filterText = [
    months.length > 0 ? `${format.month(months[0]!.month)} – ${format.month(months.at(-1)!.month)}` : '',
    `${t('filters.model')}: ${tm(`attributionModel.${filters.model ?? DEFAULT_ATTRIBUTION_MODEL}`)}`,
    `${t('filters.currency')}: ${dashboard.currency}`,
    filters.campaignType ? `${t('filters.campaignType')}: ${tm(`campaignType.${filters.campaignType}`)}` : '',
    filters.ownerId ? `${t('filters.owner')}: ${names?.get(filters.ownerId) ?? filters.ownerId}` : '',
    filters.teamId ? `${t('filters.team')}: ${names?.get(filters.teamId) ?? filters.teamId}` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <article className="print-page" data-testid="print-campaign">
      <header className="print-title-block">
        <h1>{t('print.title')}</h1>
        <p>{t('print.generated', { date: format.day(dashboard.asOf) })}</p>
        <p className="print-filters">
          <strong>{t('print.filters')}:</strong> {filterText}
        </p>
      </header>
      <h2>{t('print.keyFigures')}</h2>
      <MarketingKeyFigures dashboard={dashboard} exact />
      <p className="print-roi" data-testid="print-roi">
        {t('print.roiLine', {
          roi: dashboard.totals.roi === null ? t('figures.noCost') : format.percent(dashboard.totals.roi),
          currency: dashboard.currency,
          model: tm(`attributionModel.${dashboard.model}`),
        })}
      </p>
      <Notes dashboard={dashboard} />
      <MarketingCharts dashboard={dashboard} mode="print" />
      <CampaignTables dashboard={dashboard} />
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
