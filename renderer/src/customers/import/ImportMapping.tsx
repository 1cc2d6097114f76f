import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
} from '../../../../shared/contract/customers/import-requests';
import { missingRequired } from './guess-mapping';
import { ImportDefaultsFields } from './ImportDefaultsFields';
import { fieldLabel } from './import-text';
import type { ParsedCsv } from './parse-csv';

type ImportMappingProps = {
  readonly entity: ImportEntity;
  readonly fileName: string;
  readonly csv: ParsedCsv;
  readonly mapping: ReadonlyArray<ImportField | null>;
  readonly defaults: ImportDefaults;
  readonly onChange: (mapping: ReadonlyArray<ImportField | null>) => void;
  readonly onDefaultsChange: (defaults: ImportDefaults) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
};

/**
 * One row per CSV column: its header, a sample value, and the field it fills (or "ignore"); for
 * accounts, the values empty cells get. Next waits until every required field has a column or a value.
 */
export function ImportMapping({
  entity,
  fileName,
  csv,
  mapping,
  defaults,
  onChange,
  onDefaultsChange,
  onBack,
  onNext,
}: ImportMappingProps) {
  const { t } = useTranslation('customers-list');
  const fields = IMPORT_FIELDS[entity] as ReadonlyArray<ImportField>;
  const missing = missingRequired(entity, mapping, defaults);
  const sample = (column: number): string => csv.rows.find((row) => (row[column] ?? '').trim() !== '')?.[column] ?? '';

  const choose = (column: number, value: string): void => {
    const field = value === '' ? null : (value as ImportField);
    // A field fills one column: choosing it here frees it elsewhere.
    onChange(mapping.map((current, index) => (index === column ? field : current === field ? null : current)));
  };

  return (
    <div className="mapping-step">
      <p className="muted">
        {t('import.fileInfo', { name: fileName, rows: csv.rows.length, columns: csv.headers.length })} · {t('import.mappingHelp')}
      </p>
      <div className="mapping-table" role="table" aria-label={t('import.steps.mapping')}>
        <div className="mapping-row mapping-head" role="row">
          <span role="columnheader">{t('import.column')}</span>
          <span role="columnheader">{t('import.sample')}</span>
          <span role="columnheader">{t('import.field')}</span>
        </div>
        {csv.headers.map((header, column) => (
          <div className="mapping-row" role="row" key={`${column}-${header}`}>
            <span role="cell" className="mapping-header">
              {header || `#${column + 1}`}
            </span>
            <span role="cell" className="mapping-sample" title={sample(column)}>
              {sample(column).slice(0, 80)}
            </span>
            <span role="cell">
              <select
                className="select"
                aria-label={t('import.field') + ': ' + (header || `#${column + 1}`)}
                value={mapping[column] ?? ''}
                onChange={(event) => choose(column, event.target.value)}
              >
                <option value="">{t('import.ignore')}</option>
                {fields.map((field) => (
                  <option key={field} value={field}>
                    {fieldLabel(t, field)}
                  </option>
                ))}
              </select>
            </span>
          </div>
        ))}
      </div>
      {entity === 'accounts' ? <ImportDefaultsFields defaults={defaults} mapping={mapping} onChange={onDefaultsChange} /> : null}
      <footer className="modal-footer">
        {missing.length > 0 ? (
          <span className="form-error" role="status" data-testid="import-missing">
            {t('import.required', { fields: missing.map((field) => fieldLabel(t, field)).join(', ') })}
          </span>
        ) : (
          <span />
        )}
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onBack}>
            {t('import.back')}
          </button>
          <button type="button" className="button" onClick={onNext} disabled={missing.length > 0}>
            {t('import.next')}
          </button>
        </div>
      </footer>
    </div>
  );
}
