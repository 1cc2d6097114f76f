import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { DatabaseOpenError } from './database-open-error';

/** Length of the raw key (AES-256 / ChaCha20 key size). */
export const DATABASE_KEY_LENGTH = 32;

/**
 * How every connection to a database file is set up before its first read: the cipher pragmas
 * followed by the key, or nothing for an unencrypted file (':memory:', and tests that build the
 * unencrypted files of earlier installs to test their migration).
 */
export type ConnectionCipher = { readonly kind: 'encrypted'; readonly pragmas: readonly string[] } | { readonly kind: 'plaintext' };

/**
 * AEGIS-256 (SQLite3MultipleCiphers' `aegis` scheme): an authenticated cipher built on the AES
 * round, so it runs on the CPU's AES instructions (AES-NI, ARMv8 crypto); each page carries its
 * nonce and tag in the page's reserved bytes and a changed byte fails to decrypt. Chosen over
 * SQLCipher 4's format (AES-256-CBC plus an HMAC-SHA512 per page, computed in software on every
 * page read from disk and every page written) because that per-page hash is what made encrypted
 * saves, bulk loads and FTS merges cost up to twice the unencrypted ones; AEGIS stays within a
 * few percent of them (bench:store, docs/encryption.md). The price is that only
 * SQLite3MultipleCiphers (its shell, or any build of the library) opens the file, not SQLCipher.
 * The key is raw (x'…' hex): no Argon2 at open, the key is already 32 random bytes.
 */
const CIPHER_CONFIG: readonly string[] = ['cipher = aegis', 'algorithm = aegis256'];

/** The pragmas that key a connection; they contain the key, so they are never logged. */
export function encryptedCipher(key: Uint8Array): ConnectionCipher {
  if (key.length !== DATABASE_KEY_LENGTH) {
    throw new DatabaseOpenError(
      'database_key_missing',
      `The database key must be ${DATABASE_KEY_LENGTH} bytes, got ${key.length}: the host did not pass this install's key`,
    );
  }
  const hex = Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('hex');
  return { kind: 'encrypted', pragmas: [...CIPHER_CONFIG, `key = "x'${hex}'"`] };
}

/** Keys a fresh connection; must run before anything reads the file. */
export function applyCipher(db: BetterSqlite3.Database, cipher: ConnectionCipher): void {
  if (cipher.kind === 'plaintext') return;
  for (const pragma of cipher.pragmas) db.pragma(pragma);
}

/**
 * Reads the schema once, which decrypts page 1: a wrong key (or a file that is no database)
 * fails here with words a user can act on, instead of at some later query.
 */
export function verifyReadable(db: BetterSqlite3.Database, file: string): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    if (isSqliteCode(error, 'SQLITE_NOTADB')) {
      throw new DatabaseOpenError(
        'database_key_rejected',
        `The database could not be opened with this install's key: ${file} is encrypted with another key, or damaged. ` +
          'Nothing was changed or deleted. Restore the key this database was created with (the OS key store entry, ' +
          'or crm.key in the data directory), or move the file away to start with an empty database.',
        { cause: error },
      );
    }
    throw error;
  }
}

export function isSqliteCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === code;
}

/**
 * Keys a connection another module opened on a database file (scripts, e2e tests, the bench's raw
 * baseline) and checks the key, with the same settings as the storage's own connections.
 */
export function keyConnection(db: BetterSqlite3.Database, key: Uint8Array, file: string = db.name): void {
  applyCipher(db, encryptedCipher(key));
  verifyReadable(db, file);
}
