import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { api, pullAll } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { comparable } from './sync-fixtures';
import { exited, freePort, logged, runServer, waitHealthy } from './server-process';
import { waitFor } from './wait-for';

const SECRET = 'sync-restart-secret-sync-restart-secret';
const EMAIL = 'boss@restart.test';
const PASSWORD = 'a long admin password';

describe('server restarted in the middle of a push', () => {
  const children: ChildProcess[] = [];
  let client: ClientProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    await client?.close();
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('the client retries after the restart and every change lands exactly once', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sync-client-restart-'));
    // Always its own PGlite directory: the restart is about the process, not the database.
    const env = { DATABASE_URL: '', SYNC_JWT_SECRET: SECRET };
    const base = ['--data-dir', dataDir];
    const admin = runServer([...base, '--create-admin', '--email', EMAIL, '--password', PASSWORD], env);
    expect(await exited(admin)).toBe(0);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const start = (extra: NodeJS.ProcessEnv = {}): ChildProcess => {
      const child = runServer([...base, '--port', String(port)], { ...env, ...extra });
      children.push(child);
      return child;
    };
    let server = start({ SYNC_FAULT_PUSH_PAUSE_MS: '20000' });
    await waitHealthy(url, server);
    client = await startClient('restart');
    const signedIn = await client.must('auth.signIn', { serverUrl: url, email: EMAIL, password: PASSWORD });
    expect(signedIn.signedIn).toBe(true);

    const paused = logged(server, 'push paused inside its transaction');
    const ids: string[] = [];
    for (const name of ['r1', 'r2', 'r3']) {
      ids.push(
        (await client.must('accounts.create', { values: { name, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' } })).id,
      );
    }
    await paused;
    server.kill('SIGKILL');
    await exited(server);

    server = start();
    await waitHealthy(url, server);
    await client.must('sync.now', {});
    const login = await api({ url }).post('/auth/login', { email: EMAIL, password: PASSWORD });
    const token = String(login.body.accessToken);
    const onServer = await waitFor(
      'the retried push',
      async () => {
        const status = await client?.must('sync.status', {});
        const docs = (await pullAll(api({ url }), token)).docs;
        return status?.pendingChanges === 0 && docs.length === 3 ? docs : undefined;
      },
      40_000,
    );
    expect(onServer.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(onServer.every((d) => d.serverRevision === 1)).toBe(true);
    await waitFor('client shows the server state', async () => {
      const local = comparable(await client!.docs('accounts'));
      return isDeepStrictEqual(local, comparable(onServer)) ? true : undefined;
    });
    server.kill('SIGTERM');
    await exited(server);
  }, 120_000);
});
