import { useTranslation } from 'react-i18next';
import { CASE_PRIORITIES } from '../../../../shared/schemas/cases';
import { FilterSelect, useReportFilterOptions } from '../../reports/FilterSelect';
import { SERVICE_PERIODS, type ServiceFilterState, type ServicePeriod } from './service-filters';

/** Owner, team, priority and period, like the sales dashboard's filter bar (owners and teams from the same options). */
export function ServiceFilterBar({
  value,
  onChange,
}: {
  readonly value: ServiceFilterState;
  readonly onChange: (next: ServiceFilterState) => void;
}) {
  const { t } = useTranslation('service-dashboard');
  const options = useReportFilterOptions();
  const set = (field: 'ownerId' | 'teamId' | 'priority', next: string): void =>
    onChange({ ...value, [field]: next === '' ? undefined : next });
  const select = (field: 'ownerId' | 'teamId' | 'priority', label: string, items: ReadonlyArray<{ id: string; label: string }>) => (
    <FilterSelect
      label={label}
      allLabel={t('filters.all')}
      value={value[field]}
      items={items}
      testId={`service-filter-${field}`}
      onChange={(next) => set(field, next)}
    />
  );
  return (
    <div className="dashboard-filters" role="group" aria-label={t('filters.label')}>
      {select('ownerId', t('filters.owner'), options?.owners ?? [])}
      {select('teamId', t('filters.team'), options?.teams ?? [])}
      {select(
        'priority',
        t('filters.priority'),
        CASE_PRIORITIES.map((priority) => ({ id: priority, label: t(`priority.${priority}`) })),
      )}
      <label className="filter-field">
        <span>{t('filters.period')}</span>
        <select
          value={value.period}
          onChange={(event) => onChange({ ...value, period: event.target.value as ServicePeriod })}
          data-testid="service-filter-period"
        >
          {SERVICE_PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`filters.periods.${period}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
