import { useTranslation } from 'react-i18next';
import { Popover } from './Popover';

export type Option = { readonly value: string; readonly label: string };

type MultiSelectProps = {
  readonly label: string;
  readonly options: ReadonlyArray<Option>;
  readonly selected: ReadonlyArray<string>;
  readonly onChange: (selected: ReadonlyArray<string>) => void;
  readonly testId?: string;
};

/** A filter chip: "Status" when nothing is chosen, "Status: Active" or "Status: 2 selected" otherwise. */
export function MultiSelect({ label, options, selected, onChange, testId }: MultiSelectProps) {
  const { t } = useTranslation('customers-list');
  const chosen = options.filter((option) => selected.includes(option.value));
  const summary =
    chosen.length === 0
      ? label
      : chosen.length === 1
        ? `${label}: ${chosen[0]?.label ?? ''}`
        : `${label}: ${t('filters.selected', { count: chosen.length })}`;
  const toggle = (value: string): void =>
    onChange(selected.includes(value) ? selected.filter((item) => item !== value) : [...selected, value]);

  return (
    <Popover label={summary} active={chosen.length > 0} testId={testId}>
      {() => (
        <div className="option-list" role="group" aria-label={label}>
          {options.length === 0 ? <p className="muted option-empty">{t('filters.noOptions')}</p> : null}
          {options.map((option) => (
            <label key={option.value} className="option">
              <input type="checkbox" checked={selected.includes(option.value)} onChange={() => toggle(option.value)} />
              <span>{option.label}</span>
            </label>
          ))}
          {selected.length > 0 ? (
            <button type="button" className="link-button" onClick={() => onChange([])}>
              {t('filters.clearOne', { name: label })}
            </button>
          ) : null}
        </div>
      )}
    </Popover>
  );
}
