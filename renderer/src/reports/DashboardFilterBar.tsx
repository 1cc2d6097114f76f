import { useTranslation } from 'react-i18next';
import type { DashboardFilters } from '../../../shared/contract/reports/report-requests';
import { FilterSelect, useReportFilterOptions } from './FilterSelect';

export const PERIOD_PRESETS = ['all', 'thisQuarter', 'nextTwoQuarters', 'thisYear', 'last12'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

const monthKey = (year: number, month: number): string => {
  const date = new Date(Date.UTC(year, month, 1));
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** Presets resolve to months in the rep's calendar, so "this quarter" follows their clock. */
export function periodRange(preset: PeriodPreset, today: Date = new Date()): Pick<DashboardFilters, 'from' | 'to'> {
  const y = today.getFullYear();
  const m = today.getMonth();
  const q = m - (m % 3);
  switch (preset) {
    case 'thisQuarter':
      return { from: monthKey(y, q), to: monthKey(y, q + 2) };
    case 'nextTwoQuarters':
      return { from: monthKey(y, q), to: monthKey(y, q + 5) };
    case 'thisYear':
      return { from: monthKey(y, 0), to: monthKey(y, 11) };
    case 'last12':
      return { from: monthKey(y, m - 11), to: monthKey(y, m) };
    default:
      return {};
  }
}

export type FilterState = Omit<DashboardFilters, 'from' | 'to'> & { readonly period: PeriodPreset };

export function toFilters(state: FilterState): DashboardFilters {
  const { period, ...rest } = state;
  return Object.fromEntries(
    Object.entries({ ...rest, ...periodRange(period) }).filter(([, value]) => value !== undefined && value !== ''),
  ) as DashboardFilters;
}

export function DashboardFilterBar({
  value,
  currencies,
  onChange,
}: {
  readonly value: FilterState;
  readonly currencies: ReadonlyArray<string>;
  readonly onChange: (next: FilterState) => void;
}) {
  const { t } = useTranslation('reports');
  const options = useReportFilterOptions();
  const set = (field: keyof FilterState, next: string): void => onChange({ ...value, [field]: next === '' ? undefined : next });
  const select = (
    field: 'ownerId' | 'teamId' | 'region' | 'productId' | 'currency',
    label: string,
    items: ReadonlyArray<{ id: string; label: string }>,
  ) => (
    <FilterSelect
      label={label}
      allLabel={t('filters.all')}
      value={value[field]}
      items={items}
      testId={`filter-${field}`}
      onChange={(next) => set(field, next)}
    />
  );
  return (
    <div className="dashboard-filters" role="group" aria-label={t('filters.label')}>
      {select('ownerId', t('filters.owner'), options?.owners ?? [])}
      {select('teamId', t('filters.team'), options?.teams ?? [])}
      {select(
        'region',
        t('filters.region'),
        (options?.regions ?? []).map((region) => ({ id: region, label: t(`regions.${region}`, { defaultValue: region }) })),
      )}
      {select('productId', t('filters.product'), options?.products ?? [])}
      <label className="filter-field">
        <span>{t('filters.period')}</span>
        <select
          value={value.period}
          onChange={(event) => onChange({ ...value, period: event.target.value as PeriodPreset })}
          data-testid="filter-period"
        >
          {PERIOD_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {t(`filters.periods.${preset}`)}
            </option>
          ))}
        </select>
      </label>
      {select(
        'currency',
        t('filters.currency'),
        currencies.map((currency) => ({ id: currency, label: currency })),
      )}
    </div>
  );
}
