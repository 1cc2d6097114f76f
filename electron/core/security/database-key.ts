import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseOpenError } from '../storage/sqlite/database-open-error';
import { ensurePrivateDirectory, fsyncDirectory, isNotFound, PRIVATE_FILE_MODE, restrictToOwner } from './private-files';

/** The database key: 32 random bytes per install, used as a raw cipher key (no password KDF). */
export const DATABASE_KEY_BYTES = 32;

/** Where a host without an OS key store keeps the key: beside the database, readable only by the user. */
export const KEY_FILE_NAME = 'crm.key';

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

/** Reads the key file, or undefined when there is none; a file of the wrong size is an error, never replaced. */
export function readKeyFile(dataDir: string): Buffer | undefined {
  const path = keyFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
  const hex = text.trim();
  const key = Buffer.from(hex, 'hex');
  if (key.length !== DATABASE_KEY_BYTES || hex.length !== DATABASE_KEY_BYTES * 2) {
    throw new DatabaseOpenError(
      'database_key_file_damaged',
      `The database key file ${path} is damaged (expected ${DATABASE_KEY_BYTES * 2} hex digits). ` +
        'It was left as it is: without the key the database cannot be read, so restore the file from a backup.',
    );
  }
  // Key files written before data directories were made private were world-readable.
  restrictToOwner(path);
  return key;
}

/**
 * Writes the key as hex to a 0600 temp file, fsyncs and renames it into place, so a crash leaves
 * either no key file or a whole one (a torn key would lock the user out of their data).
 */
export function writeKeyFile(dataDir: string, key: Buffer): void {
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new DatabaseOpenError('database_key_missing', `A database key has ${DATABASE_KEY_BYTES} bytes, not ${key.length}`);
  }
  ensurePrivateDirectory(dataDir);
  const path = keyFilePath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, key.toString('hex'));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  restrictToOwner(temp);
  renameSync(temp, path);
  // The key must be on disk before anything is encrypted with it.
  fsyncDirectory(dataDir);
}

/** The browser host's (and scripts') key: the 0600 key file in the data directory, created on first use. */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  ensurePrivateDirectory(dataDir);
  const existing = readKeyFile(dataDir);
  if (existing) return existing;
  const key = randomBytes(DATABASE_KEY_BYTES);
  writeKeyFile(dataDir, key);
  return key;
}
