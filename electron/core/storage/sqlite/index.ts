export { getRxStorageSqlite, SQLITE_STORAGE_NAME } from './sqlite-storage';
export { RxStorageInstanceSqlite } from './sqlite-storage-instance';
export { SYNCHRONOUS_MODE } from './sqlite-connection-pool';
export type { HookTable, HookWrite, SqliteWriteHook, StoredDocument, StoredRow } from './sqlite-hooks';
export type { RxStorageSqlite, SqliteInstanceOptions, SqliteInternals, SqliteStorageSettings, SqliteSynchronousMode } from './sqlite-types';
