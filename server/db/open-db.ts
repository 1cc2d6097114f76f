import type { Db, DbLog } from './db';
import { openPgDb } from './pg-db';
import { openPgliteDb } from './pglite-db';

export type DbTarget = { databaseUrl: string } | { dataDir: string | undefined };

/** PostgreSQL when a URL is given, else PGlite in `dataDir` (undefined = in memory, tests only). */
export const openDb = (target: DbTarget, log: DbLog): Promise<Db> =>
  'databaseUrl' in target ? openPgDb(target.databaseUrl, log) : openPgliteDb(target.dataDir);
