import { useTranslation } from 'react-i18next';
import type { ImportRowDuplicates } from '../../../../shared/contract/customers/import-requests';
import { useFormatters } from '../../i18n/use-formatters';
import { reasonsText, scoreText } from './duplicate-text';
import { WarningIcon } from './DuplicateWarning';
import './duplicates.css';

/**
 * One import preview row's likely duplicates: the likeliest stored record by name (the rest
 * counted) and the file's other rows it looks like, the evidence in the tooltip. No link: leaving
 * the dialog would lose the mapping; after the import the duplicates queue offers the merge.
 */
export function ImportDuplicateNote({ duplicates }: { readonly duplicates: ImportRowDuplicates | undefined }) {
  const { t } = useTranslation('duplicates');
  const format = useFormatters();
  if (!duplicates) return null;
  const [first, ...rest] = duplicates.existing;
  const lines: string[] = [];
  if (first) {
    lines.push(
      rest.length > 0 ? t('warning.importRowMore', { name: first.name, count: rest.length }) : t('warning.importRow', { name: first.name }),
    );
  }
  if (duplicates.rows.length > 0) {
    lines.push(t('warning.importInFile', { count: duplicates.rows.length, rows: duplicates.rows.map((other) => other.row).join(', ') }));
  }
  if (lines.length === 0) return null;
  const detail = [
    ...duplicates.existing.map(
      (candidate) => `${candidate.name}: ${scoreText(t, format, candidate.score)}, ${reasonsText(t, candidate.reasons)}`,
    ),
    ...duplicates.rows.map(
      (other) => `${t('warning.fileRow', { row: other.row })}: ${scoreText(t, format, other.score)}, ${reasonsText(t, other.reasons)}`,
    ),
  ].join('\n');
  const why = first ? reasonsText(t, first.reasons) : reasonsText(t, duplicates.rows[0]?.reasons ?? []);
  return (
    <span className="dup-import-note" title={detail} data-testid="import-duplicate">
      <WarningIcon />
      <span>
        {lines.join(' ')}
        <span className="visually-hidden"> ({why})</span>
      </span>
    </span>
  );
}

/** Above the preview table: how many previewed rows look like existing records, and that they import anyway. */
export function ImportDuplicateSummary({ rows }: { readonly rows: number }) {
  const { t } = useTranslation('duplicates');
  return (
    <p className="note-warn dup-import-summary" role="status" data-testid="import-duplicates-summary">
      {t('warning.importSummary', { count: rows })}
    </p>
  );
}
