import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParamsOf, RequestName, Result, ResultOf } from '../../shared/contract';
import type { SyncStatus } from '../../shared/contract/sync/sync-types';
import type { ClientReady, ClientReply, ClientRequest } from './client-protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export type ClientProcess = {
  readonly name: string;
  call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>>;
  /** Like call, but throws on an error result (test code reads better). */
  must<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>>;
  docs(collection: string): Promise<Array<Record<string, unknown>>>;
  count(collection: string): Promise<number>;
  /** Resolves (with the child's clock) when the field shows the value; subscribe before causing it. */
  waitValue(collection: string, docId: string, field: string, value: string): Promise<number>;
  /** Every `sync.status` event this client's core emitted, oldest first. */
  statusLog(): Promise<SyncStatus[]>;
  /** Writes `count` local accounts straight into the client's database (signed out: the local user's). */
  insertAccounts(prefix: string, count: number): Promise<number>;
  close(): Promise<void>;
};

/**
 * `CLIENT_CPU_PROF=<dir>` writes a V8 CPU profile of every client core there (for the benchmarks);
 * closing then waits for the child to exit on its own, since the profile is written at exit.
 */
const PROFILE_DIR = process.env.CLIENT_CPU_PROF;

/**
 * Starts a real core (SQLite, RxDB, replication) in a child process with a fresh data directory,
 * or on `dataDir` (an app started again on the same laptop: its session and data are there),
 * which closing then leaves in place.
 */
export async function startClient(name: string, options: { readonly dataDir?: string } = {}): Promise<ClientProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), `sync-client-${name}-`));
  const child: ChildProcess = fork(join(import.meta.dirname, 'client-worker.ts'), [], {
    execArgv: ['--import', 'tsx', ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
    env: { ...process.env, CLIENT_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: ClientReady) => (m.ready ? resolve() : reject(new Error('bad hello'))));
    child.once('exit', (code) => reject(new Error(`client ${name} exited with ${code}`)));
  });
  child.on('message', (reply: ClientReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(new Error(`client ${name}: ${reply.error}`));
  });
  child.on('exit', () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`client ${name} exited`));
    pending.clear();
  });

  const ask = (request: Distribute<ClientRequest>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...request, id });
    });

  const call = <K extends RequestName>(requestName: K, params: ParamsOf<K>) =>
    ask({ op: 'call', name: requestName, params }) as Promise<Result<ResultOf<K>>>;

  return {
    name,
    call,
    async must(requestName, params) {
      const r = await call(requestName, params);
      if (!r.ok) throw new Error(`${name} ${requestName}: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    docs: (collection) => ask({ op: 'docs', collection }) as Promise<Array<Record<string, unknown>>>,
    count: (collection) => ask({ op: 'count', collection }) as Promise<number>,
    waitValue: (collection, docId, field, value) => ask({ op: 'waitValue', collection, docId, field, value }) as Promise<number>,
    statusLog: () => ask({ op: 'statusLog' }) as Promise<SyncStatus[]>,
    insertAccounts: (prefix, count) => ask({ op: 'insertAccounts', prefix, count }) as Promise<number>,
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(undefined)));
        await Promise.race([ask({ op: 'close' }).catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
        if (PROFILE_DIR) await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
