import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRxDatabase } from 'rxdb/plugins/core';
import type { RxCollection, RxDatabase, RxJsonSchema } from 'rxdb/plugins/core';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { TEST_DATABASE_KEY } from '../support/test-database-key';

type Customer = { id: string; name: string; city: string; revenue: number; active: boolean };
type Collections = { customers: RxCollection<Customer> };

const customerSchema: RxJsonSchema<Customer> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    name: { type: 'string', maxLength: 80 },
    city: { type: 'string', maxLength: 40 },
    revenue: { type: 'number', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    active: { type: 'boolean' },
  },
  required: ['id', 'name', 'city', 'revenue', 'active'],
  indexes: ['name', ['city', 'revenue']],
};

async function openDatabase(directory: string): Promise<RxDatabase<Collections>> {
  const db = await createRxDatabase<Collections>({
    name: 'crm',
    storage: getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY }),
    multiInstance: false,
  });
  await db.addCollections({ customers: { schema: customerSchema } });
  return db;
}

describe('SQLite storage under a real RxDatabase', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'rxdb-sqlite-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('inserts, queries, updates, deletes, and finds the data again after a reopen', async () => {
    const db = await openDatabase(directory);
    await db.customers.bulkInsert([
      { id: 'c1', name: 'Acme', city: 'Berlin', revenue: 500, active: true },
      { id: 'c2', name: 'Bolt', city: 'Berlin', revenue: 1500, active: true },
      { id: 'c3', name: 'Crate', city: 'Paris', revenue: 900, active: false },
    ]);
    await db.customers.insert({ id: 'c4', name: 'Dune', city: 'Berlin', revenue: 50, active: true });

    const berlinByRevenue = await db.customers
      .find({ selector: { city: 'Berlin', revenue: { $gte: 100 } }, sort: [{ revenue: 'desc' }] })
      .exec();
    expect(berlinByRevenue.map((doc) => doc.id)).toEqual(['c2', 'c1']);
    expect(await db.customers.count({ selector: { city: 'Berlin' } }).exec()).toBe(3);

    const bolt = await db.customers.findOne('c2').exec();
    await bolt?.patch({ revenue: 2000, name: 'Bolt GmbH' });
    const crate = await db.customers.findOne('c3').exec();
    await crate?.remove();
    await db.close();

    const reopened = await openDatabase(directory);
    const all = await reopened.customers.find({ sort: [{ name: 'asc' }] }).exec();
    expect(all.map((doc) => [doc.id, doc.name, doc.revenue])).toEqual([
      ['c1', 'Acme', 500],
      ['c2', 'Bolt GmbH', 2000],
      ['c4', 'Dune', 50],
    ]);
    expect(await reopened.customers.findOne('c3').exec()).toBeNull();
    // The update also kept its conflict base: patching again from the reloaded revision works.
    const reloaded = await reopened.customers.findOne('c2').exec();
    await reloaded?.incrementalPatch({ active: false });
    expect((await reopened.customers.findOne('c2').exec())?.active).toBe(false);
    await reopened.close();
  });

  it('keeps reactive queries current: the change stream reaches RxQuery subscribers', async () => {
    const db = await openDatabase(directory);
    const seen: number[] = [];
    const subscription = db.customers.find({ selector: { active: true } }).$.subscribe((docs) => seen.push(docs.length));
    await db.customers.insert({ id: 'c1', name: 'Acme', city: 'Berlin', revenue: 1, active: true });
    await db.customers.insert({ id: 'c2', name: 'Bolt', city: 'Rome', revenue: 2, active: true });
    await expect.poll(() => seen[seen.length - 1]).toBe(2);
    subscription.unsubscribe();
    await db.close();
  });
});
