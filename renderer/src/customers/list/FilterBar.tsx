import { useTranslation } from 'react-i18next';
import { MultiSelect, type Option } from './MultiSelect';
import type { ListFilter } from './use-list-prefs';

export type FilterDef = { readonly key: string; readonly label: string; readonly options: ReadonlyArray<Option> };

type FilterBarProps = {
  readonly defs: ReadonlyArray<FilterDef>;
  readonly filter: ListFilter;
  readonly onChange: (filter: ListFilter) => void;
};

/** One multi-select per filterable field, and "Clear filters" once any is set. */
export function FilterBar({ defs, filter, onChange }: FilterBarProps) {
  const { t } = useTranslation('customers-list');
  const active = Object.values(filter).some((values) => values.length > 0);
  const set = (key: string, values: ReadonlyArray<string>): void => {
    const next: Record<string, ReadonlyArray<string>> = { ...filter };
    if (values.length > 0) next[key] = values;
    else delete next[key];
    onChange(next);
  };
  return (
    <div className="filter-bar" role="group" aria-label={t('filters.label')}>
      {defs.map((def) => (
        <MultiSelect
          key={def.key}
          label={def.label}
          options={def.options}
          selected={filter[def.key] ?? []}
          onChange={(values) => set(def.key, values)}
          testId={`filter-${def.key}`}
        />
      ))}
      {active ? (
        <button type="button" className="link-button" onClick={() => onChange({})} data-testid="clear-filters">
          {t('filters.clear')}
        </button>
      ) : null}
    </div>
  );
}
