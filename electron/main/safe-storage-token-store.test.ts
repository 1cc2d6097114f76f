import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileTokenStore, TOKEN_FILE_NAME } from '../core/sync/file-token-store';
import type { StoredSession } from '../core/sync/token-store';
import { createSafeStorageTokenStore, ENCRYPTED_TOKEN_FILE_NAME, type SafeStorageLike } from './safe-storage-token-store';

const SESSION: StoredSession = {
  serverUrl: 'https://sync.example.test',
  user: { userId: 'u1', email: 'rep@example.test', role: 'rep', teamId: 't1' },
  accessToken: 'access-secret-token',
  accessExpiresAt: 1_700_000_000_000,
  refreshToken: 'refresh-secret-token',
};

/** Reversible stand-in for the OS key store: enough to prove nothing is written in clear. */
function fakeSafeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptStringAsync: async (text) => Buffer.from(Buffer.from(text).map((b) => b ^ 0x5a)),
    decryptStringAsync: async (bytes) => ({ result: Buffer.from(bytes.map((b) => b ^ 0x5a)).toString(), shouldReEncrypt: false }),
    ...overrides,
  };
}

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'token-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('safeStorage token store', () => {
  it('keeps the session encrypted, 0600, and reads it back', async () => {
    const directory = tempDir();
    const store = await createSafeStorageTokenStore({ directory, safeStorage: fakeSafeStorage(), platform: 'linux' });
    await store.save(SESSION);
    const file = join(directory, ENCRYPTED_TOKEN_FILE_NAME);
    expect(readFileSync(file).toString('latin1')).not.toContain('refresh-secret-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.load()).toEqual(SESSION);
    await store.clear();
    expect(await store.load()).toBeUndefined();
  });

  it('falls back to the 0600 plain file when Linux has no key store (basic_text)', async () => {
    const directory = tempDir();
    const log: string[] = [];
    const store = await createSafeStorageTokenStore({
      directory,
      safeStorage: fakeSafeStorage({ getSelectedStorageBackend: () => 'basic_text' }),
      platform: 'linux',
      log: (message) => log.push(message),
    });
    await store.save(SESSION);
    expect(existsSync(join(directory, TOKEN_FILE_NAME))).toBe(true);
    expect(existsSync(join(directory, ENCRYPTED_TOKEN_FILE_NAME))).toBe(false);
    expect(log.join('\n')).toContain('no OS key store');
  });

  it('moves a plain session into the encrypted file once a key store exists', async () => {
    const directory = tempDir();
    await createFileTokenStore(directory).save(SESSION);
    const store = await createSafeStorageTokenStore({ directory, safeStorage: fakeSafeStorage(), platform: 'darwin' });
    expect(await store.load()).toEqual(SESSION);
    expect(existsSync(join(directory, TOKEN_FILE_NAME))).toBe(false);
    expect(existsSync(join(directory, ENCRYPTED_TOKEN_FILE_NAME))).toBe(true);
  });

  it('reads an undecryptable file as signed out instead of failing the start', async () => {
    const directory = tempDir();
    writeFileSync(join(directory, ENCRYPTED_TOKEN_FILE_NAME), 'garbage');
    const store = await createSafeStorageTokenStore({
      directory,
      safeStorage: fakeSafeStorage({ decryptStringAsync: async () => Promise.reject(new Error('key changed')) }),
      log: () => undefined,
    });
    expect(await store.load()).toBeUndefined();
  });
});
