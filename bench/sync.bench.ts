import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { getReplicationHandlerByCollection } from 'rxdb/plugins/replication-websocket';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { getRxStorageSqlite } from '../electron/core/storage/sqlite';
import type { Db, Queryable } from '../server/db/db';
import type { RunningServer } from '../server/server';
import { account, api, pushRows, seedOrg, startTestServer, testConfig, type Org, type Person } from '../server/testing/harness';
import { crmCollections } from '../shared/schemas/registry';
import { startClient, type ClientProcess } from '../tests/sync/client-process';
import { emailOf, signIn } from '../tests/sync/sync-fixtures';
import { waitFor } from '../tests/sync/wait-for';
import { nowMs, percentile, progress, round } from './bench-stats';

const TOTAL = 100_000;
const INCREMENTAL = 1_000;
const LATENCY_SAMPLES = 40;

/**
 * Sync benchmark over loopback: the real server (in this process, PGlite) and real client cores
 * (child processes). Prints one JSON line; never fails on time. The reference is the same initial
 * sync through RxDB's in-process replication handlers (master collection in memory, fork on our
 * SQLite storage): the floor our HTTP protocol is compared with.
 */
async function main(): Promise<void> {
  const server = await startTestServer(testConfig());
  const org = await seedOrg(server);
  try {
    const latency = await measureLatency(server, org);
    progress(`live latency p50 ${round(percentile(latency, 50))} ms`);
    await seedServer(server, org.repA);
    const { initial, initialServerBusy, incremental } = await measureInitialAndIncremental(server, org);
    const reference = await measureReference();
    console.log(
      JSON.stringify({
        initial_sync_100k_ms: round(initial, 0),
        initial_sync_server_busy_ms: round(initialServerBusy, 0),
        incremental_1k_ms: round(incremental, 0),
        live_latency_p50_ms: round(percentile(latency, 50), 1),
        live_latency_p95_ms: round(percentile(latency, 95), 1),
        reference_initial_sync_100k_ms: round(reference, 0),
      }),
    );
  } finally {
    await server.close();
  }
}

/** A push by one client until the other client's database shows it (both cores live on the stream). */
async function measureLatency(server: RunningServer, org: Org): Promise<number[]> {
  const [writer, reader] = await Promise.all([startClient('bench-writer'), startClient('bench-reader')]);
  try {
    const email = await emailOf(server, org.repB);
    await Promise.all([signIn(writer, server.url, email), signIn(reader, server.url, email)]);
    const id = (
      await writer.must('accounts.create', { values: { name: 'latency', status: 'active', tier: 'key', region: 'emea', currency: 'EUR' } })
    ).id;
    await waitFor('reader has the record', async () => ((await reader.count('accounts')) === 1 ? true : undefined));
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const value = `city-${i}`;
      const seen = reader.waitValue('accounts', id, 'city', value);
      const start = Date.now();
      await writer.must('accounts.update', { id, patch: { city: value } });
      samples.push((await seen) - start);
      await new Promise((r) => setTimeout(r, 50));
    }
    return samples;
  } finally {
    await Promise.all([writer.close(), reader.close()]);
  }
}

