import { createRxDatabase, type RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { accountsV0Schema, type AccountV0 } from '../../../shared/migrations/accounts/0001-split-address';
import { CRM_DATABASE_NAME, openCrmDatabase } from './open-crm-database';
import { testStorage } from './test-storage';

const v0Doc = (id: string, address?: string): AccountV0 => ({
  id,
  ownerId: 'u1',
  teamId: 't1',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  name: `Account ${id}`,
  status: 'active',
  tier: 'standard',
  region: 'emea',
  currency: 'EUR',
  ...(address === undefined ? {} : { address }),
});

describe('accounts schema v0 → v1 through RxDB', () => {
  it('migrates stored v0 documents when the database is reopened with the current schema', async () => {
    // The same storage object keeps the memory store's data across close, like a file on disk.
    const storage: RxStorage<unknown, unknown> = testStorage(getRxStorageMemory());
    const old = await createRxDatabase({ name: CRM_DATABASE_NAME, storage, multiInstance: false });
    await old.addCollections({ accounts: { schema: accountsV0Schema } });
    await old.accounts.bulkInsert([v0Doc('a1', 'Unter den Linden 5, 10117 Berlin'), v0Doc('a2')]);
    await old.close();

    const db = await openCrmDatabase({ directory: '/unused', storage });
    try {
      const docs = await db.accounts.find({ sort: [{ id: 'asc' }] }).exec();
      expect(docs.map((d) => d.toJSON())).toEqual([
        expect.objectContaining({ id: 'a1', street: 'Unter den Linden 5', postalCode: '10117', city: 'Berlin' }),
        expect.objectContaining({ id: 'a2', name: 'Account a2' }),
      ]);
      expect(docs[0]?.toJSON()).not.toHaveProperty('address');
      // Migrated documents are indexed under the new fields.
      const berlin = await db.accounts.find({ selector: { city: 'Berlin' } }).exec();
      expect(berlin.map((d) => d.id)).toEqual(['a1']);
    } finally {
      await db.remove();
    }
  });
});
