import type { TFunction } from 'i18next';
import type { ImportField, ImportIssue } from '../../../../shared/contract/customers/import-requests';
import { toCsv } from '../list/csv';
import type { CsvProblem } from './parse-csv';

type ListT = TFunction<'customers-list'>;

export function fieldLabel(t: ListT, field: ImportField | null): string {
  return field === null ? '' : t(`import.fields.${field}`);
}

/** The translated sentence for an issue; the core's English detail is kept for schema messages. */
export function issueText(t: ListT, issue: ImportIssue): string {
  return t(`import.issue.${issue.code}`, { field: fieldLabel(t, issue.field) || t('import.row'), message: issue.message });
}

export function problemText(t: ListT, problem: CsvProblem): string {
  switch (problem.code) {
    case 'tooLarge':
    case 'tooManyRows':
    case 'tooManyColumns':
      return t(`import.errors.${problem.code}`, { max: problem.max });
    case 'parse':
      return t('import.errors.parse', { message: problem.message });
    default:
      return t(`import.errors.${problem.code}`);
  }
}

/** The rejected rows as a CSV the user can fix and re-import: row, field, problem, detail. */
export function issuesCsv(t: ListT, issues: ReadonlyArray<ImportIssue>): string {
  return toCsv(
    [t('import.row'), t('import.fieldHeader'), t('import.messageHeader'), 'detail'],
    issues.map((issue) => [String(issue.row), fieldLabel(t, issue.field), issueText(t, issue), issue.message]),
  );
}
