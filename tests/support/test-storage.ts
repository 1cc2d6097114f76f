import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import type { SqliteWriteHook } from '../../electron/core/storage/sqlite/sqlite-hooks';
import { TEST_DATABASE_KEY } from './test-database-key';

/**
 * Storage for tests: the real SQLite storage on a file, with dev-mode checking every schema
 * (maxLength on indexes, unsupported keywords) and Ajv validating every written document against
 * the RxDB schema, so a test that inserts a document proves it fits the stored schema too.
 */
export function testStorage(directory: string, hooks: readonly SqliteWriteHook[] = []): RxStorage<unknown, unknown> {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage: getRxStorageSqlite({ directory, hooks, databaseKey: TEST_DATABASE_KEY }) });
}

/** A fresh temp directory and its clean-up, for one test's database file. */
export function tempDirectory(prefix = 'crm-db-'): { readonly path: string; readonly cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
