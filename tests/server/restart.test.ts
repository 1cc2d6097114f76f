import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, pullAll, pushRows, type Json } from '../../server/testing/harness';
import { backends, createTestDatabase, type TestDatabase } from '../../server/testing/test-db';
import { exited, freePort, logged, runServer as run, waitHealthy } from '../sync/server-process';

const SECRET = 'restart-test-secret-restart-test-secret';

// The two backends run side by side: each test spends most of its time waiting on child processes.
describe('server process', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  });

  it.concurrent.each(backends())(
    'on %s: creates an admin from the CLI; a push killed mid-transaction leaves nothing half-applied',
    async (backend) => {
      const database: TestDatabase | undefined = backend === 'pg' ? await createTestDatabase() : undefined;
      const dataDir = await mkdtemp(join(tmpdir(), 'sync-restart-'));
      try {
        await scenario(database, dataDir, children);
      } finally {
        await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

const scenario = async (database: TestDatabase | undefined, dataDir: string, children: ChildProcess[]): Promise<void> => {
  const env = { DATABASE_URL: database?.url ?? '', SYNC_JWT_SECRET: SECRET };
  // Parents that do not exist yet, as `.data/server` in a fresh clone: the CLI creates them.
  const dirArgs = ['--data-dir', join(dataDir, '.data', 'server')];

  const create = run([...dirArgs, '--create-admin', '--email', 'Boss@x.test', '--password', 'a long admin password'], env);
  let out = '';
  create.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  expect(await exited(create)).toBe(0);
  expect(out).toContain('created admin boss@x.test');

  const port = await freePort();
  const server = { url: `http://127.0.0.1:${port}` };
  const start = (extra: NodeJS.ProcessEnv = {}): ChildProcess => {
    const child = run([...dirArgs, '--port', String(port)], { ...env, ...extra });
    children.push(child);
    return child;
  };
  // The fault hook holds the push transaction open after its first row so we can kill the process there.
  let child = start({ SYNC_FAULT_PUSH_PAUSE_MS: '20000' });
  const greeting = logged(child, `listening on ${server.url}`);
  await waitHealthy(server.url, child);
  await greeting;
  const client = api(server);
  const login = await client.post('/auth/login', { email: 'boss@x.test', password: 'a long admin password' });
  expect(login.status).toBe(200);
  const token = String(login.body.accessToken);
  const adminId = String((login.body.user as Json).userId);
  const docs = ['r1', 'r2', 'r3'].map((id) => ({
    id: `restart-${id}`,
    ownerId: adminId,
    // An admin has no team; the app files their records under their own id.
    teamId: adminId,
    createdAt: 1,
    updatedAt: 1,
    name: id,
    status: 'active',
    tier: 'key',
    region: 'emea',
    currency: 'EUR',
  }));
  const paused = logged(child, 'push paused inside its transaction');
  const inFlight = pushRows(
    client,
    token,
    docs.map((d) => ({ newDocumentState: d })),
  ).then(
    () => 'answered',
    () => 'connection lost',
  );
  await paused;
  child.kill('SIGKILL');
  expect(await exited(child)).toBe(null);
  expect(await inFlight).toBe('connection lost');

  child = start();
  await waitHealthy(server.url, child);
  const token2 = String((await client.post('/auth/login', { email: 'boss@x.test', password: 'a long admin password' })).body.accessToken);
  expect((await pullAll(client, token2)).docs).toEqual([]);
  // The client retries the same push after the restart: it lands whole.
  expect(
    (
      await pushRows(
        client,
        token2,
        docs.map((d) => ({ newDocumentState: d })),
      )
    ).body,
  ).toMatchObject({ conflicts: [], errors: [] });
  expect((await pullAll(client, token2)).docs.map((d) => d.id)).toEqual(docs.map((d) => d.id));
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
};
