import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

/** A document row as the SQLite storage writes it (RxDB's stored form, `_deleted`, `_meta`, `_rev` included). */
export type StoredDocument = Readonly<Record<string, unknown>> & {
  readonly _deleted: boolean;
  readonly _rev: string;
  readonly _meta: { readonly lwt: number };
};

/** The collection table a hook call is about. */
export type HookTable = {
  readonly collectionName: string;
  readonly schemaVersion: number;
  /** The SQLite table: one per collection and schema version (both exist during a migration). */
  readonly tableName: string;
};

/** One stored row: its rowid in the collection table and its document. */
export type StoredRow = { readonly rowid: number; readonly doc: StoredDocument };

/** What one bulkWrite stored. */
export type HookWrite = {
  /** Every document stored: inserts, updates and deletes (`_deleted: true`). */
  readonly docs: ReadonlyArray<StoredDocument>;
  /**
   * `rowids[i]` is the rowid of `docs[i]`'s row in the collection table. A row keeps its rowid
   * until it is purged (the storage updates rows in place and never runs VACUUM), so a hook may
   * key its side rows by it instead of keeping its own id → key map.
   */
  readonly rowids: ReadonlyArray<number>;
  /** The first `inserted` docs had no row before this write (their ids are new to the table). */
  readonly inserted: number;
  /** The context RxDB's bulkWrite was called with (who wrote, e.g. `replication-downstream-…`). */
  readonly context: string;
};

/**
 * Side tables kept in step with documents (full-text search is the first user).
 *
 * Invariants the storage guarantees:
 * - `setup` runs once per SQLite connection, before the first write of any collection on it.
 * - `openTable` runs, in a transaction of its own, each time a storage instance opens its table
 *   (after creating it if it is new) and before that instance writes. `rows()` walks what the
 *   table holds, in rowid pages, for a hook that finds its side table missing or outdated.
 * - `afterWrite` runs inside the same SQLite transaction as the document write, after the
 *   documents are stored. If it throws, the whole bulkWrite rolls back and nothing is
 *   acknowledged. It is never called for writes that were rejected as conflicts.
 * - `onRemove` runs inside the transaction that drops one collection table (its storage was
 *   removed, e.g. the old version after a schema migration).
 * - `idleStep` runs, in a transaction of its own, once the connection has seen no write for a
 *   moment (idle-upkeep.ts), and again and again while it returns true and no write comes. Each
 *   call should do one short piece of upkeep (tens of milliseconds): the core's thread waits for it.
 */
export type SqliteWriteHook = {
  readonly name: string;
  setup(db: BetterSqlite3.Database): void;
  openTable?(db: BetterSqlite3.Database, table: HookTable, rows: () => Iterable<StoredRow>): void;
  afterWrite(db: BetterSqlite3.Database, table: HookTable, write: HookWrite): void;
  onRemove?(db: BetterSqlite3.Database, table: HookTable): void;
  idleStep?(db: BetterSqlite3.Database): boolean;
};
