import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrmError } from '../../../../shared/contract';
import {
  ACCOUNT_IMPORT_DEFAULTS,
  MAX_PREVIEW_ROWS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
  type ImportIssue,
  type ImportRowDuplicates,
  type ImportSummary,
} from '../../../../shared/contract/customers/import-requests';
import { useCrmClient } from '../../transport/client-context';
import { guessMapping } from './guess-mapping';
import { ImportMapping } from './ImportMapping';
import { ImportPreview } from './ImportPreview';
import { ImportResult } from './ImportResult';
import { problemText } from './import-text';
import { parseCsvBytes, type ParsedCsv } from './parse-csv';
import { runImport, type ImportStep } from './run-import';

const PREVIEW_ROWS = 20;

type Loaded = {
  readonly fileName: string;
  readonly csv: ParsedCsv;
  readonly mapping: ReadonlyArray<ImportField | null>;
  readonly defaults: ImportDefaults;
};
type State =
  | { readonly step: 'file'; readonly error?: string; readonly reading?: boolean }
  | ({ readonly step: 'mapping' } & Loaded)
  | ({
      readonly step: 'preview';
      readonly issues?: ReadonlyArray<ImportIssue>;
      readonly error?: CrmError;
      /** Previewed rows that look like stored records or other rows (a warning: they import all the same). */
      readonly duplicates?: ReadonlyArray<ImportRowDuplicates>;
    } & Loaded)
  | { readonly step: 'running'; readonly progress: ImportStep }
  | { readonly step: 'summary'; readonly summary: ImportSummary }
  | { readonly step: 'failed'; readonly error: CrmError };

const STEPS = ['file', 'mapping', 'preview', 'import', 'summary'] as const;
const stepIndex = (state: State): number =>
  state.step === 'running' ? 3 : state.step === 'summary' || state.step === 'failed' ? 4 : STEPS.indexOf(state.step);

/**
 * The CSV import wizard: file → column mapping → preview with the core's verdict on the first rows
 * → import with progress → summary. Modal: focus moves in on open and Escape closes (except while
 * the import runs, which cannot be interrupted halfway by design).
 */
