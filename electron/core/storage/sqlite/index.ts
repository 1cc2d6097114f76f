export { getRxStorageSqlite, SQLITE_STORAGE_NAME } from './sqlite-storage';
export { RxStorageInstanceSqlite } from './sqlite-storage-instance';
export type { Modify } from './sqlite-storage-instance';
export { modifyDocuments } from './modify-documents';
export { SYNCHRONOUS_MODE } from './sqlite-connection-pool';
export { DatabaseOpenError } from './database-open-error';
export type { DatabaseOpenErrorCode } from './database-open-error';
export { DATABASE_KEY_LENGTH, keyConnection } from './sqlite-cipher';
export type { HookTable, HookWrite, SqliteWriteHook, StoredDocument, StoredRow } from './sqlite-hooks';
export type {
  RxStorageSqlite,
  SqliteInstanceOptions,
  SqliteInternals,
  SqliteStorageOptions,
  SqliteStorageSettings,
  SqliteSynchronousMode,
} from './sqlite-types';
