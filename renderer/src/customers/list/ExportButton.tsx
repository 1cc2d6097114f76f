import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveListName } from '../../../../shared/contract';
import { useCrmClient } from '../../transport/client-context';
import type { ListQueryParams, ListRow } from '../../data/list-windows';
import type { Column } from '../../common/RecordList';
import { downloadText } from './csv';
import { ToolbarIcon } from './ToolbarIcon';

type ExportButtonProps<K extends LiveListName> = {
  readonly request: K;
  readonly query: ListQueryParams<K>;
  readonly columns: ReadonlyArray<Column<ListRow<K>>>;
  /** File name without the date and extension, e.g. "accounts". */
  readonly fileName: string;
};

/** Downloads the current view as CSV; shows how far it got, and why it failed if it did. */
export function ExportButton<K extends LiveListName>({ request, query, columns, fileName }: ExportButtonProps<K>) {
  const { t } = useTranslation('customers-list');
  const client = useCrmClient();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (): Promise<void> => {
    setError(null);
    setProgress({ done: 0, total: 0 });
    // Loaded on the first export, not with the list (it pages through the whole view).
    const { exportView } = await import('./export-view');
    const outcome = await exportView(client, request, query, columns, (done, total) => setProgress({ done, total }));
    setProgress(null);
    if (!outcome.ok) return setError(t('toolbar.exportFailed', { message: outcome.error.message }));
    downloadText(`${fileName}-${new Date().toISOString().slice(0, 10)}.csv`, outcome.csv);
  };

  return (
    <>
      {progress ? (
        <span className="muted" role="status">
          {t('toolbar.exporting', progress)}
        </span>
      ) : null}
      {error ? (
        <span className="form-error" role="alert">
          {error}
        </span>
      ) : null}
      <button type="button" className="toolbar-button" onClick={() => void run()} disabled={progress !== null} data-testid="export-csv">
        <ToolbarIcon d="M8 2v8m0 0 3-3m-3 3L5 7M3 12v1.5h10V12" />
        {t('toolbar.export')}
      </button>
    </>
  );
}
