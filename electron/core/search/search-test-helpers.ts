import BetterSqlite3 from 'better-sqlite3';
import type { StoredDocument } from '../storage/sqlite/sqlite-hooks';
import { createSearchHook } from './create-search-hook';
import { SearchIndex } from './search-index';

/** Test fixture: an in-memory database with the hook set up, writing like the storage does. */
export type SearchFixture = {
  readonly db: BetterSqlite3.Database;
  readonly index: SearchIndex;
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
  return {
    db,
    index,
    write(collection, docs) {
      db.transaction(() => hook.afterWrite(db, collection, docs.map(stored)))();
    },
    ids(text, options) {
      return index.search(text, options).map((hit) => hit.id);
    },
  };
}
