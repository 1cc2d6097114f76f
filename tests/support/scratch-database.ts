import pg from 'pg';

export type ScratchDatabase = { readonly url: string; drop(): Promise<void> };

/**
 * A new, empty database on the PostgreSQL server of DATABASE_URL, for a test whose seeded ids must
 * not meet an earlier run's; undefined without DATABASE_URL (the sync server then uses a PGlite
 * of its own, which is empty anyway).
 */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase | undefined> {
  const base = process.env['DATABASE_URL'];
  if (!base) return undefined;
  const name = `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
