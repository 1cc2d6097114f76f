import { buildApp } from './app';
import { makeDummyHash } from './auth/passwords';
import { loadJwtKey } from './auth/tokens';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDb } from './db/openDb';
import { startChangeHub } from './sync/changeHub';
import { crmRegistry, type CollectionRegistry } from './sync/collections';
import { purgeTombstones } from './sync/purge';

export type RunningServer = { url: string; port: number; ctx: AppContext; close(): Promise<void> };

export const openServerDb = async (config: ServerConfig): Promise<Db> => {
  const db = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  await migrate(db);
  return db;
};

/** Opens the database, migrates it, and serves until close(); several may share one PostgreSQL. */
export const startServer = async (config: ServerConfig, collections: CollectionRegistry = crmRegistry()): Promise<RunningServer> => {
  const db = await openServerDb(config);
  const hub = await startChangeHub(db);
  const ctx: AppContext = {
    db,
    config,
    collections,
    hub,
    jwtKey: await loadJwtKey(db, config.jwtSecret),
    dummyHash: await makeDummyHash(config.scryptCost),
  };
  const app = await buildApp(ctx);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const purge = (): void => {
    purgeTombstones(db, config.tombstoneRetentionDays).catch((err: unknown) => app.log.error({ err }, 'tombstone purge failed'));
  };
  const purgeTimer = setInterval(purge, config.purgeIntervalMs);
  purgeTimer.unref();
  purge();

  return {
    url: `http://${config.host}:${port}`,
    port,
    ctx,
    async close() {
      clearInterval(purgeTimer);
      await hub.close();
      await app.close();
      await db.close();
    },
  };
};
