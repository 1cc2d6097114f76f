import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../core';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { SyncDoc } from './field-merge';
import { replicationIdentifier, replicationMetaName } from './replication-meta';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-replication-meta-'));
let core: Core;

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', log: () => undefined });
});
afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('replication meta', () => {
  // The signed-out pending count reads this storage; a different name would silently read nothing.
  it('is named exactly as the RxDB replication names it', async () => {
    const collection = core.db.accounts as unknown as RxCollection<SyncDoc>;
    const identifier = replicationIdentifier({ serverUrl: 'https://sync.example.com', userId: 'u1' }, 'accounts');
    const replication = replicateRxCollection<SyncDoc, unknown>({
      replicationIdentifier: identifier,
      collection,
      live: false,
      autoStart: false,
      waitForLeadership: false,
      push: { handler: async () => [] },
    });
    try {
      expect(await replicationMetaName(collection, identifier)).toBe((await replication.metaInfoPromise).collectionName);
    } finally {
      await replication.cancel();
    }
  });
});
