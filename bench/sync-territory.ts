import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../server/server';
import { seedOrg, startTestServer, testConfig, type Person } from '../server/testing/harness';
import { createTestDatabase, type TestDatabase } from '../server/testing/test-db';
import { DEFAULT_REFERENCE_DATE, generateDataset } from '../electron/core/seed/generate-dataset';
import { crmCollections, CRM_COLLECTION_NAMES, type CrmCollectionName } from '../shared/schemas/registry';
import { startClient } from '../tests/sync/client-process';
import { emailOf, signIn } from '../tests/sync/sync-fixtures';
import { waitFor } from '../tests/sync/wait-for';
import { nowMs, progress, round } from './bench-stats';

/** Documents per INSERT while seeding the server. */
const SEED_BATCH = 5_000;
/**
 * Users, teams and quotas are the server's own records (its accounts and admin API make them);
 * the territory's copies of them would only be a second, disagreeing org.
 */
const SKIPPED: ReadonlySet<CrmCollectionName> = new Set(['org']);
const COLLECTIONS = CRM_COLLECTION_NAMES.filter((name) => !SKIPPED.has(name));

export type TerritorySyncFigures = {
  /** From sign-in until the new laptop's sync is up to date. */
  readonly ms: number;
  /** Documents the laptop holds afterwards (the territory without its org records). */
  readonly docs: number;
  readonly backend: 'postgresql' | 'pglite';
  readonly seedMs: number;
  /** Time left the progress bar showed when half the records had arrived, and what it really took from then. */
  readonly shownLeftAtHalfMs: number | undefined;
  readonly actualLeftAtHalfMs: number | undefined;
};

/**
 * The first sync of a whole territory: a server holding `records` documents across the
 * collections (the seed generator's territory, every record given to one rep), and a new laptop
 * of that rep signing in, from sign-in until its sync is up to date. The server runs on a scratch
 * PostgreSQL database when DATABASE_URL is set, else on PGlite in a temporary directory (a
 * territory does not fit its in-memory mode). The documents go straight into the feed table: the
 * push API would add minutes of seeding to a figure about the download.
 */
export async function measureTerritorySync(records: number): Promise<TerritorySyncFigures> {
  const database: TestDatabase | undefined = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const dataDir = database ? undefined : mkdtempSync(join(tmpdir(), 'sync-bench-territory-'));
  const server = await startTestServer(testConfig({ databaseUrl: database?.url, dataDir }));
  try {
    const org = await seedOrg(server);
    const seeded = await seedTerritory(server, org.repA, records);
    const seedMs = seeded.ms;
    const client = await startClient('bench-territory');
    try {
      const email = await emailOf(server, org.repA);
      const started = nowMs();
      await signIn(client, server.url, email);
      let half: { at: number; shownLeftMs: number | undefined } | undefined;
      let reported = started;
      await waitFor(
        'territory first sync',
        async () => {
          const status = await client.must('sync.status', {});
          const at = nowMs();
          const initial = status.initial;
          // Half of what the server holds: the bar's own total grows while collections report their first pages.
          if (initial !== undefined && half === undefined && initial.pulled * 2 >= seeded.written) {
            half = { at, shownLeftMs: initial.remainingMs };
          }
          if (at - reported > 10_000) {
            reported = at;
            progress(`territory first sync: ${JSON.stringify(initial ?? null)}, ${status.state}`);
          }
          return status.state === 'up_to_date' ? true : undefined;
        },
        1_800_000,
        250,
      );
      const ms = nowMs() - started;
      let docs = 0;
      for (const name of COLLECTIONS) docs += await client.count(name);
      progress(`territory first sync: ${docs} documents in ${round(ms, 0)} ms`);
      if (docs < seeded.written) throw new Error(`the laptop holds ${docs} of the ${seeded.written} documents the server has`);
      return {
        ms,
        docs,
        backend: database ? 'postgresql' : 'pglite',
        seedMs,
        shownLeftAtHalfMs: half?.shownLeftMs,
        actualLeftAtHalfMs: half ? started + ms - half.at : undefined,
      };
    } finally {
      await client.close();
    }
  } finally {
    await server.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Writes the territory into the server's feed as `owner`'s records: how many documents, and how long it took. */
async function seedTerritory(server: RunningServer, owner: Person, records: number): Promise<{ written: number; ms: number }> {
  const started = nowMs();
  const teamId = owner.teamId ?? owner.id;
  let written = 0;
  let lastReport = started;
  const flush = async (collection: CrmCollectionName, docs: ReadonlyArray<Record<string, unknown>>): Promise<void> => {
    if (docs.length === 0) return;
    const owned = docs.map((doc) => ({ ...doc, ownerId: owner.id, teamId }));
    await server.ctx.db.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, deleted, revision, data)
       SELECT $1, d->>'id', $2, $3, $4, false, 1, d FROM jsonb_array_elements($5::jsonb) d`,
      [collection, crmCollections[collection].schema.version, owner.id, teamId, JSON.stringify(owned)],
    );
    written += docs.length;
  };
  for (const batch of generateDataset({ records, seed: 42, referenceDate: DEFAULT_REFERENCE_DATE, batchSize: 500 })) {
    if (SKIPPED.has(batch.collection)) continue;
    const docs = batch.docs as ReadonlyArray<Record<string, unknown>>;
    for (let at = 0; at < docs.length; at += SEED_BATCH) await flush(batch.collection, docs.slice(at, at + SEED_BATCH));
    if (nowMs() - lastReport > 10_000) {
      lastReport = nowMs();
      progress(`territory on the server: ${written} documents`);
    }
  }
  const ms = nowMs() - started;
  progress(`territory on the server: ${written} documents in ${round(ms, 0)} ms`);
  return { written, ms };
}
