import type { CrmError, ListWindow, LiveListName, ParamsOf } from '../../../../shared/contract';
// Not the barrel: importing it evaluates every request schema.
import { MAX_WINDOW } from '../../../../shared/contract/paging';
import type { CrmClient } from '../../transport/crm-client';
import type { ListQueryParams, ListRow } from '../../data/list-windows';
import type { Column } from '../../common/RecordList';
import { toCsv } from './csv';

export type ExportOutcome =
  { readonly ok: true; readonly csv: string; readonly rows: number } | { readonly ok: false; readonly error: CrmError };

/**
 * Every row matching the current filter, in the current sort, with the visible columns as shown
 * (translated labels, formatted numbers): the user gets what they see, not just the loaded window.
 */
export async function exportView<K extends LiveListName>(
  client: CrmClient,
  request: K,
  query: ListQueryParams<K>,
  columns: ReadonlyArray<Column<ListRow<K>>>,
  onProgress: (done: number, total: number) => void,
): Promise<ExportOutcome> {
  const lines: string[][] = [];
  let total = Infinity;
  for (let offset = 0; offset < total; offset += MAX_WINDOW) {
    const result = await client.send(request, { ...query, offset, limit: MAX_WINDOW } as ParamsOf<K>);
    if (!result.ok) return { ok: false, error: result.error };
    const page = result.value as unknown as ListWindow<ListRow<K>>;
    total = page.total;
    for (const row of page.rows) lines.push(columns.map((column) => column.text(row)));
    onProgress(lines.length, total);
    if (page.rows.length === 0) break;
  }
  return {
    ok: true,
    csv: toCsv(
      columns.map((column) => column.header),
      lines,
    ),
    rows: lines.length,
  };
}
