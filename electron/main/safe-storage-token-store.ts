import type { SafeStorage } from 'electron';
import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileTokenStore, TOKEN_FILE_NAME } from '../core/sync/file-token-store';
import type { StoredSession, TokenStore } from '../core/sync/token-store';

export const ENCRYPTED_TOKEN_FILE_NAME = 'sync-session.enc';

/** The part of Electron's safeStorage we use; injected so tests run without Electron. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export type SafeStorageTokenStoreOptions = {
  readonly directory: string;
  readonly safeStorage: SafeStorageLike;
  readonly platform?: NodeJS.Platform;
  readonly log?: (message: string, error?: unknown) => void;
};

/**
 * Electron's TokenStore: the session JSON encrypted with safeStorage (Keychain, DPAPI, libsecret
 * or KWallet) in `<dataDir>/sync-session.enc`, written 0600 through a temp file and a rename so a
 * crash leaves the old or the new session, never half of one.
 *
 * When the OS offers no real key store (Linux without a keyring reports `basic_text`, which
 * "encrypts" with a constant key), we fall back to the browser host's 0600 plain file instead of
 * pretending: it is protected exactly as well as crm.sqlite beside it, which holds the customer
 * data itself. Forgetting the session at every start instead would leave a rep who restarts the
 * laptop offline unable to sync until they can sign in again.
 */
export async function createSafeStorageTokenStore(options: SafeStorageTokenStoreOptions): Promise<TokenStore> {
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(`[token-store] ${message}`, error ?? ''));
  const plain = createFileTokenStore(options.directory);
  if (!(await encryptionUsable(options))) {
    log('no OS key store available; the sync session is kept in a 0600 file in the data directory');
    return plain;
  }
  const { safeStorage } = options;
  const path = join(options.directory, ENCRYPTED_TOKEN_FILE_NAME);

  const save = async (session: StoredSession): Promise<void> => {
    const encrypted = await safeStorage.encryptStringAsync(JSON.stringify(session));
    const temp = `${path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(encrypted);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temp, 0o600);
    await rename(temp, path);
    // A plain copy from a run without a key store must not outlive the encrypted one.
    await rm(join(options.directory, TOKEN_FILE_NAME), { force: true });
  };

  return {
    async load() {
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        // Upgrade a session saved while no key store was available, then drop the plain file.
        const legacy = await plain.load();
        if (legacy) await save(legacy);
        return legacy;
      }
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(bytes);
        const session = parseSession(result);
        if (session && shouldReEncrypt) await save(session);
        return session;
      } catch (error) {
        // Another OS user's key, a reset keychain or a torn file: signed out, not a crash at start.
        log('the stored sync session could not be decrypted; sign in again', error);
        return undefined;
      }
    },
    save,
    async clear() {
      await Promise.all([rm(path, { force: true }), plain.clear()]);
    },
  };
}

async function encryptionUsable(options: SafeStorageTokenStoreOptions): Promise<boolean> {
  try {
    if (!(await options.safeStorage.isAsyncEncryptionAvailable())) return false;
    if ((options.platform ?? process.platform) === 'linux') return options.safeStorage.getSelectedStorageBackend() !== 'basic_text';
    return true;
  } catch {
    return false;
  }
}

function parseSession(text: string): StoredSession | undefined {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const ok =
    typeof v.serverUrl === 'string' &&
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.accessExpiresAt === 'number' &&
    typeof v.user === 'object' &&
    v.user !== null;
  return ok ? (value as StoredSession) : undefined;
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
}
