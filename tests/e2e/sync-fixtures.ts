import { expect, type Locator, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ParamsOf, RequestName, Result, ResultOf } from '../../shared/contract';

const ROOT = resolve(import.meta.dirname, '../..');
/** Fixed so tokens stay valid across a restart on PostgreSQL too (PGlite keeps its own anyway). */
const JWT_SECRET = 'e2e-sync-secret-e2e-sync-secret-e2e-sync';

export type Credentials = { readonly email: string; readonly password: string };

/** `npm run server` as a child process on 127.0.0.1, killable and restartable on the same data. */
export type SyncServer = {
  readonly url: string;
  readonly dataDir: string;
  /** SIGKILL: the server vanishes the way a lost network or a crashed host looks to the apps. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data (PGlite dir or DATABASE_URL). */
  start(): Promise<void>;
  /** Graceful stop and temp data removal. */
  dispose(): Promise<void>;
};

/** `extraEnv` adds server settings, e.g. SMTP_URL for a test SMTP server. */
export async function startSyncServer(extraEnv: Readonly<Record<string, string>> = {}): Promise<SyncServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-server-'));
  // DATABASE_URL (when set) is shared and outlives the test; unique e-mails keep runs apart.
  const env = {
    ...process.env,
    SYNC_JWT_SECRET: JWT_SECRET,
    LOG_LEVEL: 'warn',
    DATABASE_URL: process.env['DATABASE_URL'] ?? '',
    ...extraEnv,
  };
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const stderr: string[] = [];
    // node --import tsx (not the tsx CLI): one process, so SIGKILL leaves nothing behind.
    const spawned = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--data-dir', dataDir, '--port', String(port)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    spawned.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child = spawned;
    for (let i = 0; i < 300; i++) {
      if (spawned.exitCode !== null) throw new Error(`sync server exited with ${spawned.exitCode}\n${stderr.join('')}`);
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`sync server did not become healthy\n${stderr.join('')}`);
  };

  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    await new Promise<void>((done) => {
      current.once('exit', () => done());
      current.kill(signal);
    });
  };

  await runCli(['--data-dir', dataDir, '--create-admin', '--email', ADMIN.email, '--password', ADMIN.password], env).catch(
    (error: unknown) => {
      // On a shared PostgreSQL the admin may exist from an earlier run; its password is the same.
      if (!String(error).includes('conflict') && !String(error).includes('exists')) throw error;
    },
  );
  await start();
  return {
    url,
    dataDir,
    kill: () => stop('SIGKILL'),
    start,
    async dispose() {
      await stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ADMIN: Credentials = { email: 'e2e-admin@fieldcrm.test', password: 'an e2e admin password' };

/** One team and two reps in it, made through the admin API as an administrator would. */
export async function createTeamWithReps(
  server: SyncServer,
): Promise<{ readonly teamId: string; readonly repA: Credentials; readonly repB: Credentials }> {
  const login = await api<{ accessToken: string }>(server, 'POST', '/auth/login', ADMIN);
  const auth = login.accessToken;
  const run = randomUUID().slice(0, 8);
  const team = await api<{ id: string }>(server, 'POST', '/admin/teams', { name: `Field team ${run}` }, auth);
  const rep = async (name: string): Promise<Credentials> => {
    const credentials = { email: `${name}-${run}@fieldcrm.test`, password: `${name} has a long password` };
    await api(server, 'POST', '/admin/users', { ...credentials, role: 'rep', teamId: team.id }, auth);
    return credentials;
  };
  return { teamId: team.id, repA: await rep('anna'), repB: await rep('ben') };
}

/** One team with a rep and the team's manager, made through the admin API. */
export async function createTeamWithManager(
  server: SyncServer,
): Promise<{ readonly teamId: string; readonly rep: Credentials; readonly manager: Credentials }> {
  const login = await api<{ accessToken: string }>(server, 'POST', '/auth/login', ADMIN);
  const auth = login.accessToken;
  const run = randomUUID().slice(0, 8);
  const team = await api<{ id: string }>(server, 'POST', '/admin/teams', { name: `Service team ${run}` }, auth);
  const user = async (name: string, role: 'rep' | 'manager'): Promise<Credentials> => {
    const credentials = { email: `${name}-${run}@fieldcrm.test`, password: `${name} has a long password` };
    await api(server, 'POST', '/admin/users', { ...credentials, role, teamId: team.id }, auth);
    return credentials;
  };
  return { teamId: team.id, rep: await user('carla', 'rep'), manager: await user('mei', 'manager') };
}

/**
 * The administrator adds one product to the company catalogue through the sync push API, as the
 * admin's own app would; every signed-in app pulls it. Returns the product's id.
 */
export async function addCatalogProduct(server: SyncServer, name: string): Promise<string> {
  const login = await api<{ accessToken: string; user: { userId: string; teamId: string | null } }>(server, 'POST', '/auth/login', ADMIN);
  const { collections } = await api<{ collections: Array<{ name: string; schemaVersion: number }> }>(
    server,
    'GET',
    '/sync/collections',
    undefined,
    login.accessToken,
  );
  const version = collections.find((c) => c.name === 'catalog')?.schemaVersion;
  const now = Date.now();
  const id = randomUUID();
  const product = {
    id,
    kind: 'product',
    ownerId: login.user.userId,
    teamId: login.user.teamId ?? login.user.userId,
    createdAt: now,
    updatedAt: now,
    name,
    sku: `SKU-${id.slice(0, 8)}`,
    isActive: true,
    _deleted: false,
  };
  const answer = await api<{ conflicts: unknown[]; errors?: unknown[] }>(
    server,
    'POST',
    `/sync/catalog/${version}/push`,
    [{ newDocumentState: product }],
    login.accessToken,
  );
  if (answer.conflicts.length > 0 || (answer.errors?.length ?? 0) > 0)
    throw new Error(`the product was refused: ${JSON.stringify(answer)}`);
  return id;
}

/** Fills and sends the app's sign-in form, reached from the status indicator as a rep would. */
export async function submitSignIn(page: Page, serverUrl: string, credentials: Credentials): Promise<void> {
  await syncIndicator(page).click();
  const form = page.getByTestId('sign-in-form');
  await form.getByLabel('Sync server address').fill(serverUrl);
  await form.getByLabel('Email').fill(credentials.email);
  await form.getByLabel('Password').fill(credentials.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the sync page the form leads to. */
export async function signInThroughUi(page: Page, serverUrl: string, credentials: Credentials): Promise<void> {
  await submitSignIn(page, serverUrl, credentials);
  await expect(page.getByTestId('sync-summary')).toBeVisible();
}

export const syncIndicator = (page: Page): Locator => page.getByTestId('sync-indicator');
export const pendingCount = (page: Page): Locator => page.getByTestId('sync-pending-count');

/**
 * Sends one contract request over the page's own authenticated WebSocket (the cookie the host set),
 * exactly the frame the renderer sends. For actions whose screens other teams are still building.
 */
export async function coreRequest<K extends RequestName>(page: Page, name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>> {
  const wsUrl = `ws://${new URL(page.url()).host}/ws`;
  return page.evaluate(
    ({ wsUrl, name, params }) =>
      new Promise<Result<ResultOf<K>>>((resolveResult, reject) => {
        const socket = new WebSocket(wsUrl);
        const id = 1_000_000 + Math.floor(Math.random() * 1_000_000);
        socket.addEventListener('open', () => socket.send(JSON.stringify({ kind: 'request', id, name, params })));
        socket.addEventListener('message', (message) => {
          const frame = JSON.parse(String(message.data)) as { kind: string; id?: number; result?: Result<ResultOf<K>> };
          if (frame.kind !== 'response' || frame.id !== id || !frame.result) return;
          socket.close();
          resolveResult(frame.result);
        });
        socket.addEventListener('error', () => reject(new Error('websocket to the host failed')));
      }),
    { wsUrl, name, params },
  );
}

/**
 * Imports accounts through the core's import requests, on one WebSocket (an import belongs to the
 * session that began it), as the import screen does with a CSV file. Resolves with the count stored.
 */
export async function importAccounts(
  page: Page,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): Promise<number> {
  const wsUrl = `ws://${new URL(page.url()).host}/ws`;
  return page.evaluate(
    ({ wsUrl, columns, rows }) =>
      new Promise<number>((resolveCount, reject) => {
        const socket = new WebSocket(wsUrl);
        let nextId = 2_000_000;
        const waiting = new Map<number, (result: { ok: boolean; value?: unknown; error?: { message: string } }) => void>();
        const call = (name: string, params: unknown): Promise<unknown> =>
          new Promise((resolveCall, rejectCall) => {
            const id = nextId++;
            waiting.set(id, (result) =>
              result.ok ? resolveCall(result.value) : rejectCall(new Error(`${name}: ${result.error?.message}`)),
            );
            socket.send(JSON.stringify({ kind: 'request', id, name, params }));
          });
        socket.addEventListener('message', (message) => {
          const frame = JSON.parse(String(message.data)) as { kind: string; id?: number; result?: { ok: boolean } };
          if (frame.kind === 'response' && frame.id !== undefined && frame.result) waiting.get(frame.id)?.(frame.result);
        });
        socket.addEventListener('error', () => reject(new Error('websocket to the host failed')));
        socket.addEventListener('open', () => {
          void (async () => {
            const { importId } = (await call('import.begin', { entity: 'accounts', columns, totalRows: rows.length })) as {
              importId: string;
            };
            for (let at = 0; at < rows.length; at += 2000) await call('import.rows', { importId, rows: rows.slice(at, at + 2000) });
            const summary = (await call('import.commit', { importId })) as { imported: number };
            socket.close();
            resolveCount(summary.imported);
          })().catch(reject);
        });
      }),
    { wsUrl, columns: [...columns], rows: rows.map((row) => [...row]) },
  );
}

export async function expectOk<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new Error(`request failed: ${settled.error.code}: ${settled.error.message}`);
  return settled.value;
}

/** The names of the accounts the server holds for this rep, read through the sync API as the app would. */
export async function serverAccountNames(server: SyncServer, credentials: Credentials): Promise<string[]> {
  const { accessToken } = await api<{ accessToken: string }>(server, 'POST', '/auth/login', credentials);
  const { collections } = await api<{ collections: Array<{ name: string; schemaVersion: number }> }>(
    server,
    'GET',
    '/sync/collections',
    undefined,
    accessToken,
  );
  const version = collections.find((c) => c.name === 'accounts')?.schemaVersion;
  const page = await api<{ documents: Array<{ name: string; _deleted?: boolean }> }>(
    server,
    'GET',
    `/sync/accounts/${version}/pull?limit=1000`,
    undefined,
    accessToken,
  );
  return page.documents
    .filter((doc) => !doc._deleted)
    .map((doc) => doc.name)
    .sort();
}

async function api<T = unknown>(server: SyncServer, method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`server CLI ${args.join(' ')} exited with ${code}: ${output}`)),
    );
  });
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

/** A TCP relay in front of the server, so one app can lose the network while others keep it. */
export type NetworkCable = { readonly url: string; plug(online: boolean): void; close(): Promise<void> };

export async function startNetworkCable(serverUrl: string): Promise<NetworkCable> {
  const target = Number(new URL(serverUrl).port);
  const sockets = new Set<Socket>();
  let online = true;
  const relay = createServer((client) => {
    if (!online) return void client.destroy();
    const upstream = connect(target, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        sockets.delete(from);
        to.destroy();
      });
    }
  });
  await new Promise<void>((done) => relay.listen(0, '127.0.0.1', done));
  const address = relay.address();
  if (typeof address !== 'object' || !address) throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    plug(next) {
      online = next;
      // Unplugging cuts open connections too (the SSE streams), as a dropped Wi-Fi does.
      if (!next) for (const socket of sockets) socket.destroy();
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((done) => relay.close(() => done()));
    },
  };
}

/** A screenshot of `target` with some of the page around it, for docs/screenshots. */
export async function screenshotAround(page: Page, target: Locator, path: string, pad = 12): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error(`nothing to screenshot for ${path}`);
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  await page.screenshot({ path, clip: { x, y, width: box.width + 2 * pad, height: box.height + 2 * pad } });
}
