import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { HookTable, HookWrite, StoredDocument } from '../../electron/core/storage/sqlite/sqlite-hooks';
import { createSearchHook } from '../../electron/core/search/create-search-hook';
import { SearchIndex } from '../../electron/core/search/search-index';

/** Test fixture: an in-memory database with the hook set up, writing like the storage does. */
export type SearchFixture = {
  readonly db: BetterSqlite3.Database;
  readonly index: SearchIndex;
  /** The collection table (schema version 0) the storage would report for a collection. */
  table(collection: string): HookTable;
  /**
   * What the storage would hand afterWrite for these documents: each id keeps the rowid it got
   * the first time it was written. `inserted` marks the first n as new rows.
   */
  stored(collection: string, docs: ReadonlyArray<Record<string, unknown>>, inserted?: number): HookWrite;
  /** Writes docs of one collection inside a transaction, as the storage's bulkWrite would. */
  write(collection: string, docs: ReadonlyArray<Record<string, unknown>>): void;
  ids(text: string, options?: Parameters<SearchIndex['search']>[1]): string[];
};

export function stored(fields: Record<string, unknown>): StoredDocument {
  return { _deleted: false, _rev: '1-a', _meta: { lwt: 1 }, ...fields };
}

export function createSearchFixture(): SearchFixture {
  const db = new BetterSqlite3(':memory:');
  const hook = createSearchHook();
  hook.setup(db);
  const index = new SearchIndex(db);
  const rowids = new Map<string, number>();
  const opened = new Set<string>();
  const table = (collection: string): HookTable => {
    const described = { collectionName: collection, schemaVersion: 0, tableName: `rxdb_${collection}_v0` };
    if (!opened.has(collection)) {
      opened.add(collection);
      db.transaction(() => hook.openTable?.(db, described, () => []))();
    }
    return described;
  };
  const storedWrite = (collection: string, docs: ReadonlyArray<Record<string, unknown>>, inserted = 0): HookWrite => ({
    docs: docs.map(stored),
    rowids: docs.map((doc) => {
      const key = `${collection}/${String(doc.id)}`;
      if (!rowids.has(key)) rowids.set(key, rowids.size + 1);
      return rowids.get(key) as number;
    }),
    inserted,
    context: 'test',
  });
  return {
    db,
    index,
    table,
    stored: storedWrite,
    write(collection, docs) {
      const described = table(collection);
      db.transaction(() => hook.afterWrite(db, described, storedWrite(collection, docs)))();
    },
    ids(text, options) {
      return index.search(text, options).map((hit) => hit.id);
    },
  };
}
