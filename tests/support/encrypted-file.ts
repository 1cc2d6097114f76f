import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { TEST_DATABASE_KEY } from './test-database-key';
import { encryptedCipher, keyConnection } from '../../electron/core/storage/sqlite/sqlite-cipher';
import type { ConnectionCipher } from '../../electron/core/storage/sqlite/sqlite-cipher';

/** The cipher set-up of the storage's connections under the tests' key. */
export const TEST_CIPHER: ConnectionCipher = encryptedCipher(TEST_DATABASE_KEY);

/** A connection to a database file keyed as the storage keys its own: tests run on encrypted files. */
export function openEncryptedFile(file: string, options?: BetterSqlite3.Options): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, options);
  try {
    keyConnection(db, TEST_DATABASE_KEY, file);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
