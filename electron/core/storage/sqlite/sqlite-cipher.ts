import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { PAGE_SIZE } from './bulk-write-policy';
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
 * SQLCipher 4's format (SQLite3MultipleCiphers' `sqlcipher` scheme in legacy mode 4): AES-256-CBC
 * per page with a random IV and an HMAC-SHA512 over it, page 1 encrypted whole (the salt in its
 * first 16 bytes), so `PRAGMA key = "x'…'"; PRAGMA cipher_page_size = 8192;` opens the file in
 * SQLCipher itself, and the format is the one other tools and auditors know.
 * Chosen over the library's default, ChaCha20-Poly1305 (a format only SQLite3MultipleCiphers
 * reads), because run side by side on the same data the two were within run-to-run noise of each
 * other on every bench:store figure (docs/encryption.md has the runs), once FTS5's index blobs
 * were made to fit two to a page next to the 80 reserved bytes (search-schema.ts); at equal cost
 * the format other tools can open wins.
 * The key is raw (x'…' hex): no PBKDF2 at open, the key is already 32 random bytes.
 */
const CIPHER_CONFIG: readonly string[] = ['cipher = sqlcipher', 'legacy = 4', `legacy_page_size = ${PAGE_SIZE}`];

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
