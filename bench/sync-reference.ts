/**
 * The floor bench:sync compares our first sync with: the same 100,000 accounts replicated by RxDB's
 * own replication in-process, a master collection on the memory storage handing its changes to a
 * fork on our SQLite storage, no HTTP in between.
 */
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
import { crmCollections } from '../shared/schemas/registry';
import { nowMs, progress, round } from './bench-stats';

type RefDoc = Record<string, unknown> & { id: string };

export async function measureReference(total: number): Promise<number> {
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
    for (let from = 0; from < total; from += 10_000) {
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
    if (count !== total) throw new Error(`reference fork has ${count} accounts`);
    await replication.cancel();
    progress(`reference initial sync ${round(elapsed, 0)} ms`);
    return elapsed;
  } finally {
    // Removed, not closed: the memory storage would keep the master's documents for the next round.
    await Promise.all([master.remove(), fork.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
