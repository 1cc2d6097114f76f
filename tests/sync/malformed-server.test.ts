import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount } from './sync-fixtures';
import { waitFor } from './wait-for';

/**
 * A fake sync server on 127.0.0.1 that signs in correctly but answers pulls, pushes and the stream
 * with bodies the shared wire schemas refuse. The client must say so and write nothing of them.
 */
type FakeServer = { url: string; requests: string[]; close(): Promise<void> };

const user = { userId: 'rep-1', email: 'rep@x.test', role: 'rep', teamId: 'team-1' };
const malformedDoc = { id: 'acc-from-nowhere', name: 'Should never be stored', _deleted: false };

async function startFakeServer(): Promise<FakeServer> {
  const requests: string[] = [];
  const json = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push(`${req.method} ${path}`);
    if (path === '/health') return json(res, 200, { ok: true });
    if (path === '/auth/login' || path === '/auth/refresh') {
      return json(res, 200, { accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600, user });
    }
    if (path === '/auth/logout') return void res.writeHead(204).end();
    const accounts = path.startsWith('/sync/accounts/');
    if (path.endsWith('/pull')) {
      // Documents without the server's revision and time, and a checkpoint that is not one.
      return json(res, 200, accounts ? { documents: [malformedDoc], checkpoint: { txid: 'soon' } } : { documents: [], checkpoint: null });
    }
    if (path.endsWith('/push')) return json(res, 200, { conflicts: 'none', errors: [] });
    if (path.endsWith('/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: "RESYNC"\n\n');
      if (accounts) res.write(`data: ${JSON.stringify({ documents: [malformedDoc], checkpoint: null })}\n\n`);
      return;
    }
    json(res, 404, { code: 'not_found', message: `no endpoint ${path}` });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('a server that answers off the sync protocol', () => {
  let fake: FakeServer;
  let client: ClientProcess;

  beforeAll(async () => {
    fake = await startFakeServer();
    client = await startClient('malformed');
  });
  afterAll(async () => {
    await client?.close();
    await fake?.close();
  });

  it('shows a clear error, writes nothing it sent, and keeps the local change pending', async () => {
    const local = await client.must('accounts.create', { values: { ...baseAccount, name: 'Typed offline' } });
    const signedIn = await client.must('auth.signIn', { serverUrl: fake.url, email: user.email, password: 'secret' });
    expect(signedIn.signedIn).toBe(true);

    // Every status the client published, not only the current one: retries replace the error quickly.
    const error = await waitFor(
      'the sync status to name the malformed answer',
      async () => {
        const log = await client.statusLog();
        return log.find((status) => status.error?.message.includes('does not follow the sync protocol'))?.error;
      },
      60_000,
    );
    expect(error.code).toBe('server_error');
    await waitFor('a push to be answered', async () => (fake.requests.includes('POST /sync/accounts/3/push') ? true : undefined), 60_000);

    const log = await client.statusLog();
    const messages = log.map((s) => s.error?.message ?? '');
    expect(messages.some((m) => /pull does not follow the sync protocol \(documents\.0\.serverRevision/.test(m))).toBe(true);
    expect(messages.some((m) => /push does not follow the sync protocol \(conflicts/.test(m))).toBe(true);
    // Neither the pulled nor the streamed document was stored; the local record is still to be sent.
    const docs = await client.docs('accounts');
    expect(docs.map((d) => d.id)).toEqual([local.id]);
    expect((await client.must('sync.status', {})).pendingChanges).toBe(1);
  }, 150_000);
});
