import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalizeMangoQuery, now, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, MangoQuery, RxStorageInstance } from 'rxdb/plugins/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { contactSchema, createContactsInstance } from '../../../../tests/store/test-schema';
import type { Contact, StoredContact } from '../../../../tests/store/test-schema';
import { ID_KEY_UNITS } from './index-key';
import { getRxStorageSqlite } from './index';
import type { RxStorageSqlite } from './index';
import { describeTable, META_TABLE } from './sqlite-table';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { openEncryptedFile } from '../../../../tests/support/encrypted-file';

/**
 * Sort indexes keep only the first ID_KEY_UNITS code units of the id (index-key.ts). These tests
 * pin the cases the differential test reaches only by chance: ties of whole keys across a page
 * edge, and bounds on a truncated id.
 */
type Instance = RxStorageInstance<Contact, unknown, unknown>;
const open: Instance[] = [];
const directory = mkdtempSync(path.join(tmpdir(), 'truncated-keys-'));

afterEach(async () => {
  await Promise.all(open.splice(0).map((instance) => instance.close()));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function create(storage: RxStorageSqlite, databaseName = 'db'): Promise<Instance> {
  const instance = await createContactsInstance(storage, databaseName);
  open.push(instance);
  return instance;
}

function doc(id: string, name: string): StoredContact {
  return {
    id,
    name,
    age: 30,
    score: 1,
    active: true,
    address: { city: 'Rome' },
    _deleted: false,
    _rev: '1-a',
    _meta: { lwt: now() },
    _attachments: {},
  };
}

async function ids(instance: Instance, query: MangoQuery<StoredContact>): Promise<string[]> {
  const normalized = normalizeMangoQuery<StoredContact>(contactSchema, query) as FilledMangoQuery<StoredContact>;
  const result = await instance.query(prepareQuery<StoredContact>(contactSchema, normalized));
  return result.documents.map((d) => d.id);
}

const prefix = 'k'.repeat(ID_KEY_UNITS);
// Inserted in descending id order, so SQLite's own order among equal keys (rowid) is the reverse.
const tied = ['e', 'd', 'c', 'b', 'a'].map((suffix) => `${prefix}${suffix}`);

describe('truncated ids in sort index keys', () => {
  it('orders runs of equal keys by the full id, also where a run crosses a page edge', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    await instance.bulkWrite(
      [doc('a', 'Ann'), ...tied.map((id) => doc(id, 'Bob')), doc('z', 'Cy')].map((document) => ({ document })),
      'test',
    );
    const all = ['a', ...[...tied].sort(), 'z'];
    const selector = { _deleted: { $eq: false } };
    expect(await ids(instance, { selector, sort: [{ name: 'asc' }] })).toEqual(all);
    for (let skip = 0; skip < all.length; skip++) {
      for (let limit = 1; limit <= 3; limit++) {
        expect(await ids(instance, { selector, sort: [{ name: 'asc' }], skip, limit })).toEqual(all.slice(skip, skip + limit));
      }
    }
    // The same through a run scan (descending) and with a JS matcher ($regex is never exact).
    expect(await ids(instance, { selector, sort: [{ name: 'desc' }] })).toEqual(['z', ...[...tied].sort(), 'a']);
    expect(await ids(instance, { selector: { ...selector, name: { $regex: '^B' } }, sort: [{ name: 'asc' }], skip: 1, limit: 2 })).toEqual(
      [...tied].sort().slice(1, 3),
    );
  });

  it('answers bounds on a truncated id exactly (the range is widened, the matcher decides)', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    await instance.bulkWrite(
      tied.map((id) => ({ document: doc(id, 'Bob') })),
      'test',
    );
    const sorted = [...tied].sort();
    const selector = (id: Record<string, string>) => ({ _deleted: { $eq: false }, name: { $eq: 'Bob' }, id });
    const query = (id: Record<string, string>, index = ['_deleted', 'name', 'id']) => ({
      selector: selector(id),
      sort: [{ name: 'asc' as const }],
      index,
    });
    expect(await ids(instance, query({ $gt: sorted[1] as string }))).toEqual(sorted.slice(2));
    expect(await ids(instance, query({ $gte: sorted[1] as string, $lt: sorted[3] as string }))).toEqual(sorted.slice(1, 3));
    expect(await ids(instance, query({ $eq: sorted[2] as string }))).toEqual([sorted[2]]);
    const normalized = normalizeMangoQuery<StoredContact>(
      contactSchema,
      query({ $gt: sorted[1] as string }),
    ) as FilledMangoQuery<StoredContact>;
    expect((await instance.count(prepareQuery<StoredContact>(contactSchema, normalized))).count).toBe(3);
  });

  it('reads a long run met walking backwards from its start, with skips inside, before and beyond it', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    // 3,000 contacts aged 40 (a run of one key, some ids truncated alike), 3 older, 5 younger;
    // inserted in an order unlike the ids', so rowid order is no help. A table this size is
    // walked in index order (a smaller one is read whole and sorted).
    const run = Array.from({ length: 3000 }, (_, i) =>
      i % 100 === 0 ? `${prefix}${String(i).padStart(4, '0')}` : `r${(i * 7919) % 3000}`,
    );
    const docs = [
      ...run.map((id) => ({ ...doc(id, 'Run'), age: 40 })),
      ...['o1', 'o2', 'o3'].map((id, i) => ({ ...doc(id, 'Old'), age: 60 + i })),
      ...['y1', 'y2', 'y3', 'y4', 'y5'].map((id, i) => ({ ...doc(id, 'Young'), age: 20 + i })),
    ];
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    const byAgeDesc = [...docs].sort((a, b) => b.age - a.age || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((d) => d.id);
    const selector = { _deleted: { $eq: false } };
    for (const [skip, limit] of [
      [0, 50],
      [2, 10],
      [3, 1],
      [100, 50],
      [2990, 20],
      [3003, 3],
      [3006, 10],
    ] as const) {
      expect(await ids(instance, { selector, sort: [{ age: 'desc' }], skip, limit })).toEqual(byAgeDesc.slice(skip, skip + limit));
    }
    expect(await ids(instance, { selector: { ...selector, age: { $lte: 40 } }, sort: [{ age: 'desc' }], limit: 5 })).toEqual(
      byAgeDesc.slice(3, 8),
    );
  });

  it('pages deep into runs of tied sort keys either way: runs inside the window sorted by the comparator, runs across its edges read whole', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    // Six contacts of each age 30–34, inserted so that neither rowid nor key order is the id order.
    const docs = Array.from({ length: 30 }, (_, i) => ({ ...doc(`c${String((i * 17) % 30).padStart(2, '0')}`, 'Tie'), age: 30 + (i % 5) }));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'test',
    );
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const selector = { _deleted: { $eq: false } };
    for (const direction of ['asc', 'desc'] as const) {
      const expected = [...docs].sort((a, b) => (direction === 'asc' ? a.age - b.age : b.age - a.age) || byId(a, b)).map((d) => d.id);
      for (const [skip, limit] of [
        [6, 6],
        [6, 12],
        [12, 6],
        [3, 6],
        [7, 4],
        [24, 10],
        [29, 1],
        [30, 5],
      ] as const) {
        expect(await ids(instance, { selector, sort: [{ age: direction }], skip, limit })).toEqual(expected.slice(skip, skip + limit));
      }
    }
  });

  it('re-keys a file written with an older key encoding on open', async () => {
    const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
    const first = await create(storage, 'old');
    await first.bulkWrite(
      [...tied, 'a', 'z'].map((id, i) => ({ document: doc(id, `n${9 - i}`) })),
      'test',
    );
    await first.close();
    open.splice(0);
    // Pretend an older encoding: another layout tag, and every key column holding garbage.
    const table = describeTable('contacts', contactSchema);
    const raw = openEncryptedFile(path.join(directory, 'old.sqlite'));
    const layout = JSON.parse(table.layout) as [string, unknown];
    raw.prepare(`UPDATE ${META_TABLE} SET layout = ? WHERE table_name = ?`).run(JSON.stringify(['compact-0', layout[1]]), table.name);
    raw.exec(`UPDATE ${table.sqlName} SET ${table.indexes.map((index) => `${index.column} = 'x'`).join(', ')}`);
    raw.close();
    const reopened = await create(storage, 'old');
    const byName = await ids(reopened, { selector: { _deleted: { $eq: false } }, sort: [{ name: 'asc' }] });
    expect(byName).toEqual([...tied, 'a', 'z'].reverse());
    const check = openEncryptedFile(path.join(directory, 'old.sqlite'), { readonly: true });
    expect(check.prepare(`SELECT layout FROM ${META_TABLE} WHERE table_name = ?`).pluck().get(table.name)).toBe(table.layout);
    check.close();
  });

  it('still refuses a file whose indexes differ (a schema change without a version bump)', async () => {
    const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
    const first = await create(storage, 'changed');
    await first.close();
    open.splice(0);
    const table = describeTable('contacts', contactSchema);
    const raw = openEncryptedFile(path.join(directory, 'changed.sqlite'));
    raw.prepare(`UPDATE ${META_TABLE} SET layout = ? WHERE table_name = ?`).run(JSON.stringify(['compact-2', [['name', []]]]), table.name);
    raw.close();
    await expect(create(storage, 'changed')).rejects.toThrow(/different index layout/);
  });
});
