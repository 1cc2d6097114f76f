import { ensureRxStorageInstanceParamsAreCorrect, RXDB_VERSION } from 'rxdb/plugins/core';
import type { RxStorageInstance, RxStorageInstanceCreationParams } from 'rxdb/plugins/core';
import { createConnectionPool } from './sqlite-connection-pool';
import { RxStorageInstanceSqlite } from './sqlite-storage-instance';
import type { RxStorageSqlite, SqliteInstanceOptions, SqliteInternals, SqliteStorageSettings } from './sqlite-types';

export const SQLITE_STORAGE_NAME = 'fieldcrm-sqlite';

/**
 * RxDB storage over better-sqlite3: one `${directory}/${databaseName}.sqlite` file per RxDB
 * database, shared by its collections, or one in-memory database per name with ':memory:'.
 */
export function getRxStorageSqlite(settings: SqliteStorageSettings): RxStorageSqlite {
  const pool = createConnectionPool(settings);
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
