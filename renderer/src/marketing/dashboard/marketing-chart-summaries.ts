import { useTranslation } from 'react-i18next';
import type { MarketingDashboard } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { useFormatters } from '../../i18n/use-formatters';

type Summaries = Record<'spend' | 'roiByCampaign' | 'roiByType' | 'leads' | 'funnel' | 'segments', string>;

/** One sentence per chart for screen readers: the figures a sighted reader takes from it. */
export function useMarketingChartSummaries(dashboard: MarketingDashboard): Summaries {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const list = (items: readonly string[]): string => (items.length === 0 ? t('summaries.empty') : items.join(t('summaries.separator')));
  const roi = (value: number | null): string => (value === null ? t('figures.noCost') : format.percent(value));
  const { currency } = dashboard;
  const inCurrency = dashboard.campaigns.filter((c) => c.currency === currency);
  const leads = dashboard.leadsByMonth;
  return {
    spend: t('summaries.spend', {
      items: list(
        inCurrency.map((c) =>
          t('summaries.spendItem', { name: c.name, spend: format.money(c.actualCost, currency), budget: format.money(c.budget, currency) }),
        ),
      ),
    }),
    roiByCampaign: t('summaries.roiByCampaign', {
      model: tm(`attributionModel.${dashboard.model}`),
      items: list(dashboard.campaigns.map((c) => `${c.name} ${roi(c.roi)}`)),
    }),
    roiByType: t('summaries.roiByType', {
      items: list(
        dashboard.roiByType
          .filter((row) => row.currency === currency)
          .map(
            (row) =>
              `${tm(`campaignType.${row.type}`)}: ${(['first_touch', 'last_touch', 'even_split'] as const)
                .map((m) => `${tm(`attributionModel.${m}`)} ${roi(row.byModel[m].roi)}`)
                .join(', ')}`,
          ),
      ),
    }),
    leads:
      leads.length === 0
        ? t('summaries.empty')
        : t('summaries.leads', {
            from: format.monthShort(leads[0]!.month),
            to: format.monthShort(leads.at(-1)!.month),
            campaign: format.number(leads.reduce((sum, row) => sum + row.campaign, 0)),
            other: format.number(leads.reduce((sum, row) => sum + row.noCampaign, 0)),
          }),
    funnel: t('summaries.funnel', {
      items: list(dashboard.funnel.map((row) => `${tm(`memberStatus.${row.stage}`)} ${format.number(row.count)}`)),
    }),
    segments:
      dashboard.segments.status === 'unavailable'
        ? t('charts.segmentsUnavailable')
        : t('summaries.segments', { items: list(dashboard.segments.rows.map((row) => `${row.name} ${format.number(row.count)}`)) }),
  };
}
