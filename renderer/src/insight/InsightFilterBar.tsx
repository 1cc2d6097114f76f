import { useTranslation } from 'react-i18next';
import { RFM_SEGMENTS, type CustomersDashboardFilter } from '../../../shared/contract/insight/insight-requests';
import { FilterSelect, useReportFilterOptions } from '../reports/FilterSelect';

type Field = keyof CustomersDashboardFilter;

/** Rep, team, region and segment, with owners, teams and regions from the same options as the sales dashboard. */
export function InsightFilterBar({
  value,
  onChange,
}: {
  readonly value: CustomersDashboardFilter;
  readonly onChange: (next: CustomersDashboardFilter) => void;
}) {
  const { t } = useTranslation('insight');
  const { t: tr } = useTranslation('reports');
  const options = useReportFilterOptions();
  const set = (field: Field, next: string): void => {
    const { [field]: _dropped, ...rest } = value;
    onChange(next === '' ? rest : ({ ...rest, [field]: next } as CustomersDashboardFilter));
  };
  const select = (field: Field, label: string, items: ReadonlyArray<{ id: string; label: string }>) => (
    <FilterSelect
      label={label}
      allLabel={t('filters.all')}
      value={value[field]}
      items={items}
      testId={`insight-filter-${field}`}
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
        (options?.regions ?? []).map((region) => ({ id: region, label: tr(`regions.${region}`, { defaultValue: region }) })),
      )}
      {select(
        'segment',
        t('filters.segment'),
        RFM_SEGMENTS.map((segment) => ({ id: segment, label: t(`segments.${segment}`) })),
      )}
    </div>
  );
}
