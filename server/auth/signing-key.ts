import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config';
import type { Queryable } from '../db/db';
import type { SigningKey } from './tokens';

const MIN_LENGTH = 32;
export const KEY_FILE_NAME = 'jwt-signing.key';

/** Where the HS256 secret lives when it is not given inline: the configured file, else the data directory's. */
export const keyFilePath = (config: Pick<ServerConfig, 'jwtKeyFile' | 'dataDir'>): string | undefined =>
  config.jwtKeyFile ?? (config.dataDir ? join(config.dataDir, KEY_FILE_NAME) : undefined);

const newSecret = (): string => randomBytes(48).toString('base64url');

/** The secret's UTF-8 bytes as a non-extractable HMAC key (the same bytes every process signs with). */
const importKey = (secret: string): Promise<SigningKey> =>
  webcrypto.subtle.importKey('raw', Buffer.from(secret, 'utf8'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);

const alreadyExists = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && err.code === 'EEXIST';

/**
 * Writes `secret` to `path` (0600) unless the file exists; `wx` makes the first of several
 * processes sharing a data directory win, and the others read what it wrote.
 */
const createKeyFile = async (path: string, secret: string): Promise<boolean> => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return true;
  } catch (err) {
    if (alreadyExists(err)) return false;
    throw err;
  }
};

const readKeyFile = async (path: string, log: Logger): Promise<string> => {
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < MIN_LENGTH) throw new Error(`the token signing key in ${path} must be at least ${MIN_LENGTH} characters`);
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) {
    log.warn({ path, mode: (mode & 0o777).toString(8) }, 'the token signing key file is readable by other users; chmod 600 it');
  }
  return secret;
};

/**
 * The HS256 key, from configuration only: `SYNC_JWT_SECRET`, else the key file (generated, 0600,
 * when missing). Without a data directory or key file (in-memory tests) the key lives only in
 * this process.
 */
export const loadSigningKey = async (config: ServerConfig, log: Logger): Promise<SigningKey> => {
  if (config.jwtSecret) {
    if (config.jwtSecret.length < MIN_LENGTH) throw new Error(`SYNC_JWT_SECRET must be at least ${MIN_LENGTH} characters`);
    return importKey(config.jwtSecret);
  }
  const path = keyFilePath(config);
  if (!path) {
    log.warn('no data directory and no SYNC_JWT_SECRET: tokens are signed with a key that dies with this process');
    return importKey(newSecret());
  }
  if (await createKeyFile(path, newSecret())) {
    log.info({ path }, 'generated a token signing key file (mode 0600); keep it private and back it up with the data');
  }
  if (config.databaseUrl && !config.jwtKeyFile) {
    log.warn(
      { path },
      'every server process sharing this database must sign with the same key: give them this file (SYNC_JWT_KEY_FILE) or one SYNC_JWT_SECRET',
    );
  }
  return importKey(await readKeyFile(path, log));
};

/**
 * Databases created before the key left the database hold it in `server_secrets`. Before the
 * migration that drops that table runs, the key moves into the key file (when the key comes from
 * a file and the file does not exist yet), so access tokens it signed stay valid.
 */
export const moveLegacyKey = async (db: Queryable, config: ServerConfig, log: Logger): Promise<void> => {
  const [table] = await db.query<{ present: boolean }>("SELECT to_regclass('server_secrets') IS NOT NULL AS present");
  if (!table?.present) return;
  const [row] = await db.query<{ value: string }>("SELECT value FROM server_secrets WHERE name = 'jwt'");
  if (!row) return;
  const path = keyFilePath(config);
  if (!config.jwtSecret && path && (await createKeyFile(path, row.value))) {
    log.info({ path }, 'moved the token signing key out of the database into a key file (mode 0600); issued tokens stay valid');
    return;
  }
  if (config.jwtSecret) log.info('removing the unused token signing key from the database (SYNC_JWT_SECRET is set)');
  else
    log.warn(
      { path },
      'the key file replaces the token signing key kept in the database; access tokens signed by the old key are refused and clients refresh them',
    );
};
