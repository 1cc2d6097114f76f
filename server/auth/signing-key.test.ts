import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Queryable } from '../db/db';
import { openDb } from '../db/open-db';
import type { RunningServer } from '../server';
import { api, PASSWORD, startTestServer, testConfig } from '../testing/harness';
import { backends, createTestDatabase, type TestDatabase } from '../testing/test-db';
import { KEY_FILE_NAME } from './signing-key';
import { signAccessToken, verifyAccessToken, type SigningKey } from './tokens';
import { createUser } from './users';

/** Does the server's key accept a token signed with `secret`'s bytes? */
const signsWith = async (key: SigningKey, secret: string): Promise<boolean> =>
  verifyAccessToken(key, await signAccessToken(new TextEncoder().encode(secret), 'u', 60)).then(
    (claims) => claims.userId === 'u',
    () => false,
  );

const MIGRATIONS = fileURLToPath(new URL('../db/migrations/', import.meta.url));

/** Every text value of every table, to show a secret is stored nowhere in the database. */
const everything = async (db: Queryable): Promise<string> => {
  const tables = await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'");
  const parts = await Promise.all(tables.map((t) => db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${t.name}" t`)));
  return parts
    .flat()
    .map((r) => r.row)
    .join('\n');
};

/** A database as the server left it before the key moved out: migrations up to 0003 and the key in `server_secrets`. */
const oldDatabase = async (db: Queryable, legacyKey: string): Promise<void> => {
  await db.query('CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const file of (await readdir(MIGRATIONS)).filter((f) => f < '0004').sort()) {
    for (const statement of (await readFile(MIGRATIONS + file, 'utf8')).split(/;\s*$/m).filter((s) => s.replace(/--.*$/gm, '').trim())) {
      await db.query(statement);
    }
    await db.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
  }
  await db.query("INSERT INTO server_secrets (name, value) VALUES ('jwt', $1)", [legacyKey]);
};

describe.each(backends())('token signing key on %s', (backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const setup = async () => {
    const root = await mkdtemp(join(tmpdir(), 'sync-key-'));
    const database: TestDatabase | undefined = backend === 'pg' ? await createTestDatabase() : undefined;
    cleanups.push(async () => {
      await database?.drop();
      await rm(root, { recursive: true, force: true });
    });
    // A data directory whose parents do not exist yet, as in a fresh clone (`.data/server`).
    const dataDir = join(root, 'fresh', '.data', 'server');
    return { root, dataDir, config: testConfig({ jwtSecret: undefined, dataDir, databaseUrl: database?.url }) };
  };
  const start = async (config: ReturnType<typeof testConfig>): Promise<RunningServer> => {
    const server = await startTestServer(config);
    cleanups.push(() => server.close());
    return server;
  };

  it('a fresh start creates the data directory and a 0600 key file; the key is in no table and survives restarts', async () => {
    const { dataDir, config } = await setup();
    const first = await start(config);
    const keyFile = join(dataDir, KEY_FILE_NAME);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const key = (await readFile(keyFile, 'utf8')).trim();
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(await everything(first.ctx.db)).not.toContain(key);
    expect(await first.ctx.db.query("SELECT to_regclass('server_secrets') AS t")).toEqual([{ t: null }]);

    const admin = await createUser(first.ctx.db, { email: 'k@x.test', password: PASSWORD, role: 'admin', teamId: null }, 1024);
    const token = String((await api(first).post('/auth/login', { email: 'k@x.test', password: PASSWORD })).body.accessToken);
    await first.close();
    cleanups.pop();
    const second = await start(config);
    expect((await api(second).get('/auth/me', token)).body).toMatchObject({ userId: admin.userId });
    expect((await readFile(keyFile, 'utf8')).trim()).toBe(key);
  });

  it('moves a key kept in the database into the key file, so tokens it signed stay valid', async () => {
    const { dataDir, config } = await setup();
    const legacyKey = 'legacy-key-legacy-key-legacy-key-legacy-key';
    const old = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir }, () => undefined);
    let userId: string;
    try {
      await oldDatabase(old, legacyKey);
      userId = (await createUser(old, { email: 'old@x.test', password: PASSWORD, role: 'admin', teamId: null }, 1024)).userId;
    } finally {
      await old.close();
    }
    const issuedBefore = await signAccessToken(new TextEncoder().encode(legacyKey), userId, 600);
    const server = await start(config);
    expect((await api(server).get('/auth/me', issuedBefore)).body).toMatchObject({ userId });
    expect((await readFile(join(dataDir, KEY_FILE_NAME), 'utf8')).trim()).toBe(legacyKey);
    expect(await everything(server.ctx.db)).not.toContain(legacyKey);
  });

  it('takes the key from SYNC_JWT_SECRET or a configured key file, and refuses short ones', async () => {
    const { root, config: withDir } = await setup();
    // Only the key matters here: PGlite in memory, the key file elsewhere.
    const config = { ...withDir, dataDir: undefined };
    const keyFile = join(root, 'keys', 'sync.key');
    const fromFile = await start({ ...config, jwtKeyFile: keyFile });
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await expect(signsWith(fromFile.ctx.jwtKey, (await readFile(keyFile, 'utf8')).trim())).resolves.toBe(true);
    await fromFile.close();
    cleanups.pop();

    const secret = 'configured-secret-configured-secret-0123';
    const fromEnv = await start({ ...config, jwtSecret: secret, jwtKeyFile: keyFile });
    await expect(signsWith(fromEnv.ctx.jwtKey, secret)).resolves.toBe(true);
    await fromEnv.close();
    cleanups.pop();

    await expect(startTestServer({ ...config, jwtSecret: 'too-short' })).rejects.toThrow(/at least 32/);
    await writeFile(keyFile, 'short\n');
    await expect(startTestServer({ ...config, jwtKeyFile: keyFile })).rejects.toThrow(/at least 32/);
  });
});
