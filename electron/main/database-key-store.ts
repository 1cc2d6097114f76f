import type { SafeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DATABASE_KEY_BYTES, keyFilePath, loadOrCreateKeyFile, readKeyFile } from '../core/security/database-key';
import type { Logger } from '../core/logging/logger';

/** The database key sealed by the OS key store, beside the database. */
export const SEALED_KEY_FILE_NAME = 'crm.key.sealed';

/** The part of Electron's safeStorage used here; injected so tests run without Electron. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export type KeyProtection = 'os-key-store' | 'key-file';
export type DatabaseKey = { readonly key: Buffer; readonly protection: KeyProtection };

export type DatabaseKeyErrorCode = 'key_store_unavailable' | 'key_unseal_failed' | 'sealed_key_damaged';

/** A key that exists but cannot be used: the database stays closed and the dialog says why. */
export class DatabaseKeyError extends Error {
  constructor(
    readonly code: DatabaseKeyErrorCode,
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = 'DatabaseKeyError';
  }
}

export type DatabaseKeyOptions = {
  readonly dataDir: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform?: NodeJS.Platform;
  readonly log: Pick<Logger, 'info' | 'warn'>;
};

/**
 * The Electron app's database key: 32 random bytes per install, sealed with safeStorage (Keychain,
 * DPAPI, libsecret or KWallet) in `<userData>/crm.key.sealed`. A plain `crm.key` (a data folder
 * made by `npm run seed`) is sealed and deleted once a key store is usable; the plain file is the
 * newer of the two when both exist (a seed wrote it for the database beside it). Where no OS key
 * store exists (safeStorage unavailable, or Linux's `basic_text`, which "encrypts" with a constant
 * key) the key stays in the 0600 key file, and AppInfo.keyProtection tells the user so.
 * Call after app 'ready': only then does safeStorage know its backend.
 */
export async function loadDatabaseKey(options: DatabaseKeyOptions): Promise<DatabaseKey> {
  const { dataDir, safeStorage, log } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const sealedPath = join(dataDir, SEALED_KEY_FILE_NAME);
  const usable = await keyStoreUsable(safeStorage, options.platform ?? process.platform, log);
  const plain = readKeyFile(dataDir);
  const sealed = readSealed(sealedPath);

  if (!usable) {
    if (plain) return { key: plain, protection: 'key-file' };
    if (sealed) {
      throw new DatabaseKeyError(
        'key_store_unavailable',
        `The database key is sealed by the OS key store (${sealedPath}), which is not available now. ` +
          'Unlock or start the keyring (on Linux: GNOME Keyring or KWallet) and open FieldCRM again.',
      );
    }
    log.warn('no OS key store: the database key is kept in a 0600 key file beside the database');
    return { key: loadOrCreateKeyFile(dataDir), protection: 'key-file' };
  }

  if (plain) {
    await seal(safeStorage, sealedPath, plain, log);
    // The sealed copy is on disk (written, synced, renamed, directory synced) before the plain one goes.
    rmSync(keyFilePath(dataDir), { force: true });
    syncDirectory(dataDir, log);
    log.info('moved the database key from the key file into the OS key store');
    return { key: plain, protection: 'os-key-store' };
  }
  if (sealed) {
    let unsealed: { result: string; shouldReEncrypt: boolean };
    try {
      unsealed = await safeStorage.decryptStringAsync(sealed);
    } catch (error) {
      throw new DatabaseKeyError(
        'key_unseal_failed',
        `The OS key store could not unseal the database key in ${sealedPath} (another user's key store, or a reset keychain); ` +
          'the database cannot be opened without it. The file was left as it is.',
        error,
      );
    }
    const key = parseKey(unsealed.result, sealedPath);
    if (unsealed.shouldReEncrypt) {
      await seal(safeStorage, sealedPath, key, log);
      log.info('resealed the database key with the key store’s current key');
    }
    return { key, protection: 'os-key-store' };
  }
  const key = randomBytes(DATABASE_KEY_BYTES);
  await seal(safeStorage, sealedPath, key, log);
  log.info('created a database key sealed by the OS key store');
  return { key, protection: 'os-key-store' };
}

async function keyStoreUsable(safeStorage: SafeStorageLike, platform: NodeJS.Platform, log: Pick<Logger, 'warn'>): Promise<boolean> {
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  } catch (error) {
    log.warn('asking safeStorage whether encryption is available failed; treating it as unavailable', error);
    return false;
  }
  if (platform !== 'linux') return true;
  // basic_text seals with a hard-coded password: no better than the 0600 file, and it would pretend to be.
  const backend = safeStorage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

function readSealed(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseKey(hex: string, path: string): Buffer {
  const key = Buffer.from(hex, 'hex');
  if (hex.length !== DATABASE_KEY_BYTES * 2 || key.length !== DATABASE_KEY_BYTES) {
    throw new DatabaseKeyError('sealed_key_damaged', `The sealed database key in ${path} is damaged; restore it from a backup.`);
  }
  return key;
}

/** Temp file 0600 + fsync + rename + directory fsync: a crash leaves the old sealed key or the new one, never half. */
async function seal(safeStorage: SafeStorageLike, path: string, key: Buffer, log: Pick<Logger, 'warn'>): Promise<void> {
  const sealed = await safeStorage.encryptStringAsync(key.toString('hex'));
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, sealed);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // The mode above applies only when the file is created; a temp file left by a crash keeps its own.
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  syncDirectory(dirname(path), log);
}

function syncDirectory(directory: string, log?: Pick<Logger, 'warn'>): void {
  let fd: number | undefined;
  try {
    fd = openSync(directory, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Windows cannot fsync a directory (NTFS journals renames itself); elsewhere it is worth a note.
    if (process.platform !== 'win32') log?.warn('syncing the data directory failed', error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
