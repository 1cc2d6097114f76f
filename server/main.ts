import { parseCli, type ServerConfig } from './config';
import { createLogger } from './logger';
import { openServerDb, startServer, type RunningServer } from './server';
import { createUser } from './auth/users';

const CREATE_ADMIN = "npm run server -- --create-admin --email you@example.com --password '<at least 10 characters>'";

/** What a person starting the server needs to know: where it is, where its data is, how to get in. */
const greet = async (server: RunningServer, config: ServerConfig): Promise<void> => {
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir ?? 'memory'}`;
  console.log(`FieldCRM sync server listening on ${server.url} — data: ${store}`);
  const [admins] = await server.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled");
  if (!admins?.n) {
    console.log(`No admin yet. Create the first user (it can then add teams and users through /admin):\n  ${CREATE_ADMIN}`);
  }
};

/**
 * `npm run server -- [--data-dir DIR] [--port N] [--host H] [--jwt-key-file F]` serves; with
 * DATABASE_URL it uses PostgreSQL, else PGlite in the data directory. `--create-admin --email E
 * --password P` adds an admin.
 */
const run = async (): Promise<void> => {
  const cmd = parseCli(process.argv.slice(2), process.env);
  const log = createLogger(cmd.config);
  if (cmd.kind === 'create-admin') {
    const db = await openServerDb(cmd.config, log);
    try {
      const admin = await createUser(db, { email: cmd.email, password: cmd.password, role: 'admin', teamId: null }, cmd.config.scryptCost);
      console.log(`created admin ${admin.email} (${admin.userId})`);
    } finally {
      await db.close();
    }
    return;
  }
  const server = await startServer(cmd.config, undefined, log);
  await greet(server, cmd.config);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

run().catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  console.error(e.code ? `${e.code}: ${e.message}` : err);
  process.exit(1);
});
