import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type Backend = 'pglite' | 'pg';

/** PGlite always; a real PostgreSQL too when DATABASE_URL is set. */
export const backends = (): Backend[] => (process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite']);

export type TestDatabase = { url: string; drop(): Promise<void> };

const adminUrl = (): URL => {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set');
  const url = new URL(base);
  url.pathname = '/postgres';
  return url;
};

/** A fresh database per test file on the DATABASE_URL server, dropped (forcibly) afterwards. */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const name = `sync_test_${randomBytes(6).toString('hex')}`;
  const admin = adminUrl();
  const run = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
