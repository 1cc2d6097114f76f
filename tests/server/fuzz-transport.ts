import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Queryable } from '../../server/db/db';
import type { FuzzRequest } from './fuzz-requests';

/** What came back: a status and body, or no answer at all (a dropped connection, a crash). */
export type Answer = { status: number; body: string } | { error: string };

/** Every row of every table, as text, in a stable order: equal snapshots mean nothing was written. */
export const snapshot = async (db: Queryable): Promise<Record<string, string[]>> => {
  const tables = await db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    out[name] = (await db.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM "${name}" t ORDER BY 1`)).map((r) => r.row);
  }
  return out;
};

/** Runs `run` over `items` with at most `size` in flight. */
export const pool = async <T>(items: Iterable<T>, size: number, run: (item: T) => Promise<void>): Promise<void> => {
  const it = items[Symbol.iterator]();
  const worker = async (): Promise<void> => {
    for (let next = it.next(); !next.done; next = it.next()) await run(next.value);
  };
  await Promise.all(Array.from({ length: size }, worker));
};

export const viaInject =
  (app: FastifyInstance) =>
  async (r: FuzzRequest): Promise<Answer> => {
    try {
      const res = await app.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload });
      return { status: res.statusCode, body: res.body };
    } catch (err) {
      return { error: String(err) };
    }
  };

/** Node's HTTP parser refuses a request line plus headers over 16 KiB (431, and the connection closes). */
export const MAX_HEADER_BYTES = 16 * 1024;
export const headerBytes = (r: FuzzRequest): number =>
  Buffer.byteLength(r.url) + Object.entries(r.headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v) + 4, 40);

/**
 * One connection per request (`agent: false`): node's pooling agents hand a freed socket to the next
 * queued request even without keep-alive. Bodies are framed with a content-length, also on GET.
 */
export const viaHttp =
  (port: number) =>
  (r: FuzzRequest): Promise<Answer> =>
    new Promise((resolve) => {
      const fail = (err: unknown): void => resolve({ error: String(err) });
      const headers = r.payload === undefined ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.payload)) };
      try {
        const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.url, headers, agent: false }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', fail);
        });
        req.on('error', fail);
        req.end(r.payload);
      } catch (err) {
        fail(err);
      }
    });

/** Bytes that are not HTTP, straight onto a socket: the server must answer 4xx (or close) and carry on. */
export const rawGarbage = (port: number, text: string): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('error', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.write(text);
    setTimeout(() => socket.destroy(), 1_000);
  });

/** A live stream opens (a read), says RESYNC, and is dropped. */
export const openAndDropStream = async (url: string, token: string): Promise<{ status: number; first: string }> => {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const first = await res.body?.getReader().read();
  abort.abort();
  return { status: res.status, first: new TextDecoder().decode(first?.value) };
};