/** 100,000 accounts written straight into the feed table (the push API would take minutes to seed). */
async function seedServer(server: RunningServer, owner: Person): Promise<void> {
  const started = nowMs();
  for (let from = 1; from <= TOTAL; from += 20_000) {
    await server.ctx.db.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, deleted, revision, data)
       SELECT 'accounts', 'bench-' || lpad(g::text, 6, '0'), 1, $1, $2, false, 1,
         jsonb_build_object('id', 'bench-' || lpad(g::text, 6, '0'), 'ownerId', $1::text, 'teamId', $2::text,
           'createdAt', 1700000000000, 'updatedAt', 1700000000000, 'name', 'Account ' || g, 'status', 'active',
           'tier', 'key', 'region', 'emea', 'currency', 'EUR', 'city', 'Berlin', 'industry', 'Software',
           'phone', '+49 30 ' || g, 'employees', g % 5000)
       FROM generate_series($3::int, $4::int) g`,
      [owner.id, owner.teamId, from, Math.min(TOTAL, from + 19_999)],
    );
  }
  progress(`seeded ${TOTAL} accounts on the server in ${round(nowMs() - started, 0)} ms`);
}

async function measureInitialAndIncremental(
  server: RunningServer,
  org: Org,
): Promise<{ initial: number; initialServerBusy: number; incremental: number }> {
  const client: ClientProcess = await startClient('bench-initial');
  try {
    const email = await emailOf(server, org.repA);
    const busy = trackServerBusy(server.ctx.db);
    const started = nowMs();
    await signIn(client, server.url, email);
    await waitFor(
      'initial sync',
      async () => ((await client.must('sync.status', {})).state === 'up_to_date' ? true : undefined),
      600_000,
      20,
    );
    const initial = nowMs() - started;
    const initialServerBusy = busy.stop();
    const count = await client.count('accounts');
    if (count !== TOTAL) throw new Error(`client has ${count} accounts after the initial sync`);
    progress(`initial sync ${round(initial, 0)} ms (server in database transactions ${round(initialServerBusy, 0)} ms of it)`);

    const docs = Array.from({ length: INCREMENTAL }, (_, i) => account(org.repA, { name: `incremental-${i}` }));
    const startIncremental = nowMs();
    for (let i = 0; i < docs.length; i += 500) {
      await pushRows(
        api(server),
        org.repA.token,
        docs.slice(i, i + 500).map((d) => ({ newDocumentState: d })),
      );
    }
    await waitFor(
      'incremental sync',
      async () => ((await client.count('accounts')) === TOTAL + INCREMENTAL ? true : undefined),
      120_000,
      10,
    );
    return { initial, initialServerBusy, incremental: nowMs() - startIncremental };
  } finally {
    await client.close();
  }
}

/**
 * Wall time in which the in-process server had a database transaction open (each pull page is one;
 * overlapping ones count once), so a run shows how much of the initial sync the server accounts for.
 * The client requests the next page while it stores the current one, so busy time only lengthens the
 * sync where the client waits for it. `stop` returns the total and puts the original method back.
 */
function trackServerBusy(db: Db): { stop(): number } {
  const original = db.transaction;
  const inner = original.bind(db) as Db['transaction'];
  let open = 0;
  let since = 0;
  let busy = 0;
  db.transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    if (open++ === 0) since = nowMs();
    try {
      return await inner(fn);
    } finally {
      if (--open === 0) busy += nowMs() - since;
    }
  };
  return {
    stop() {
      db.transaction = original;
      return busy + (open > 0 ? nowMs() - since : 0);
    },
  };
}

type RefDoc = Record<string, unknown> & { id: string };

async function measureReference(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'sync-bench-ref-'));
  const schema = crmCollections.accounts.schema as unknown as RxJsonSchema<RefDoc>;
  const master = await createRxDatabase({ name: 'master', storage: getRxStorageMemory(), multiInstance: false });
  const fork = await createRxDatabase({
    name: 'fork',
    storage: getRxStorageSqlite({ directory: dir, hooks: [], databaseKey: loadOrCreateKeyFile(dir) }),
    multiInstance: false,
  });
  try {
    // Accounts are at schema version 1, which needs its migration strategy even on empty databases.
    addRxPlugin(RxDBMigrationSchemaPlugin);
    const creator = { schema, migrationStrategies: crmCollections.accounts.migrationStrategies };
    await master.addCollections({ accounts: creator });
    await fork.addCollections({ accounts: creator });
    const source = master.collections.accounts as RxCollection<RefDoc>;
    for (let from = 0; from < TOTAL; from += 10_000) {
      await source.bulkInsert(
        Array.from({ length: 10_000 }, (_, k) => {
          const g = from + k + 1;
          return {
            id: `bench-${String(g).padStart(6, '0')}`,
            ownerId: 'u1',
            teamId: 't1',
            createdAt: 1_700_000_000_000,
            updatedAt: 1_700_000_000_000,
            name: `Account ${g}`,
            status: 'active',
            tier: 'key',
            region: 'emea',
            currency: 'EUR',
            city: 'Berlin',
            industry: 'Software',
            phone: `+49 30 ${g}`,
            employees: g % 5000,
            serverRevision: 1,
          };
        }),
      );
    }
    const handler = getReplicationHandlerByCollection<RefDoc>(master, 'accounts');
    const started = nowMs();
    const replication = replicateRxCollection<RefDoc, unknown>({
      replicationIdentifier: 'reference',
      collection: fork.collections.accounts as RxCollection<RefDoc>,
      live: false,
      pull: { batchSize: 1000, handler: (checkpoint, size) => handler.masterChangesSince(checkpoint, size) },
      push: { batchSize: 500, handler: (rows) => handler.masterWrite(rows) },
    });
    await replication.awaitInitialReplication();
    const elapsed = nowMs() - started;
    const count = await (fork.collections.accounts as RxCollection<RefDoc>).count().exec();
    if (count !== TOTAL) throw new Error(`reference fork has ${count} accounts`);
    await replication.cancel();
    progress(`reference initial sync ${round(elapsed, 0)} ms`);
    return elapsed;
  } finally {
    await Promise.all([master.close(), fork.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
