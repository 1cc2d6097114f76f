import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SqliteWriteHook } from '../storage/sqlite/sqlite-hooks';
import { SearchWriter } from './search-writer';
import { COLLECTION_TO_TYPE } from './search-types';
import { OWNERSHIP_ADOPTION_CONTEXT, PUSH_ADOPTION_CONTEXT, SERVER_BOOKKEEPING_CONTEXT } from '../db/domain-changes';

/** Writes that change no field the search index holds. */
const TEXTLESS_CONTEXTS: ReadonlySet<string> = new Set([SERVER_BOOKKEEPING_CONTEXT, OWNERSHIP_ADOPTION_CONTEXT, PUSH_ADOPTION_CONTEXT]);

export type SearchHookOptions = {
  /** Primary key field of the searchable collections. */
  readonly primaryKey?: string;
};

/**
 * The storage write hook that keeps the full-text index in step with accounts, contacts, leads and
 * opportunities. It runs inside the storage's write transaction, so a document and its index entry
 * commit or roll back together; other collections pass through untouched. A collection table the
 * index does not hold yet is indexed from its rows when its storage opens it.
 */
export function createSearchHook(options: SearchHookOptions = {}): SqliteWriteHook {
  const primaryKey = options.primaryKey ?? 'id';
  // One writer (prepared statements) per connection; a hook instance may serve several databases.
  const writers = new WeakMap<BetterSqlite3.Database, SearchWriter>();
  const writerFor = (db: BetterSqlite3.Database): SearchWriter => {
    let writer = writers.get(db);
    if (!writer) {
      writer = new SearchWriter(db);
      writers.set(db, writer);
    }
    return writer;
  };

  return {
    name: 'full-text-search',
    setup(db) {
      writerFor(db);
    },
    openTable(db, table, rows) {
      const type = COLLECTION_TO_TYPE[table.collectionName];
      if (type !== undefined) writerFor(db).openTable(type, table, rows, primaryKey);
    },
    afterWrite(db, table, write) {
      const type = COLLECTION_TO_TYPE[table.collectionName];
      // The write-back of pushed revisions and the adoption of local records change no text (the
      // index holds no owner).
      if (type === undefined || write.docs.length === 0 || TEXTLESS_CONTEXTS.has(write.context)) return;
      writerFor(db).write(type, table, write, primaryKey);
    },
    onRemove(db, table) {
      if (COLLECTION_TO_TYPE[table.collectionName] !== undefined) writerFor(db).clear(table);
    },
    idleStep(db) {
      return writerFor(db).mergeStep();
    },
  };
}
