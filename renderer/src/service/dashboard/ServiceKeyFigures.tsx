import { useTranslation } from 'react-i18next';
import type { ServiceDashboard } from '../../../../shared/contract/service/service-dashboard-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { useDuration } from './use-duration';

type Figure = { readonly id: string; readonly label: string; readonly value: string; readonly detail?: string };

/** The dashboard's headline numbers; NPS always carries the count of answers it rests on. */
export function ServiceKeyFigures({ dashboard }: { readonly dashboard: ServiceDashboard }) {
  const { t } = useTranslation('service-dashboard');
  const format = useFormatters();
  const duration = useDuration();
  const { totals } = dashboard;
  const percent = (value: number | null): string => (value === null ? t('figures.none') : format.percent(value));
  const figures: Figure[] = [
    {
      id: 'open',
      label: t('figures.open'),
      value: format.number(totals.open),
      detail: t('figures.openDetail', { breached: format.number(totals.breachedOpen), atRisk: format.number(totals.atRiskOpen) }),
    },
    {
      id: 'resolved',
      label: t('figures.resolved'),
      value: format.number(totals.resolvedInPeriod),
      detail: t('figures.opened', { count: totals.openedInPeriod, formatted: format.number(totals.openedInPeriod) }),
    },
    { id: 'sla', label: t('figures.slaAttainment'), value: percent(totals.slaAttainment) },
    {
      id: 'first-response',
      label: t('figures.firstResponse'),
      value: duration(totals.firstResponse.medianMinutes, true),
      detail: t('figures.medianP90', { value: duration(totals.firstResponse.p90Minutes, true) }),
    },
    {
      id: 'resolution',
      label: t('figures.resolution'),
      value: duration(totals.resolution.medianMinutes, true),
      detail: t('figures.medianP90', { value: duration(totals.resolution.p90Minutes, true) }),
    },
    {
      id: 'csat',
      label: t('figures.csat'),
      value: totals.csat.average === null ? t('figures.none') : t('figures.csatValue', { value: totals.csat.average.toFixed(2) }),
      detail: t('figures.responses', { count: totals.csat.responses, formatted: format.number(totals.csat.responses) }),
    },
    {
      id: 'nps',
      label: t('figures.nps'),
      value: totals.nps.score === null ? t('figures.none') : signed(totals.nps.score),
      detail: t('figures.responses', { count: totals.nps.responses, formatted: format.number(totals.nps.responses) }),
    },
  ];
  return (
    <dl className="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figure" data-testid={`service-figure-${figure.id}`}>
          <dt>{figure.label}</dt>
          <dd className="key-figure-value">{figure.value}</dd>
          {figure.detail ? <dd className="key-figure-detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

/** NPS is quoted with its sign: +25, −10, 0. */
export const signed = (score: number): string => (score > 0 ? `+${score}` : score < 0 ? `−${Math.abs(score)}` : '0');
