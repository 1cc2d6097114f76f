import pg from 'pg';
import type { Db, Queryable, SqlRow } from './db';

const RECONNECT_DELAY_MS = 500;

const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
  async query<T extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await q.query<T>(sql, [...params]);
    return res.rows;
  },
});

/** LISTEN needs a connection of its own that stays open; it reconnects when PostgreSQL drops it. */
const listenOn = (connectionString: string, channel: string, onPayload: (p: string) => void, onReconnect?: () => void) => {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    c.on('error', () => schedule());
    c.on('end', () => schedule());
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await c.end().catch(() => undefined);
      if (!isReconnect) throw err;
      schedule();
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    if (isReconnect) onReconnect?.();
  };
  const schedule = (): void => {
    if (stopped || timer) return;
    const old = client;
    client = undefined;
    old?.removeAllListeners();
    void old?.end().catch(() => undefined);
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, RECONNECT_DELAY_MS);
  };
  return {
    start: () => connect(false),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      await c?.end().catch(() => undefined);
    },
  };
};

export const openPgDb = async (connectionString: string, poolSize = 10): Promise<Db> => {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const listeners = new Set<{ stop: () => Promise<void> }>();
  const base = wrap(pool);
  return {
    kind: 'pg',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const l = listenOn(connectionString, channel, onPayload, onReconnect);
      await l.start();
      listeners.add(l);
      return async () => {
        listeners.delete(l);
        await l.stop();
      };
    },
    async close() {
      await Promise.all([...listeners].map((l) => l.stop()));
      listeners.clear();
      await pool.end();
    },
  };
};
