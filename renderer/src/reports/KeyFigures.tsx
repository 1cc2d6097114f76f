import { useTranslation } from 'react-i18next';
import type { SalesDashboard } from '../../../shared/contract/reports/report-requests';
import { useFormatters } from '../i18n/use-formatters';

export function KeyFigures({ dashboard }: { readonly dashboard: SalesDashboard }) {
  const { t } = useTranslation('reports');
  const format = useFormatters();
  const { totals, currency } = dashboard;
  const money = (value: number): string => format.money(value, currency);
  const figures: Array<{ id: string; label: string; value: string; detail?: string }> = [
    {
      id: 'open-pipeline',
      label: t('figures.openPipeline'),
      value: money(totals.openPipeline),
      detail: t('figures.deals', { count: totals.openCount }),
    },
    { id: 'weighted', label: t('figures.weighted'), value: money(totals.weighted) },
    { id: 'commit', label: t('figures.commit'), value: money(totals.commit), detail: `${t('figures.bestCase')} ${money(totals.bestCase)}` },
    {
      id: 'closed-won',
      label: t('figures.closedWon'),
      value: money(totals.closedWon),
      detail: t('figures.deals', { count: totals.wonCount }),
    },
    { id: 'win-rate', label: t('figures.winRate'), value: totals.winRate === null ? t('figures.none') : format.percent(totals.winRate) },
    {
      id: 'cycle',
      label: t('figures.avgCycle'),
      value: totals.avgCycleDays === null ? t('figures.none') : t('figures.days', { value: Math.round(totals.avgCycleDays) }),
    },
    { id: 'quota', label: t('figures.quota'), value: totals.quota === null ? t('figures.none') : money(totals.quota) },
  ];
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figure" data-testid={`figure-${figure.id}`}>
          <dt>{figure.label}</dt>
          <dd>{figure.value}</dd>
          {figure.detail ? <dd className="key-figure-detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
