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

/** How a page-by-page read runs (see forEachDocument). */
export type PageReadOptions = {
  /** Rows per page (default DOCUMENT_PAGE_ROWS). */
  readonly pageRows?: number;
  /**
   * How the read lets other work run: a turn of the event loop (the default), or for background
   * jobs one that waits for the loads screens are waiting on (work-lanes.ts, backgroundTurn).
   */
  readonly turn?: () => Promise<void>;
  /** Checked before each page and after each turn: true ends the read (its reader was closed). */
  readonly stopped?: () => boolean;
  /**
   * SQL added to the page's WHERE, a constant of the caller's (`AND json_extract(data, '$.kind') =
   * 'segment'`): rows it leaves out are never parsed. Other storages read every row.
   */
  readonly where?: string;
  /** SQL giving each row's JSON: the whole stored document (the default) or only the fields wanted. */
  readonly data?: string;
};

/**
 * Calls `each` on every document (not deleted) of a collection, in primary-key order, a page at a
 * time with a turn between pages (and within a page after SLICE_MS of work), so a read of a
 * million rows never holds the core's thread for longer than a few tens of milliseconds. The rows
 * come straight from the SQLite table, meta fields included (RxDB's query engine would build an
 * RxDocument per row, and `find().exec()` answers only when all are read); `each` keeps only what
 * it needs. Storages without a SQLite connection (tests on other storages) are read with one
 * `find()`, visited in pages all the same. Every start-up load of a whole collection reads this way.
 */
export async function forEachDocument<T>(
  db: CrmDatabase,
  collection: RxCollection<T>,
  each: (doc: T, id: string) => void,
  options: PageReadOptions = {},
): Promise<void> {
  const { pageRows = DOCUMENT_PAGE_ROWS, turn = yieldToEventLoop, stopped = () => false, where = '', data = 'data' } = options;
  if (!Number.isInteger(pageRows) || pageRows < 1)
    throw new Error(`forEachDocument: pageRows must be a positive whole number, got ${pageRows}`);
  const connection = (db.storage as Partial<RxStorageSqlite>).getConnection?.(db.name);
  if (!connection) {
    const docs = await collection.find().exec();
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as (typeof docs)[number];
      each(doc.toMutableJSON(true) as T, doc.primary);
      if ((i + 1) % pageRows === 0) {
        await turn();
        if (stopped()) return;
      }
    }
    return;
  }
  const table = tableNameFor(collection.name, collection.schema.version);
  const page = connection.prepare(
    `SELECT id, ${data} AS data FROM ${table} WHERE deleted = 0 AND id > ? ${where} ORDER BY id LIMIT ${pageRows}`,
  );
  let after = '';
  let sliceStart = performance.now();
  for (;;) {
    if (stopped()) return;
    const rows = page.all(after) as Array<{ id: string; data: string }>;
    for (const row of rows) {
      each(JSON.parse(row.data) as T, row.id);
      // Some rows cost more than others (an open case's SLA is worked out on its business calendar):
      // a page that runs long yields part-way too.
      if (performance.now() - sliceStart > SLICE_MS) {
        await turn();
        if (stopped()) return;
        sliceStart = performance.now();
      }
    }
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1]?.id ?? after;
    await turn();
    sliceStart = performance.now();
  }
}
