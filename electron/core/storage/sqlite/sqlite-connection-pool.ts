import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ensurePrivateDirectory, ensurePrivateFile, restrictToOwner } from '../../security/private-files';
import { BackgroundCheckpointer } from './background-checkpoint';
import { applyBaseSettings, finishBulkWrites, PAGE_SIZE } from './bulk-write-policy';
import { prepareEncryptedDatabaseFile } from './encrypt-plaintext-database';
import { IdleUpkeep, UPKEEP_AFTER_OPEN_MS } from './idle-upkeep';
import { sqliteNativeBinding } from './sqlite-binding';
import { applyCipher, verifyReadable } from './sqlite-cipher';
import type { ConnectionCipher } from './sqlite-cipher';
import type { SqliteConnection, SqliteStorageOptions, SqliteSynchronousMode } from './sqlite-types';

export const IN_MEMORY = ':memory:';

/**
 * synchronous = FULL.
 * In WAL mode both FULL and NORMAL keep every committed transaction across a process crash
 * (SIGKILL; tests/store/crash.test.ts): the WAL is in the OS page cache either way. Only FULL also
 * survives power loss or an OS crash, because it fsyncs the WAL at every commit; NORMAL fsyncs
 * only at checkpoints and can lose the last acknowledged writes (the file stays consistent).
 * FULL costs one fsync per commit, which keeps single saves within the write budget unless
 * another process saturates the disk (bench:store measures it), and it is the only mode where "a write is acknowledged only
 * after its transaction commits" still holds when the battery dies. So FULL is the default;
 * `settings.synchronous` can choose NORMAL where the trade is acceptable (e.g. bulk imports).
 * Pulled server data commits with NORMAL even under FULL: see pulled-write-durability.ts.
 */
export const SYNCHRONOUS_MODE: SqliteSynchronousMode = 'FULL';

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

function openDatabase(settings: SqliteStorageOptions, cipher: ConnectionCipher, databaseName: string): Database.Database {
  if (settings.directory === IN_MEMORY) {
    return configure(new Database(IN_MEMORY, { nativeBinding: sqliteNativeBinding() }));
  }
  const file = openFile(settings.directory, databaseName, cipher);
  const db = new Database(file, { nativeBinding: sqliteNativeBinding() });
  try {
    applyCipher(db, cipher);
    verifyReadable(db, file);
    // Only takes effect while the file is still empty (see bulk-write-policy.ts for why 8 KiB).
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${settings.synchronous ?? SYNCHRONOUS_MODE}`);
    // Another process (a backup tool, a second app instance) may hold the write lock briefly.
    db.pragma('busy_timeout = 5000');
    // The default auto-checkpoint (1000 pages) copies the WAL back into the database inside some
    // unlucky commit every few hundred single writes: the p95 spikes of single inserts. A larger
    // WAL (applyBaseSettings) checkpoints less often; a checkpoint never touches uncommitted data,
    // so this trades only WAL size (bounded by journal_size_limit after each checkpoint).
    db.pragma('journal_size_limit = 67108864');
    return configure(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The data directory 0700 and the database 0600 before SQLite opens it (its -wal and -shm take
 * its mode), an unencrypted database of an earlier install encrypted first.
 */
function openFile(directory: string, databaseName: string, cipher: ConnectionCipher): string {
  const file = databaseFile(directory, databaseName);
  ensurePrivateDirectory(directory);
  if (cipher.kind === 'encrypted') prepareEncryptedDatabaseFile(file, cipher);
  ensurePrivateFile(file);
  for (const suffix of ['-wal', '-shm', '-journal']) restrictToOwner(`${file}${suffix}`);
  return file;
}

function configure(db: Database.Database): Database.Database {
  // Page cache and checkpoint interval between bulk writes; see bulk-write-policy.ts.
  // The 64 MiB cache is an upper bound that only fills as pages are touched.
  applyBaseSettings(db);
  // Also keeps SQLite's temporary tables and sort spills off the disk, where they would be plaintext.
  db.pragma('temp_store = MEMORY');
  return db;
}

/**
 * One connection per database name, shared by all collections of that database and closed when
 * the last storage instance on it closes. For ':memory:' this also means the data lives exactly
 * as long as some instance is open, which is what tests want.
 */
export function createConnectionPool(settings: SqliteStorageOptions, cipher: ConnectionCipher): SqliteConnectionPool {
  const open = new Map<string, SqliteConnection>();
  return {
    acquire(databaseName) {
      const existing = open.get(databaseName);
      if (existing) {
        existing.refCount++;
        return existing;
      }
      const db = openDatabase(settings, cipher, databaseName);
      try {
        // The hook contract: setup runs once per connection, before any write on it.
        for (const hook of settings.hooks ?? []) {
          hook.setup(db);
        }
      } catch (error) {
        db.close();
        throw error;
      }
      const synchronous = settings.directory === IN_MEMORY ? undefined : (settings.synchronous ?? SYNCHRONOUS_MODE);
      const checkpointer =
        settings.directory === IN_MEMORY
          ? undefined
          : new BackgroundCheckpointer(databaseFile(settings.directory, databaseName), cipher, settings.onBackgroundError);
      const bulk = { idleCheckpoint: undefined, bulkSettings: false, checkpointer };
      const upkeep = new IdleUpkeep(db, settings.hooks ?? [], UPKEEP_AFTER_OPEN_MS, settings.onBackgroundError);
      const connection: SqliteConnection = {
        databaseName,
        db,
        refCount: 1,
        synchronous,
        changeSubjects: new Map(),
        facets: new Map(),
        bulk,
        upkeep,
      };
      open.set(databaseName, connection);
      // Whatever upkeep the last session left (it may have closed right after a large write).
      upkeep.touch();
      return connection;
    },
    release(connection) {
      connection.refCount--;
      if (connection.refCount > 0) {
        return;
      }
      open.delete(connection.databaseName);
      connection.upkeep.close();
      finishBulkWrites(connection.db, connection.bulk);
      for (const subject of connection.changeSubjects.values()) {
        subject.complete();
      }
      connection.changeSubjects.clear();
      connection.facets.clear();
      connection.db.close();
    },
    get(databaseName) {
      return open.get(databaseName);
    },
  };
}
