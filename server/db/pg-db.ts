import pg from 'pg';
import type { Db, DbLog, Queryable, SqlRow } from './db';

const RECONNECT_DELAY_MS = 500;

const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
  async query<T extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await q.query<T>(sql, [...params]);
    return res.rows;
  },
});

/** LISTEN needs a connection of its own that stays open; it reconnects when PostgreSQL drops it. */
const listenOn = (connectionString: string, channel: string, log: DbLog, onPayload: (p: string) => void, onReconnect?: () => void) => {
  // Closing a connection that already failed can fail again; the connection is gone either way.
  const endQuietly = (c: pg.Client, why: string): Promise<void> =>
    c.end().catch((err: unknown) => log(`closing the LISTEN ${channel} connection (${why}) failed`, err));
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString });
    c.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    c.on('error', (err) => {
      log(`the LISTEN ${channel} connection failed; reconnecting`, err);
      schedule();
    });
    c.on('end', () => schedule());
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      await endQuietly(c, 'connect failed');
      if (!isReconnect) throw err;
      log(`reconnecting LISTEN ${channel} failed; retrying`, err);
      schedule();
      return;
    }
    if (stopped) {
      await endQuietly(c, 'stopped while connecting');
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
    if (old) void endQuietly(old, 'replaced');
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
      if (c) await endQuietly(c, 'stopped');
    },
  };
};

export const openPgDb = async (connectionString: string, log: DbLog, poolSize = 10): Promise<Db> => {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', (err) => log('an idle PostgreSQL connection failed; the pool replaces it', err));
  await pool.query('SELECT 1');
  const listeners = new Set<{ stop: () => Promise<void> }>();
  const base = wrap(pool);
  return {
    kind: 'pg',
    query: base.query,
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // The transaction's own error is the one to report; a failed ROLLBACK means the connection
        // is broken, so it is destroyed instead of going back to the pool.
        await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
          broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
          log('ROLLBACK failed after a failed transaction; dropping the connection', rollbackErr);
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const l = listenOn(connectionString, channel, log, onPayload, onReconnect);
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
