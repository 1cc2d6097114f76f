import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app';
import { makeDummyHash } from './auth/passwords';
import { loadSigningKey, moveLegacyKey } from './auth/signing-key';
import { startUserWatch } from './auth/user-watch';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openDb } from './db/open-db';
import { startChangeHub } from './sync/change-hub';
import { crmRegistry, type CollectionRegistry } from './sync/collections';
import { createLogger } from './logger';
import { startOutboxSender, type OutboxSender } from './mail/outbox-sender';
import { purgeTombstones } from './sync/purge';

export type RunningServer = { url: string; port: number; ctx: AppContext; close(): Promise<void> };

/** Opens (creating its directory) and migrates the database; an old in-database signing key moves to its file first. */
export const openServerDb = async (config: ServerConfig, log: Logger): Promise<Db> => {
  const db = await openDb(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir }, (message, err) =>
    log.error({ err }, message),
  );
  try {
    await moveLegacyKey(db, config, log);
    await migrate(db);
    return db;
  } catch (err) {
    await db.close().catch((closeErr: unknown) => log.error({ err: closeErr }, 'closing the database after a failed start failed'));
    throw err;
  }
};

/** Opens the database, migrates it, and serves until close(); several may share one PostgreSQL. */
export const startServer = async (
  config: ServerConfig,
  collections: CollectionRegistry = crmRegistry(),
  log: Logger = createLogger(config),
): Promise<RunningServer> => {
  const db = await openServerDb(config, log);
  const opened: Array<{ close(): Promise<void> }> = [db];
  try {
    const jwtKey = await loadSigningKey(config, log);
    const hub = await startChangeHub(db);
    opened.unshift(hub);
    const users = await startUserWatch(db, config.userRecheckMs, log);
    opened.unshift(users);
    const ctx: AppContext = { db, config, collections, hub, users, log, jwtKey, dummyHash: await makeDummyHash(config.scryptCost) };
    const app = await buildApp(ctx);
    opened.unshift(app);
    await app.listen({ host: config.host, port: config.port });
    return serve(ctx, app);
  } catch (err) {
    for (const part of opened) {
      await part.close().catch((closeErr: unknown) => log.error({ err: closeErr }, 'cleaning up after a failed start failed'));
    }
    throw err;
  }
};

const serve = (ctx: AppContext, app: FastifyInstance): RunningServer => {
  const { db, config, hub, users } = ctx;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  const purge = (): void => {
    purgeTombstones(db, config.tombstoneRetentionDays).catch((err: unknown) => app.log.error({ err }, 'tombstone purge failed'));
  };
  const purgeTimer = setInterval(purge, config.purgeIntervalMs);
  purgeTimer.unref();
  purge();

  const url = `http://${config.host}:${port}`;
  // Every process may send: claims skip what another process holds.
  const sender: OutboxSender | undefined = config.outboxSender
    ? startOutboxSender({
        db,
        collections: ctx.collections,
        hub,
        log: ctx.log,
        envSmtp: config.smtp,
        publicUrl: () => config.publicUrl ?? url,
        ...config.outbox,
      })
    : undefined;

  return {
    url,
    port,
    ctx,
    async close() {
      clearInterval(purgeTimer);
      await sender?.close();
      await hub.close();
      await users.close();
      await app.close();
      await db.close();
    },
  };
};
