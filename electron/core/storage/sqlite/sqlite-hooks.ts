import type BetterSqlite3 from 'better-sqlite3';

/** A document row as the SQLite storage writes it (RxDB's stored form, `_deleted`, `_meta`, `_rev` included). */
export type StoredDocument = Readonly<Record<string, unknown>> & {
  readonly _deleted: boolean;
  readonly _rev: string;
  readonly _meta: { readonly lwt: number };
};

/**
 * Side tables kept in step with documents (full-text search is the first user).
 *
 * Invariants the storage guarantees:
 * - `setup` runs once per SQLite connection, before the first write of any collection on it.
 * - `afterWrite` runs inside the same SQLite transaction as the document write, after the
 *   documents are stored, with every document the bulkWrite stored (inserts, updates and deletes,
 *   `_deleted: true` for deletes). If it throws, the whole bulkWrite rolls back and nothing is
 *   acknowledged.
 * - `afterWrite` is never called for writes that were rejected as conflicts.
 * - The first `inserted` of `docs` had no row in the collection before this write (their ids are
 *   new to it); the rest replace stored rows. Lets a hook skip looking up what cannot exist.
 * - `onRemove` runs inside a transaction when a collection's storage is removed (its rows dropped).
 */
export type SqliteWriteHook = {
  readonly name: string;
  setup(db: BetterSqlite3.Database): void;
  afterWrite(db: BetterSqlite3.Database, collectionName: string, docs: ReadonlyArray<StoredDocument>, inserted?: number): void;
  onRemove?(db: BetterSqlite3.Database, collectionName: string): void;
};
