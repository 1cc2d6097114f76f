import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE_NAME, writeKeyFile } from '../core/security/database-key';
import { DatabaseKeyError, loadDatabaseKey, SEALED_KEY_FILE_NAME, type SafeStorageLike } from './database-key-store';

/** A reversible stand-in for the OS key store: enough to see that nothing is stored in clear. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: async (text) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`),
    decryptStringAsync: async (bytes) => {
      const text = bytes.toString();
      if (!text.startsWith('sealed:')) throw new Error('not ours');
      return { result: Buffer.from(text.slice('sealed:'.length), 'base64').toString(), shouldReEncrypt: false };
    },
    ...overrides,
  };
}

const silent = { info: () => undefined, warn: () => undefined };
const dirs: string[] = [];
const dataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the Electron database key', () => {
  it('creates a random key per install, sealed by the OS key store in a 0600 file, and finds it again', async () => {
    const dir = dataDir();
    const first = await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux', log: silent });
    expect(first.protection).toBe('os-key-store');
    expect(first.key).toHaveLength(32);
    const sealed = join(dir, SEALED_KEY_FILE_NAME);
    expect(statSync(sealed).mode & 0o777).toBe(0o600);
    expect(readFileSync(sealed, 'utf8')).not.toContain(first.key.toString('hex'));
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false);

    const again = await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'darwin', log: silent });
    expect(again).toEqual(first);
    // Another install gets another key.
    const other = await loadDatabaseKey({ dataDir: dataDir(), safeStorage: fakeSafeStorage(), platform: 'win32', log: silent });
    expect(other.key.equals(first.key)).toBe(false);
  });

  it('seals the plain key of a seeded data folder and deletes the plain file', async () => {
    const dir = dataDir();
    const seeded = Buffer.alloc(32, 7);
    writeKeyFile(dir, seeded);
    const loaded = await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux', log: silent });
    expect(loaded).toEqual({ key: seeded, protection: 'os-key-store' });
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false);
    expect((await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux', log: silent })).key).toEqual(seeded);
  });

  it('keeps a 0600 key file and says so where no OS key store exists (basic_text, or none at all)', async () => {
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (message: string) => void warnings.push(message) };
    for (const safeStorage of [
      fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      fakeSafeStorage({ isAsyncEncryptionAvailable: async () => false }),
    ]) {
      const dir = dataDir();
      const loaded = await loadDatabaseKey({ dataDir: dir, safeStorage, platform: 'linux', log });
      expect(loaded.protection).toBe('key-file');
      expect(statSync(join(dir, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dir, SEALED_KEY_FILE_NAME))).toBe(false);
      expect((await loadDatabaseKey({ dataDir: dir, safeStorage, platform: 'linux', log })).key).toEqual(loaded.key);
    }
    expect(warnings[0]).toContain('no OS key store');
  });

  it('refuses to start rather than make a new key when the sealed key cannot be unsealed', async () => {
    const dir = dataDir();
    await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux', log: silent });
    const before = readFileSync(join(dir, SEALED_KEY_FILE_NAME));

    const locked = loadDatabaseKey({
      dataDir: dir,
      safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      platform: 'linux',
      log: silent,
    });
    await expect(locked).rejects.toBeInstanceOf(DatabaseKeyError);
    await expect(locked).rejects.toMatchObject({ code: 'key_store_unavailable' });

    const foreign = fakeSafeStorage({ decryptStringAsync: async () => Promise.reject(new Error('wrong keychain')) });
    await expect(loadDatabaseKey({ dataDir: dir, safeStorage: foreign, platform: 'darwin', log: silent })).rejects.toMatchObject({
      code: 'key_unseal_failed',
    });
    expect(readFileSync(join(dir, SEALED_KEY_FILE_NAME))).toEqual(before);
    expect(existsSync(join(dir, KEY_FILE_NAME))).toBe(false);
  });

  it('reseals when the key store asks for it', async () => {
    const dir = dataDir();
    const { key } = await loadDatabaseKey({ dataDir: dir, safeStorage: fakeSafeStorage(), platform: 'linux', log: silent });
    writeFileSync(join(dir, SEALED_KEY_FILE_NAME), `sealed:${Buffer.from(key.toString('hex')).toString('base64')}`);
    let resealed = 0;
    const rotating = fakeSafeStorage({
      decryptStringAsync: async (bytes) => ({ ...(await fakeSafeStorage().decryptStringAsync(bytes)), shouldReEncrypt: true }),
      encryptStringAsync: async (text) => {
        resealed++;
        return fakeSafeStorage().encryptStringAsync(text);
      },
    });
    expect((await loadDatabaseKey({ dataDir: dir, safeStorage: rotating, platform: 'linux', log: silent })).key).toEqual(key);
    expect(resealed).toBe(1);
  });
});
