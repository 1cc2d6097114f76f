import { useTranslation } from 'react-i18next';
import type { CrmError } from '../../../../shared/contract';
import type { ImportField, ImportIssue, ImportRowDuplicates } from '../../../../shared/contract/customers/import-requests';
import { LoadingState } from '../../common/StateViews';
import { ImportDuplicateNote, ImportDuplicateSummary } from '../duplicates/ImportDuplicateNote';
import { fieldLabel, issueText } from './import-text';
import type { ParsedCsv } from './parse-csv';

type ImportPreviewProps = {
  readonly csv: ParsedCsv;
  readonly mapping: ReadonlyArray<ImportField | null>;
  readonly rows: number;
  /** The core's verdict on the previewed rows; undefined while it is being asked. */
  readonly issues: ReadonlyArray<ImportIssue> | undefined;
  /** Rows that look like stored records or other rows of the file; undefined while asked. */
  readonly duplicates?: ReadonlyArray<ImportRowDuplicates>;
  readonly error: CrmError | undefined;
  readonly onBack: () => void;
  readonly onStart: () => void;
};

/** The first rows as mapped fields, with the problems the core found in each row beside it. */
export function ImportPreview({ csv, mapping, rows, issues, duplicates, error, onBack, onStart }: ImportPreviewProps) {
  const { t } = useTranslation('customers-list');
  const columns = mapping.flatMap((field, index) => (field ? [{ field, index }] : []));
  const shown = csv.rows.slice(0, rows);
  const byRow = new Map<number, ImportIssue[]>();
  for (const issue of issues ?? []) byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), issue]);
  // Fixed widths: every row is its own grid, and only fixed tracks line up from row to row. The
  // problems come right after the row number, so they stay in view however many columns scroll.
  const template = `48px 260px repeat(${columns.length}, 140px)`;

  return (
    <div className="preview-step">
      <p className="muted">{t('import.previewHelp', { count: shown.length })}</p>
      {error ? (
        <p className="form-error" role="alert">
          {t('import.failed')}: {error.message}
        </p>
      ) : null}
      {issues === undefined && !error ? <LoadingState /> : null}
      {issues !== undefined ? (
        <p className={issues.length === 0 ? 'note-ok' : 'note-warn'} role="status" data-testid="preview-status">
          {issues.length === 0 ? t('import.previewOk') : t('import.previewIssues', { count: issues.length })}
        </p>
      ) : null}
      {duplicates && duplicates.length > 0 ? <ImportDuplicateSummary rows={duplicates.length} /> : null}
      <div className="preview-table" role="table" aria-label={t('import.steps.preview')}>
        <div className="preview-row preview-head" role="row" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">{t('import.row')}</span>
          <span role="columnheader">{t('import.messageHeader')}</span>
          {columns.map(({ field }) => (
            <span role="columnheader" key={field}>
              {fieldLabel(t, field)}
            </span>
          ))}
        </div>
        {shown.map((cells, index) => {
          const row = index + 2;
          const rowIssues = byRow.get(row) ?? [];
          return (
            <div
              key={row}
              role="row"
              data-row={row}
              className={rowIssues.length > 0 ? 'preview-row has-issue' : 'preview-row'}
              style={{ gridTemplateColumns: template }}
            >
              <span role="cell" className="muted">
                {row}
              </span>
              <span role="cell" className="preview-issues">
                {rowIssues.map((issue) => issueText(t, issue)).join('; ')}
                <ImportDuplicateNote duplicates={duplicates?.find((entry) => entry.row === row)} />
              </span>
              {columns.map(({ field, index: column }) => (
                <span
                  role="cell"
                  key={field}
                  data-field={field}
                  className={rowIssues.some((issue) => issue.field === field) ? 'cell-bad' : undefined}
                >
                  {(cells[column] ?? '').slice(0, 120)}
                </span>
              ))}
            </div>
          );
        })}
      </div>
      <footer className="modal-footer">
        <span />
        <div className="button-row">
          <button type="button" className="button secondary" onClick={onBack}>
            {t('import.back')}
          </button>
          <button type="button" className="button" onClick={onStart} disabled={issues === undefined} data-testid="import-start">
            {t('import.start', { count: csv.rows.length })}
          </button>
        </div>
      </footer>
    </div>
  );
}
