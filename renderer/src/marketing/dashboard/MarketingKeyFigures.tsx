import { useTranslation } from 'react-i18next';
import type { MarketingDashboard } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { useCompactMoney } from '../../reports/dashboard-format';

type Figure = { readonly id: string; readonly label: string; readonly value: string; readonly full?: string; readonly detail?: string };

/** Spend, budget, attributed revenue, ROI, leads and cost per lead in the dashboard's currency; `exact` for print. */
export function MarketingKeyFigures({ dashboard, exact = false }: { readonly dashboard: MarketingDashboard; readonly exact?: boolean }) {
  const { t } = useTranslation('marketing-dashboard');
  const { t: tm } = useTranslation('marketing');
  const format = useFormatters();
  const compact = useCompactMoney();
  const { totals, currency } = dashboard;
  const money = (value: number): Pick<Figure, 'value' | 'full'> =>
    exact ? { value: format.money(value, currency) } : { value: compact(value, currency), full: format.money(value, currency) };
  const none = t('figures.none');
  const figures: Figure[] = [
    {
      id: 'spend',
      label: t('figures.spend'),
      ...money(totals.actualCost),
      detail: t('figures.campaigns', { count: totals.campaigns, formatted: format.number(totals.campaigns) }),
    },
    {
      id: 'budget',
      label: t('figures.budget'),
      ...money(totals.budget),
      detail: totals.budget === 0 ? none : t('figures.budgetUsed', { share: format.percent(totals.actualCost / totals.budget) }),
    },
    {
      id: 'revenue',
      label: t('figures.revenue'),
      ...money(totals.revenue),
      detail: tm(`attributionModel.${dashboard.model}`),
    },
    {
      id: 'roi',
      label: t('figures.roi'),
      value: totals.roi === null ? none : format.percent(totals.roi),
      detail: t('figures.wonDeals', {
        count: Math.round(totals.wonDeals),
        formatted: format.number(Math.round(totals.wonDeals * 10) / 10),
      }),
    },
    {
      id: 'leads',
      label: t('figures.leads'),
      value: format.number(totals.leads),
      detail: t('figures.members', { count: totals.members, formatted: format.number(totals.members) }),
    },
    {
      id: 'cost-per-lead',
      label: t('figures.costPerLead'),
      ...(totals.costPerLead === null ? { value: none } : money(totals.costPerLead)),
    },
  ];
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figure" data-testid={`marketing-figure-${figure.id}`} title={figure.full}>
          <dt>{figure.label}</dt>
          <dd className="key-figure-value">
            {figure.full ? (
              <>
                <span aria-hidden="true">{figure.value}</span>
                <span className="visually-hidden">{figure.full}</span>
              </>
            ) : (
              figure.value
            )}
          </dd>
          {figure.detail ? <dd className="key-figure-detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
