import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, SqlRow } from './db';

/**
 * PGlite is one backend in one process: every query and transaction is serialised by PGlite's own
 * lock, so two transactions never interleave (which is why the out-of-order-commit race of
 * docs/sync-protocol.md cannot happen here).
 */
export const openPgliteDb = async (dataDir: string | undefined): Promise<Db> => {
  // PGlite creates only the last path segment: a fresh clone has no `.data/` yet. Owner-only,
  // since the directory also holds the token signing key.
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const pg = await PGlite.create(dataDir);
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
      const res = await q.query<T>(sql, [...params]);
      return res.rows;
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => pg.close(),
  };
};