export function ImportDialog({ entity, onClose }: { readonly entity: ImportEntity; readonly onClose: () => void }) {
  const { t } = useTranslation('customers-list');
  const client = useCrmClient();
  const [state, setState] = useState<State>({ step: 'file' });
  const dialogRef = useRef<HTMLDivElement>(null);
  const running = state.step === 'running';

  useEffect(() => {
    dialogRef.current?.focus();
  }, []);

  const readFile = async (file: File): Promise<void> => {
    setState({ step: 'file', reading: true });
    const outcome = parseCsvBytes(new Uint8Array(await file.arrayBuffer()));
    if (!outcome.ok) return setState({ step: 'file', error: problemText(t, outcome.problem) });
    setState({
      step: 'mapping',
      fileName: file.name,
      csv: outcome.csv,
      mapping: guessMapping(entity, outcome.csv.headers),
      defaults: entity === 'accounts' ? ACCOUNT_IMPORT_DEFAULTS : {},
    });
  };

  const preview = async ({ fileName, csv, mapping, defaults }: Loaded): Promise<void> => {
    // Only the Loaded fields: spreading the caller's state would carry its `step` along.
    const loaded = { fileName, csv, mapping, defaults };
    setState({ step: 'preview', ...loaded });
    const rows = loaded.csv.rows.slice(0, Math.min(PREVIEW_ROWS, MAX_PREVIEW_ROWS)).map((row) => [...row]);
    const result = await client.send('import.preview', { entity, columns: [...loaded.mapping], defaults: { ...defaults }, rows });
    setState(
      result.ok
        ? { step: 'preview', ...loaded, issues: result.value.issues, duplicates: result.value.duplicates }
        : { step: 'preview', ...loaded, error: result.error },
    );
  };

  const start = async (loaded: Loaded): Promise<void> => {
    setState({ step: 'running', progress: { phase: 'uploading', done: 0, total: loaded.csv.rows.length } });
    const outcome = await runImport(client, entity, loaded.mapping, loaded.defaults, loaded.csv.rows, (progress) =>
      setState({ step: 'running', progress }),
    );
    setState(outcome.ok ? { step: 'summary', summary: outcome.summary } : { step: 'failed', error: outcome.error });
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        tabIndex={-1}
        data-testid="import-dialog"
        onKeyDown={(event) => {
          if (event.key === 'Escape' && !running) onClose();
        }}
      >
        <header className="modal-header">
          <h2 id="import-title" className="modal-title">
            {t(`import.title_${entity}`)}
          </h2>
          <button type="button" className="icon-button" onClick={onClose} disabled={running} aria-label={t('import.close')}>
            ×
          </button>
        </header>
        <ol className="stepper" aria-label={t('import.steps.file')}>
          {STEPS.map((step, index) => (
            <li
              key={step}
              className={index === stepIndex(state) ? 'step current' : index < stepIndex(state) ? 'step done' : 'step'}
              aria-current={index === stepIndex(state) ? 'step' : undefined}
            >
              <span className="step-dot">{index + 1}</span>
              {t(`import.steps.${step}`)}
            </li>
          ))}
        </ol>
        <div className="modal-body">
          {state.step === 'file' ? (
            <div className="file-step">
              <label className="file-drop">
                <span className="file-drop-title">{t('import.pickFile')}</span>
                <span className="file-drop-hint">{t('import.pickHint')}</span>
                <input
                  type="file"
                  accept=".csv,text/csv"
                  data-testid="import-file"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    if (file) void readFile(file);
                  }}
                />
              </label>
              {state.reading ? <p className="muted">{t('import.reading')}</p> : null}
              {state.error ? (
                <p className="form-error" role="alert">
                  {state.error}
                </p>
              ) : null}
            </div>
          ) : null}
          {state.step === 'mapping' ? (
            <ImportMapping
              entity={entity}
              fileName={state.fileName}
              csv={state.csv}
              mapping={state.mapping}
              defaults={state.defaults}
              onChange={(mapping) => setState({ ...state, mapping })}
              onDefaultsChange={(defaults) => setState({ ...state, defaults })}
              onBack={() => setState({ step: 'file' })}
              onNext={() => void preview(state)}
            />
          ) : null}
          {state.step === 'preview' ? (
            <ImportPreview
              csv={state.csv}
              mapping={state.mapping}
              rows={PREVIEW_ROWS}
              issues={state.issues}
              duplicates={state.duplicates}
              error={state.error}
              onBack={() =>
                setState({ step: 'mapping', fileName: state.fileName, csv: state.csv, mapping: state.mapping, defaults: state.defaults })
              }
              onStart={() => void start(state)}
            />
          ) : null}
          {state.step === 'running' ? <ImportRunning progress={state.progress} /> : null}
          {state.step === 'summary' || state.step === 'failed' ? (
            <ImportResult
              entity={entity}
              summary={state.step === 'summary' ? state.summary : undefined}
              error={state.step === 'failed' ? state.error : undefined}
              onClose={onClose}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ImportRunning({ progress }: { readonly progress: ImportStep }) {
  const { t } = useTranslation('customers-list');
  // Uploading is the first half of the bar, validating the second; writing fills it.
  const share = progress.total === 0 ? 0 : progress.done / progress.total;
  const value =
    progress.phase === 'uploading'
      ? share * 45
      : progress.phase === 'validating'
        ? 45 + share * 45
        : progress.phase === 'writing'
          ? 95
          : 100;
  return (
    <div className="import-running">
      <p>{t(`import.phase.${progress.phase}`, { done: progress.done, total: progress.total })}</p>
      <progress
        className="progress"
        max={100}
        value={Math.round(value)}
        aria-label={t('import.steps.import')}
        data-testid="import-progress"
      />
    </div>
  );
}
