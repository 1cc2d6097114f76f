import { useTranslation } from 'react-i18next';
import type { CrmError } from '../../../../shared/contract';
import type { ImportEntity, ImportSummary } from '../../../../shared/contract/customers/import-requests';
import { downloadText } from '../list/csv';
import { fieldLabel, issueText, issuesCsv } from './import-text';

const SHOWN_ISSUES = 50;

type ImportResultProps = {
  readonly entity: ImportEntity;
  readonly summary: ImportSummary | undefined;
  readonly error: CrmError | undefined;
  readonly onClose: () => void;
};

/** "Imported N, M rows rejected" with the first problems listed and all of them downloadable. */
export function ImportResult({ entity, summary, error, onClose }: ImportResultProps) {
  const { t } = useTranslation('customers-list');
  return (
    <div className="result-step" data-testid="import-result">
      {error ? (
        <div className="result-failed" role="alert">
          <h3 className="result-title">{t('import.failed')}</h3>
          <p className="muted">{error.message}</p>
        </div>
      ) : null}
      {summary ? (
        <>
          <h3 className="result-title" data-testid="import-imported">
            {t('import.imported', { count: summary.imported })}
          </h3>
          <p className={summary.rejectedRows > 0 ? 'note-warn' : 'note-ok'} data-testid="import-rejected">
            {summary.rejectedRows > 0 ? t('import.rejected', { count: summary.rejectedRows }) : t('import.noneRejected')}
          </p>
          {summary.issues.length > 0 ? (
            <>
              <table className="issues-table">
                <thead>
                  <tr>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.fieldHeader')}</th>
                    <th scope="col">{t('import.messageHeader')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.issues.slice(0, SHOWN_ISSUES).map((issue, index) => (
                    <tr key={`${issue.row}-${issue.field ?? ''}-${index}`} data-testid="import-issue">
                      <td>{issue.row}</td>
                      <td>{fieldLabel(t, issue.field)}</td>
                      <td>{issueText(t, issue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {summary.issues.length > SHOWN_ISSUES ? (
                <p className="muted">{t('import.more', { count: summary.issues.length - SHOWN_ISSUES })}</p>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
      <footer className="modal-footer">
        {summary && summary.issues.length > 0 ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => downloadText(`${entity}-import-problems.csv`, issuesCsv(t, summary.issues))}
          >
            {t('import.downloadIssues')}
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('import.done')}
        </button>
      </footer>
    </div>
  );
}
