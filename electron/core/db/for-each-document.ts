import type { RxCollection } from 'rxdb';
import { tableNameFor } from '../storage/sqlite/sqlite-table';
import type { RxStorageSqlite } from '../storage/sqlite/sqlite-types';
import type { CrmDatabase } from './open-crm-database';

/**
 * Rows per page of a table read. The page query itself runs in one call: SQLite finds the rows
 * through the id index and reads each from the table, ~30 µs a row when the pages are not cached
 * (measured 55–80 ms per 2,000 rows), so pages are kept to ~15–20 ms of query.
 */
export const DOCUMENT_PAGE_ROWS = 500;

/** Longest stretch a read works on the core's thread before it lets other work run. */
const SLICE_MS = 20;

/** Lets requests queued behind a long read (an insight run, a projection's first load) be answered before it goes on. */
export const yieldToEventLoop = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Calls `each` on every document (not deleted) of a collection, in primary-key order, a page at a
 * time with a turn of the event loop between pages (and within a page after SLICE_MS of work), so
 * a read of a million rows never holds the core's thread for longer than a few tens of milliseconds. The rows come straight from the SQLite table (RxDB's
 * query engine would build an RxDocument per row, and `find().exec()` answers only when all are
 * read). `each` keeps only what it needs of the document. Storages without a SQLite connection
 * (tests on other storages) are read with one `find()`, visited in pages all the same.
 * `turn` is how the read lets other work run: a turn of the event loop, or for background jobs
 * (work-lanes.ts, backgroundTurn) one that waits for the loads screens are waiting on.
 */
export async function forEachDocument<T>(
  db: CrmDatabase,
  collection: RxCollection<T>,
  each: (doc: T) => void,
  pageRows: number = DOCUMENT_PAGE_ROWS,
  turn: () => Promise<void> = yieldToEventLoop,
): Promise<void> {
  if (!Number.isInteger(pageRows) || pageRows < 1)
    throw new Error(`forEachDocument: pageRows must be a positive whole number, got ${pageRows}`);
  const connection = (db.storage as Partial<RxStorageSqlite>).getConnection?.(db.name);
  if (!connection) {
    const docs = await collection.find().exec();
    for (let i = 0; i < docs.length; i++) {
      each(docs[i]?.toJSON() as T);
      if ((i + 1) % pageRows === 0) await turn();
    }
    return;
  }
  const table = tableNameFor(collection.name, collection.schema.version);
  const page = connection.prepare(`SELECT id, data FROM ${table} WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ${pageRows}`);
  let after = '';
  let sliceStart = performance.now();
  for (;;) {
    const rows = page.all(after) as Array<{ id: string; data: string }>;
    for (const row of rows) {
      each(JSON.parse(row.data) as T);
      // Some rows cost more than others (an open case's SLA is worked out on its business calendar):
      // a page that runs long yields part-way too.
      if (performance.now() - sliceStart > SLICE_MS) {
        await turn();
        sliceStart = performance.now();
      }
    }
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1]?.id ?? after;
    await turn();
    sliceStart = performance.now();
  }
}
