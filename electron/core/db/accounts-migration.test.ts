import { createRxDatabase, type RxCollection } from 'rxdb';
import { afterAll, describe, expect, it } from 'vitest';
import { accountsV0Schema, type AccountV0 } from '../../../shared/migrations/accounts/0001-split-address';
import { crmCollections } from '../../../shared/schemas/registry';
import type { Account } from '../../../shared/schemas';
import { CRM_DATABASE_NAME, openCrmDatabase } from './open-crm-database';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';

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
  const dir = tempDirectory();
  afterAll(() => dir.cleanup());

  it('migrates stored v0 documents when the database is reopened with the current schema', async () => {
    const old = await createRxDatabase<{ accounts: RxCollection<AccountV0> }>({
      name: CRM_DATABASE_NAME,
      storage: testStorage(dir.path),
      multiInstance: false,
    });
    await old.addCollections({ accounts: { schema: accountsV0Schema } });
    await old.accounts.bulkInsert([v0Doc('a1', 'Unter den Linden 5, 10117 Berlin'), v0Doc('a2')]);
    await old.close();

    // A new storage object: only the file on disk carries the v0 documents over.
    const db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
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

describe('accounts schema v2 → v3 through RxDB', () => {
  const dir = tempDirectory();
  afterAll(() => dir.cleanup());

  it('carries v2 documents into the v3 table, where the [ownerId, updatedAt] index serves "mine, latest first"', async () => {
    const current = crmCollections.accounts.schema;
    const v2Schema = {
      ...current,
      version: 2,
      indexes: (current.indexes ?? []).filter((index) => String(index) !== 'ownerId,updatedAt'),
    };
    expect(v2Schema.indexes.length).toBe((current.indexes ?? []).length - 1);
    const old = await createRxDatabase<{ accounts: RxCollection<Account> }>({
      name: CRM_DATABASE_NAME,
      storage: testStorage(dir.path),
      multiInstance: false,
    });
    await old.addCollections({ accounts: { schema: v2Schema, migrationStrategies: { 1: (d: unknown) => d, 2: (d: unknown) => d } } });
    const v2Docs = [1, 2, 3].map((n) => ({
      ...v0Doc(`b${n}`),
      ownerId: n === 2 ? 'u2' : 'u1',
      updatedAt: 1_700_000_000_000 + n * 1000,
    }));
    await old.accounts.bulkInsert(v2Docs as unknown as Account[]);
    await old.close();

    const db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    try {
      const mine = await db.accounts.find({ selector: { ownerId: 'u1' }, sort: [{ updatedAt: 'desc' }] }).exec();
      expect(mine.map((d) => d.id)).toEqual(['b3', 'b1']);
      expect((await db.accounts.findOne('b2').exec())?.toJSON()).toMatchObject({ ownerId: 'u2', name: 'Account b2' });
    } finally {
      await db.remove();
    }
  });
});
