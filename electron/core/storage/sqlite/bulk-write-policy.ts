import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { BackgroundCheckpointer } from './background-checkpoint';

/**
 * How a connection is tuned between writes and during one large bulkWrite.
 *
 * A bulkWrite of thousands of documents (an initial sync page, a CSV import) inserts into every
 * index B-tree of the collection at random places: accounts carry many indexes, and a large
 * write touches nearly every page of them. What limits such a write is the volume SQLite writes,
 * not CPU: every dirty page goes to the WAL at commit, and the default policy then checkpoints
 * (copies the same pages into the database file again) after every one of those commits. Larger
 * pages, a larger cache and rarer checkpoints each cut both the time and the bytes written
 * (bench:store measures a first sync of accounts through RxDB).
 * So a large bulkWrite gets a bigger page cache and checkpoints only per BULK_WAL_BYTES of WAL;
 * the price is disk space while a long run of bulk writes lasts (an initial sync grows the WAL
 * to several times the database; journal_size_limit cuts it back at the idle checkpoint) and a
 * slower first open after a crash in the middle of one (SQLite rereads
 * the WAL to rebuild its index). Durability is unchanged: a commit is durable in the WAL;
 * checkpointing only moves committed pages into the main file. Small writes (a user editing
 * one record) keep the base settings, whose small checkpoints keep single-write latency flat.
 * The bulk settings last while large writes keep coming; the WAL they leave behind is
 * checkpointed once they stop (IDLE_CHECKPOINT_MS), and only then do the base settings return,
 * so the next user write does not pay for it (that checkpoint runs on the core's thread).
 */

/** Page size of new database files (SQLite's default is 4 KiB); existing files keep theirs. */
export const PAGE_SIZE = 8192;
/** Page cache of a connection between bulk writes, in KiB; it fills only as pages are read. */
export const BASE_CACHE_KIB = 65_536;
/** WAL pages after which a commit checkpoints, between bulk writes (~32 MiB at 8 KiB pages). */
export const BASE_AUTOCHECKPOINT_PAGES = 4_000;
/** Page cache while large bulkWrites run, in KiB, given back once they stop. */
export const BULK_CACHE_KIB = 262_144;
/** WAL size after which a bulk write's commit checkpoints. */
export const BULK_WAL_BYTES = 1024 * 1024 * 1024;
/** From this many rows on, a bulkWrite counts as large. */
export const BULK_MIN_ROWS = 1_000;
/** Quiet time after the last bulk write before its WAL is checkpointed. */
export const IDLE_CHECKPOINT_MS = 1_000;

export type BulkWriteState = {
  /** The deferred checkpoint after the last bulk write, if one is pending. */
  idleCheckpoint: ReturnType<typeof setTimeout> | undefined;
  /** The connection runs with the bulk settings (from the first large write until idle). */
  bulkSettings: boolean;
  /** Checkpoints off the core's thread; file databases only. */
  readonly checkpointer: BackgroundCheckpointer | undefined;
};

/**
 * Un-checkpointed WAL after which a large write asks the background thread for a checkpoint, so
 * the autocheckpoint at BULK_WAL_BYTES (inside some commit, on the core's thread) stays a safety net.
 */
export const BACKGROUND_CHECKPOINT_BYTES = 256 * 1024 * 1024;

export function applyBaseSettings(db: BetterSqlite3.Database): void {
  db.pragma(`cache_size = -${BASE_CACHE_KIB}`);
  if (db.name !== ':memory:') {
    db.pragma(`wal_autocheckpoint = ${BASE_AUTOCHECKPOINT_PAGES}`);
  }
}

/**
 * Runs one bulkWrite; a large one with the bulk settings (see above). They stay in force until no
 * large write has come for IDLE_CHECKPOINT_MS: a sync page is three commits (documents, their
 * replication meta rows, then a one-row checkpoint), and restoring the base settings after each
 * large commit would make that one-row commit checkpoint the whole WAL the page had just
 * written, and drop the page cache the next page needs again.
 * Small writes in between keep their FULL durability; they only find a longer WAL.
 */
export function runAsBulkWrite<T>(db: BetterSqlite3.Database, state: BulkWriteState, rows: number, write: () => T): T {
  if (rows < BULK_MIN_ROWS || db.inTransaction || db.name === ':memory:') {
    return write();
  }
  cancelIdleCheckpoint(state);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  if (!state.bulkSettings) {
    state.bulkSettings = true;
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    db.pragma(`wal_autocheckpoint = ${Math.ceil(BULK_WAL_BYTES / pageSize)}`);
  }
  try {
    return write();
  } finally {
    if (state.checkpointer?.usable && unCheckpointedFrames(db) * pageSize >= BACKGROUND_CHECKPOINT_BYTES) {
      state.checkpointer.request();
    }
    scheduleIdleCheckpoint(db, state);
  }
}

/** WAL frames not yet copied into the database file (SQLite >= 3.51: the NOOP checkpoint only reports). */
function unCheckpointedFrames(db: BetterSqlite3.Database): number {
  const [result] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  return result ? Math.max(0, result.log - result.checkpointed) : 0;
}

/** Once bulk writes stop: checkpoint what they left in the WAL, then back to the base settings. */
function scheduleIdleCheckpoint(db: BetterSqlite3.Database, state: BulkWriteState): void {
  state.idleCheckpoint = setTimeout(() => {
    state.idleCheckpoint = undefined;
    if (!db.open) {
      return;
    }
    const restore = () => {
      // A large write that came meanwhile owns the settings again (and its own idle timer).
      if (!db.open || state.idleCheckpoint !== undefined || !state.bulkSettings) return;
      if (db.inTransaction) {
        scheduleIdleCheckpoint(db, state);
        return;
      }
      state.bulkSettings = false;
      applyBaseSettings(db);
      db.pragma('shrink_memory');
    };
    if (state.checkpointer?.usable) {
      state.checkpointer.request((ok) => {
        if (!ok && db.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
        restore();
      });
      return;
    }
    if (db.inTransaction) {
      // Another write holds the connection (an async caller between statements): try again later.
      scheduleIdleCheckpoint(db, state);
      return;
    }
    db.pragma('wal_checkpoint(PASSIVE)');
    restore();
  }, IDLE_CHECKPOINT_MS);
  // A pending checkpoint must not keep a process alive; SQLite checkpoints on close anyway.
  state.idleCheckpoint.unref?.();
}

export function cancelIdleCheckpoint(state: BulkWriteState): void {
  if (state.idleCheckpoint !== undefined) {
    clearTimeout(state.idleCheckpoint);
    state.idleCheckpoint = undefined;
  }
}

/**
 * Before a connection closes. SQLite checkpoints and removes the WAL when its last connection
 * closes, but the checkpoint thread's connection may outlive this one by a moment; then that
 * copy would run in the background of whatever opens the file next (the next start of the app,
 * a test). So what large writes left in the WAL is copied here, as closing always did.
 */
export function finishBulkWrites(db: BetterSqlite3.Database, state: BulkWriteState): void {
  cancelIdleCheckpoint(state);
  state.checkpointer?.close();
  if (state.bulkSettings && db.open && !db.inTransaction) {
    db.pragma('wal_checkpoint(PASSIVE)');
  }
  state.bulkSettings = false;
}
