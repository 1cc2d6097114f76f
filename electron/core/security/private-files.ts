import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';

/** The data directory: only its owner may list or enter it. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
/** Every file the core writes in the data directory: only its owner may read or write it. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the directory (and missing parents) 0700, or narrows an existing one to 0700: data
 * directories made before encryption at rest were 0755, and their files world-readable.
 */
export function ensurePrivateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if ((statSync(directory).mode & 0o777) !== PRIVATE_DIRECTORY_MODE) {
    chmodSync(directory, PRIVATE_DIRECTORY_MODE);
  }
}

/**
 * Creates the file empty and 0600 when it does not exist, and narrows it to 0600 when it does.
 * SQLite creates a database's -wal, -shm and -journal with the database file's mode, so a
 * database file made 0600 before SQLite first opens it keeps all of them private.
 */
export function ensurePrivateFile(file: string): void {
  // 'a' never truncates an existing file; the mode applies only when the file is created.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  restrictToOwner(file);
}

/** Narrows an existing file to 0600; a file that does not exist is left alone. */
export function restrictToOwner(file: string): void {
  let mode: number;
  try {
    mode = statSync(file).mode & 0o777;
  } catch (error) {
    if (isNotFound(error)) return;
    throw error;
  }
  if (mode !== PRIVATE_FILE_MODE) chmodSync(file, PRIVATE_FILE_MODE);
}

/** Flushes a file's data to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Flushes a directory's entries, so a rename or unlink in it survives a power loss. Windows cannot
 * open a directory for fsync (EPERM/EISDIR); NTFS journals renames itself, so nothing is lost there.
 */
export function fsyncDirectory(directory: string): void {
  let fd: number;
  try {
    fd = openSync(directory, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    if (process.platform !== 'win32') throw error;
  } finally {
    closeSync(fd);
  }
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
}
