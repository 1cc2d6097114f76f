/**
 * The one database seam of the server: the same code runs on a PostgreSQL pool (production,
 * several processes) and on an embedded PGlite data directory (one command, one process).
 * Rows come back as plain objects; SQL casts bigint/xid8 to text so both drivers agree on types.
 */
export type SqlRow = Record<string, unknown>;

export type Queryable = {
  query<T extends SqlRow>(sql: string, params?: readonly unknown[]): Promise<T[]>;
};

export type DbKind = 'pg' | 'pglite';

/** Where the database layer reports errors it recovers from (a lost LISTEN connection, a failed ROLLBACK). */
export type DbLog = (message: string, err: unknown) => void;

export type Unlisten = () => Promise<void>;

export type Db = Queryable & {
  readonly kind: DbKind;
  /** Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on `channel`. `onReconnect` fires when the listening connection was lost and is back:
   * notifications may have been missed in between, so listeners must assume anything changed.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<Unlisten>;
  close(): Promise<void>;
};
