import { useTranslation } from 'react-i18next';
import type { SalesDashboard } from '../../../shared/contract/reports/report-requests';
import { useFormatters } from '../i18n/use-formatters';
import { useCompactMoney } from './dashboard-format';

type Figure = {
  readonly id: string;
  readonly label: string;
  /** What the card shows (compact for money). */
  readonly value: string;
  /** The exact value, for the tooltip and screen readers, when `value` rounds it. */
  readonly full?: string;
  readonly detail?: string;
};

/** `exact`: full amounts instead of compact ones (a printed report has no tooltip to show them). */
export function KeyFigures({ dashboard, exact = false }: { readonly dashboard: SalesDashboard; readonly exact?: boolean }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const compact = useCompactMoney();
  const { totals, currency } = dashboard;
  const money = (value: number): Pick<Figure, 'value' | 'full'> =>
    exact ? { value: format.money(value, currency) } : { value: compact(value, currency), full: format.money(value, currency) };
  const figures: Figure[] = [
    {
      id: 'open-pipeline',
      label: t('figures.openPipeline'),
      ...money(totals.openPipeline),
      detail: t('figures.deals', { count: totals.openCount }),
    },
    { id: 'weighted', label: t('figures.weighted'), ...money(totals.weighted) },
    {
      id: 'commit',
      label: t('figures.commit'),
      ...money(totals.commit),
      detail: `${t('figures.bestCase')} ${money(totals.bestCase).value}`,
    },
    { id: 'closed-won', label: t('figures.closedWon'), ...money(totals.closedWon), detail: t('figures.deals', { count: totals.wonCount }) },
    { id: 'win-rate', label: t('figures.winRate'), value: totals.winRate === null ? t('figures.none') : format.percent(totals.winRate) },
    {
      id: 'cycle',
      label: t('figures.avgCycle'),
      value: totals.avgCycleDays === null ? t('figures.none') : t('figures.days', { value: Math.round(totals.avgCycleDays) }),
    },
    { id: 'quota', label: t('figures.quota'), ...(totals.quota === null ? { value: t('figures.none') } : money(totals.quota)) },
  ];
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figure" data-testid={`figure-${figure.id}`} title={figure.full}>
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
