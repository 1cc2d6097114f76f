import type { CrmError } from '../../../../shared/contract';
import {
  MAX_IMPORT_CHUNK_ROWS,
  type ImportDefaults,
  type ImportEntity,
  type ImportField,
  type ImportSummary,
} from '../../../../shared/contract/customers/import-requests';
import type { CrmClient } from '../../transport/crm-client';

export type ImportPhase = 'uploading' | 'validating' | 'writing' | 'done';
export type ImportStep = { readonly phase: ImportPhase; readonly done: number; readonly total: number };

/** Stay well under the transport's 1 MB frame, whatever the cells hold. */
const CHUNK_BYTES = 600_000;

/** Splits rows into chunks of at most MAX_IMPORT_CHUNK_ROWS rows and about CHUNK_BYTES of JSON each. */
export function chunkRows(rows: ReadonlyArray<ReadonlyArray<string>>): Array<ReadonlyArray<ReadonlyArray<string>>> {
  const chunks: Array<Array<ReadonlyArray<string>>> = [];
  let current: Array<ReadonlyArray<string>> = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.reduce((sum, cell) => sum + cell.length * 3 + 3, 2);
    if (current.length > 0 && (current.length >= MAX_IMPORT_CHUNK_ROWS || bytes + size > CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Sends the file to the core in chunks and commits it. The core reports validation and writing
 * through `import.progress`; until commit nothing is stored, so a failure anywhere leaves no trace.
 */
export async function runImport(
  client: CrmClient,
  entity: ImportEntity,
  columns: ReadonlyArray<ImportField | null>,
  defaults: ImportDefaults,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  onStep: (step: ImportStep) => void,
): Promise<{ ok: true; summary: ImportSummary } | { ok: false; error: CrmError }> {
  const begun = await client.send('import.begin', { entity, columns: [...columns], defaults: { ...defaults }, totalRows: rows.length });
  if (!begun.ok) return { ok: false, error: begun.error };
  const { importId } = begun.value;
  let sent = 0;
  onStep({ phase: 'uploading', done: 0, total: rows.length });
  for (const chunk of chunkRows(rows)) {
    const result = await client.send('import.rows', { importId, rows: chunk.map((row) => [...row]) });
    if (!result.ok) {
      void client.send('import.cancel', { importId });
      return { ok: false, error: result.error };
    }
    sent += chunk.length;
    onStep({ phase: 'uploading', done: sent, total: rows.length });
  }
  const stop = client.subscribe('import.progress', (progress) => {
    if (progress.importId === importId) onStep(progress);
  });
  try {
    const committed = await client.send('import.commit', { importId });
    return committed.ok ? { ok: true, summary: committed.value } : { ok: false, error: committed.error };
  } finally {
    stop();
  }
}
