import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDirectory, fsyncDirectory, isNotFound, PRIVATE_FILE_MODE } from '../security/private-files';
import type { StoredSession, TokenStore } from './token-store';

/** The sync session, encrypted (see createFileTokenStore). */
export const TOKEN_FILE_NAME = 'sync-session.enc';
/** Where installs before encryption at rest kept the session in plain JSON; migrated on load. */
export const PLAIN_TOKEN_FILE_NAME = 'sync-session.json';

/** Version tag at the start of the file, also authenticated with the ciphertext. */
const MAGIC = Buffer.from('FCRM-TOKENS-1\n', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF info: this key encrypts the session file and nothing else. */
const KEY_INFO = 'FieldCRM sync-session file, AES-256-GCM';

export type FileTokenStoreOptions = {
  /** The data directory. */
  readonly directory: string;
  /** The install's database key; the file's key is derived from it (HKDF-SHA256). */
  readonly databaseKey: Uint8Array;
  readonly log?: (message: string, error?: unknown) => void;
};

/**
 * The core's TokenStore, the same in every host: the session JSON encrypted with AES-256-GCM in
 * `<dataDir>/sync-session.enc` (0600), under a key derived from the database key, so the tokens
 * are exactly as safe as the customer data beside them (in Electron the OS key store guards the
 * database key). Written to a 0600 temp file, fsynced and renamed over the old one, so a crash
 * leaves the old or the new session. A torn file, another install's file or one written by an
 * earlier Electron build (safeStorage) reads as "signed out", with a log line; never a crash.
 */
export function createFileTokenStore(options: FileTokenStoreOptions): TokenStore {
  const { directory } = options;
  const path = join(directory, TOKEN_FILE_NAME);
  const plainPath = join(directory, PLAIN_TOKEN_FILE_NAME);
  const key = Buffer.from(hkdfSync('sha256', options.databaseKey, Buffer.alloc(0), KEY_INFO, 32));
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(`[token-store] ${message}`, error ?? ''));

  const save = async (session: StoredSession): Promise<void> => {
    ensurePrivateDirectory(directory);
    const temp = `${path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(seal(key, JSON.stringify(session)));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    // A plain copy must not outlive the encrypted one.
    await rm(plainPath, { force: true });
    fsyncDirectory(directory);
  };

  /** A plain session from an earlier install: encrypted, then the plain file removed. */
  const migratePlain = async (): Promise<StoredSession | undefined> => {
    const text = await readIfExists(plainPath, 'utf8');
    if (text === undefined) return undefined;
    const session = parseSession(text);
    if (session) {
      await save(session);
    } else {
      log(`${PLAIN_TOKEN_FILE_NAME} is not a sync session (torn or foreign); signed out, and the file removed`);
      await rm(plainPath, { force: true });
    }
    return session;
  };

  return {
    async load() {
      const bytes = await readIfExists(path);
      if (bytes === undefined) return migratePlain();
      // Left by a crash between writing the encrypted file and removing the plain one.
      await rm(plainPath, { force: true });
      const text = unseal(key, bytes);
      const session = text === undefined ? undefined : parseSession(text);
      if (!session) log(`${TOKEN_FILE_NAME} could not be decrypted with this install's key (torn or foreign); signed out`);
      return session;
    },
    save,
    async clear() {
      await Promise.all([rm(path, { force: true }), rm(plainPath, { force: true })]);
      fsyncDirectory(directory);
    },
  };
}

/** MAGIC | IV | tag | ciphertext, MAGIC authenticated as associated data. */
function seal(key: Buffer, text: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(MAGIC);
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), ciphertext]);
}

/** The plaintext, or undefined when the bytes are not a whole file sealed with this key. */
function unseal(key: Buffer, bytes: Buffer): string | undefined {
  if (bytes.length < MAGIC.length + IV_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = bytes.subarray(MAGIC.length + IV_BYTES, MAGIC.length + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(MAGIC.length + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (error) {
    // final() throws exactly when authentication fails: another key, or changed bytes.
    if (error instanceof Error && /authenticate/i.test(error.message)) return undefined;
    throw error;
  }
}

async function readIfExists(path: string): Promise<Buffer | undefined>;
async function readIfExists(path: string, encoding: 'utf8'): Promise<string | undefined>;
async function readIfExists(path: string, encoding?: 'utf8'): Promise<Buffer | string | undefined> {
  try {
    return encoding ? await readFile(path, encoding) : await readFile(path);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function parseSession(text: string): StoredSession | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
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
