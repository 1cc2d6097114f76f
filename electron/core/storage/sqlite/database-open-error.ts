/** Why the local database could not be opened; each comes with a message a user can act on. */
export type DatabaseOpenErrorCode =
  /** No key, or not 32 bytes: the host did not hand the core this install's key. */
  | 'database_key_missing'
  /** The file is encrypted with another key, or is not a database at all. */
  | 'database_key_rejected'
  /** The key file exists but does not hold a key. */
  | 'database_key_file_damaged'
  /** An unencrypted database could not be encrypted; it was left as it was. */
  | 'database_encryption_failed';

/**
 * An error with a code and a human message, thrown while the database opens (before the core
 * exists there is no one to return a value to); the hosts show `message` as it is.
 */
export class DatabaseOpenError extends Error {
  readonly code: DatabaseOpenErrorCode;

  constructor(code: DatabaseOpenErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.code = code;
  }
}
