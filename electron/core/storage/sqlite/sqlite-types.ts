import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Subject } from 'rxjs';
import type { EventBulk, RxStorage, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb/plugins/core';
import type { BulkWriteState } from './bulk-write-policy';
import type { FacetCache } from './sqlite-facets';
import type { IdleUpkeep } from './idle-upkeep';
import type { SqliteWriteHook } from './sqlite-hooks';

/** Everything about the storage but its key (which `RxStorageSqlite.settings` never shows). */
export type SqliteStorageOptions = {
  /** Folder holding one `${databaseName}.sqlite` per RxDB database, or ':memory:' for tests. */
  readonly directory: string;
  readonly hooks?: readonly SqliteWriteHook[];
  /** Defaults to SYNCHRONOUS_MODE (FULL); see sqlite-connection-pool.ts for the measurement. */
  readonly synchronous?: SqliteSynchronousMode;
  /**
   * Told when background work fails for a reason other than a busy lock (idle upkeep's steps, the
   * WAL checkpoint worker): the work is best effort and retried, but a failure must reach the log.
   */
  readonly onBackgroundError?: (message: string, error: unknown) => void;
};

/**
 * A database file is always encrypted with the install's 32-byte key (a raw cipher key, see
 * sqlite-cipher.ts); only ':memory:' has none, as it never reaches the disk.
 */
export type SqliteStorageSettings =
  | (SqliteStorageOptions & { readonly databaseKey: Uint8Array })
  | (SqliteStorageOptions & { readonly directory: ':memory:'; readonly databaseKey?: undefined });

export type SqliteSynchronousMode = 'FULL' | 'NORMAL';

/** Nothing is configurable per collection today; kept as a type so RxDB's generics line up. */
export type SqliteInstanceOptions = Record<string, never>;

export type SqliteChangeBulk = EventBulk<RxStorageChangeEvent<unknown>, RxStorageDefaultCheckpoint>;

/** One open SQLite file shared by every collection of one RxDB database. */
export type SqliteConnection = {
  readonly databaseName: string;
  readonly db: BetterSqlite3.Database;
  refCount: number;
  /** The synchronous mode of a file database; undefined for ':memory:' (nothing to fsync). */
  readonly synchronous: SqliteSynchronousMode | undefined;
  /**
   * Change streams keyed by table name, shared by all instances of the same collection on this
   * connection so two RxDatabase objects on one file see each other's writes.
   */
  readonly changeSubjects: Map<string, Subject<SqliteChangeBulk>>;
  /** Rowid sets of equality conditions per table name, kept by every write on this connection (sqlite-facets.ts). */
  readonly facets: Map<string, FacetCache>;
  /** Bulk-write bookkeeping of this connection (see bulk-write-policy.ts). */
  readonly bulk: BulkWriteState;
  /** The hooks' upkeep between writes (see idle-upkeep.ts). */
  readonly upkeep: IdleUpkeep;
};

export type SqliteInternals = {
  readonly connection: SqliteConnection;
  readonly tableName: string;
};

export type RxStorageSqlite = RxStorage<SqliteInternals, SqliteInstanceOptions> & {
  readonly settings: SqliteStorageOptions;
  /** The open connection of a database, for side tables such as full-text search; undefined when closed. */
  getConnection(databaseName: string): BetterSqlite3.Database | undefined;
};
