import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb/plugins/core';
import type { RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb/plugins/core';
import { DatabaseOpenError } from './database-open-error';
import { createConnectionPool, IN_MEMORY } from './sqlite-connection-pool';
import { encryptedCipher } from './sqlite-cipher';
import type { ConnectionCipher } from './sqlite-cipher';
import { RxStorageInstanceSqlite } from './sqlite-storage-instance';
import type { RxStorageSqlite, SqliteInstanceOptions, SqliteInternals, SqliteStorageOptions, SqliteStorageSettings } from './sqlite-types';

export const SQLITE_STORAGE_NAME = 'fieldcrm-sqlite';

/**
 * RxDB storage over SQLite (better-sqlite3-multiple-ciphers): one encrypted
 * `${directory}/${databaseName}.sqlite` file per RxDB database, shared by its collections, or one
 * in-memory database per name with ':memory:'.
 */
export function getRxStorageSqlite(settings: SqliteStorageSettings): RxStorageSqlite {
  const { databaseKey, ...options } = settings;
  if (settings.directory === IN_MEMORY) return createSqliteStorage(options, { kind: 'plaintext' });
  if (!databaseKey) {
    throw new DatabaseOpenError(
      'database_key_missing',
      `No key was given for the database in ${settings.directory}: the host must pass this install's key`,
    );
  }
  return createSqliteStorage(options, encryptedCipher(databaseKey));
}

/**
 * The storage with its connections set up by `cipher`. getRxStorageSqlite is the only caller
 * outside tests; tests pass `{ kind: 'plaintext' }` to write the unencrypted files of earlier
 * installs, whose encryption they test.
 */
export function createSqliteStorage(settings: SqliteStorageOptions, cipher: ConnectionCipher): RxStorageSqlite {
  const pool = createConnectionPool(settings, cipher);
  const hooks = settings.hooks ?? [];
  return {
    name: SQLITE_STORAGE_NAME,
    rxdbVersion: RXDB_VERSION,
    settings,
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceOptions>,
    ): Promise<RxStorageInstance<RxDocType, SqliteInternals, SqliteInstanceOptions>> {
      try {
        ensureRxStorageInstanceParamsAreCorrect(params);
        if (params.schema.attachments) {
          throw new Error(`SQLite storage: collection ${params.collectionName} declares attachments, which this storage does not support`);
        }
        return Promise.resolve(new RxStorageInstanceSqlite<RxDocType>(params, pool, hooks));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    getConnection(databaseName) {
      return pool.get(databaseName)?.db;
    },
  };
}
