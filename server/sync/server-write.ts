import type { Queryable } from '../db/db';
import type { SyncCollection } from './collections';
import { canonicalJson, clientFields, STORED_COLUMNS, toWireDoc, type StoredRow } from './documents';
import { CHANGES_CHANNEL } from './push';

export type DocFields = Record<string, unknown>;

/**
 * A change the server makes itself: gets the document's current fields (lifted to the collection's
 * schema version) and returns the next ones, or `undefined` to leave it as it is.
 */
export type ServerChange = { readonly id: string; readonly change: (current: DocFields) => DocFields | undefined };

export type ServerWriteResult = { readonly written: ReadonlyArray<DocFields>; readonly missing: ReadonlyArray<string> };

const RECORD = 'r(id text, data jsonb)';

/**
 * The server writing documents as a device would push them: inside the caller's transaction the
 * rows are locked in id order (as pushes lock them, so neither can deadlock the other), each change
 * is validated against the collection's shared schema, and the written rows get the next revision,
 * the server's time and this transaction's txid, so every device pulls them; a NOTIFY (delivered at
 * commit) wakes the live streams of every process. Ownership and team never change. A change that
 * returns the same fields writes nothing, so repeating one is harmless.
 */
export const writeServerDocuments = async (
  tx: Queryable,
  col: SyncCollection,
  changes: ReadonlyArray<ServerChange>,
): Promise<ServerWriteResult> => {
  if (changes.length === 0) return { written: [], missing: [] };
  const byId = new Map(changes.map((c) => [c.id, c]));
  const rows = await tx.query<StoredRow>(
    `SELECT ${STORED_COLUMNS} FROM sync_documents WHERE collection = $1 AND id = ANY($2::text[]) AND NOT deleted ORDER BY id FOR UPDATE`,
    [col.name, [...byId.keys()]],
  );
  const found = new Set(rows.map((row) => row.id));
  const updates: Array<{ id: string; data: DocFields }> = [];
  for (const row of rows) {
    const current = clientFields(await toWireDoc(row, col));
    const next = byId.get(row.id)?.change(current);
    if (!next) continue;
    const parsed = col.parse({ ...next, id: row.id });
    if (!parsed.ok) throw new Error(`server write of ${col.name} ${row.id} is invalid: ${parsed.message}`);
    if (canonicalJson(parsed.value) === canonicalJson(current)) continue;
    updates.push({ id: row.id, data: parsed.value });
  }
  if (updates.length > 0) {
    await tx.query(
      `UPDATE sync_documents AS d SET schema_version = $2, data = r.data, revision = d.revision + 1,
         server_updated_at = now(), txid = pg_current_xact_id()
       FROM jsonb_to_recordset($3::jsonb) AS ${RECORD}
       WHERE d.collection = $1 AND d.id = r.id`,
      [col.name, col.schemaVersion, JSON.stringify(updates)],
    );
    await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, col.name]);
  }
  return { written: updates.map((u) => u.data), missing: [...byId.keys()].filter((id) => !found.has(id)) };
};
