import { parseCli } from './config';
import { openServerDb, startServer } from './server';
import { createUser } from './auth/users';

/**
 * `npm run server -- [--data-dir DIR] [--port N] [--host H]` serves; with DATABASE_URL it uses
 * PostgreSQL, else PGlite in the data directory. `--create-admin --email E --password P` adds an admin.
 */
const run = async (): Promise<void> => {
  const cmd = parseCli(process.argv.slice(2), process.env);
  if (cmd.kind === 'create-admin') {
    const db = await openServerDb(cmd.config);
    try {
      const admin = await createUser(db, { email: cmd.email, password: cmd.password, role: 'admin', teamId: null }, cmd.config.scryptCost);
      console.log(`created admin ${admin.email} (${admin.userId})`);
    } finally {
      await db.close();
    }
    return;
  }
  const server = await startServer(cmd.config);
  const stop = (): void => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
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
