import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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
  if (!existsSync(path)) return undefined;
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
  if (key.length !== DATABASE_KEY_BYTES) {
    throw new Error(`The database key file ${path} is damaged (expected ${DATABASE_KEY_BYTES * 2} hex digits)`);
  }
  return key;
}

/**
 * Writes the key as hex to a 0600 temp file, fsyncs and renames it into place, so a crash leaves
 * either no key file or a whole one (a torn key would lock the user out of their data).
 */
export function writeKeyFile(dataDir: string, key: Buffer): void {
  const path = keyFilePath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, key.toString('hex'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

/** The browser host's (and scripts') key: the 0600 key file in the data directory, created on first use. */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const existing = readKeyFile(dataDir);
  if (existing) return existing;
  const key = randomBytes(DATABASE_KEY_BYTES);
  writeKeyFile(dataDir, key);
  return key;
}
