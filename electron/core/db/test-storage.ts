import { addRxPlugin, type RxStorage } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';

/**
 * Storage for tests: dev-mode checks every schema (maxLength on indexes, unsupported keywords) and
 * Ajv validates every written document against the RxDB schema, so a test that inserts a document
 * proves it fits the stored schema, not only the zod validator.
 */
export function testStorage(base: RxStorage<unknown, unknown> = getRxStorageMemory()): RxStorage<unknown, unknown> {
  disableWarnings();
  addRxPlugin(RxDBDevModePlugin);
  return wrappedValidateAjvStorage({ storage: base });
}
