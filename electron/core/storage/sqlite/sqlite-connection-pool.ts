import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqliteConnection, SqliteStorageSettings } from './sqlite-types';

export const IN_MEMORY = ':memory:';

/**
 * synchronous = FULL, chosen by measurement (see the report in tests/store/README.md).
 * In WAL mode both FULL and NORMAL keep every committed transaction across a process crash
 * (SIGKILL): the WAL is in the OS page cache either way. Only FULL also survives power loss or an
 * OS crash, because it fsyncs the WAL at every commit; NORMAL fsyncs only at checkpoints and can
 * lose the last acknowledged writes. Measured on the 2-core dev box (ext4, virtio disk), single
 * document RxCollection.insert() p95: FULL ≈ 1.2 ms, NORMAL ≈ 0.5 ms; both are inside the 3 ms
 * budget, so we keep the stronger guarantee: "a write is acknowledged only after its transaction
 * commits" should hold when a laptop's battery dies too.
 */
export const SYNCHRONOUS_MODE = 'FULL';

export type SqliteConnectionPool = {
  acquire(databaseName: string): SqliteConnection;
  release(connection: SqliteConnection): void;
  get(databaseName: string): SqliteConnection | undefined;
};

function databaseFile(directory: string, databaseName: string): string {
  if (databaseName.length === 0 || /[/\\]|^\.\.?$/.test(databaseName) || databaseName.includes('\0')) {
    throw new Error(`SQLite storage: database name "${databaseName}" must be a plain file name`);
  }
  return path.join(directory, `${databaseName}.sqlite`);
}

function openDatabase(settings: SqliteStorageSettings, databaseName: string): Database.Database {
  let db: Database.Database;
  if (settings.directory === IN_MEMORY) {
    db = new Database(IN_MEMORY);
  } else {
    mkdirSync(settings.directory, { recursive: true });
    db = new Database(databaseFile(settings.directory, databaseName));
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${SYNCHRONOUS_MODE}`);
    // Another process (a backup tool, a second app instance) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
  }
  // 32 MiB page cache: index pages of a 100k-document collection stay hot without bloating RSS.
  db.pragma('cache_size = -32768');
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * One connection per database name, shared by all collections of that database and closed when
 * the last storage instance on it closes. For ':memory:' this also means the data lives exactly
 * as long as some instance is open, which is what tests want.
 */
export function createConnectionPool(settings: SqliteStorageSettings): SqliteConnectionPool {
  const open = new Map<string, SqliteConnection>();
  return {
    acquire(databaseName) {
      const existing = open.get(databaseName);
      if (existing) {
        existing.refCount++;
        return existing;
      }
      const db = openDatabase(settings, databaseName);
      try {
        // The hook contract: setup runs once per connection, before any write on it.
        for (const hook of settings.hooks ?? []) {
          hook.setup(db);
        }
      } catch (error) {
        db.close();
        throw error;
      }
      const connection: SqliteConnection = { databaseName, db, refCount: 1, changeSubjects: new Map() };
      open.set(databaseName, connection);
      return connection;
    },
    release(connection) {
      connection.refCount--;
      if (connection.refCount > 0) {
        return;
      }
      open.delete(connection.databaseName);
      for (const subject of connection.changeSubjects.values()) {
        subject.complete();
      }
      connection.changeSubjects.clear();
      connection.db.close();
    },
    get(databaseName) {
      return open.get(databaseName);
    },
  };
}
