import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { fillWithDefaultSettings, normalizeMangoQuery, now, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, RxJsonSchema, RxStorageInstance } from 'rxdb/plugins/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contactSchema, createContactsInstance } from '../../../../tests/store/test-schema';
import type { Contact, StoredContact } from '../../../../tests/store/test-schema';
import { IDLE_UPKEEP_MS, UPKEEP_AFTER_OPEN_MS } from './idle-upkeep';
import { getRxStorageSqlite } from './index';
import type { RxStorageInstanceSqlite, RxStorageSqlite, SqliteWriteHook } from './index';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';

type Instance = RxStorageInstance<Contact, unknown, unknown>;
const open: Instance[] = [];

async function create(storage: RxStorageSqlite, databaseName = 'db', collectionName = 'contacts'): Promise<Instance> {
  const instance = await createContactsInstance(storage, databaseName, collectionName);
  open.push(instance);
  return instance;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((instance) => instance.close()));
});

function doc(id: string, rev = '1-a', patch: Partial<StoredContact> = {}): StoredContact {
  return {
    id,
    name: id,
    age: 30,
    score: 1,
    active: true,
    address: { city: 'Rome' },
    _deleted: false,
    _rev: rev,
    _meta: { lwt: now() },
    _attachments: {},
    ...patch,
  };
}

describe('modify', () => {
  function byCity(instance: Instance, city: string) {
    const query = normalizeMangoQuery<StoredContact>(contactSchema as RxJsonSchema<StoredContact>, {
      selector: { 'address.city': city },
      sort: [{ 'address.city': 'asc' }, { age: 'asc' }],
    });
    return instance.query(
      prepareQuery(fillWithDefaultSettings(contactSchema) as RxJsonSchema<StoredContact>, query as FilledMangoQuery<StoredContact>),
    );
  }

  it('rewrites each stored document from its own state, leaves those it is told to, keeps index columns true, and emits the writes', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    await instance.bulkWrite([{ document: doc('a') }, { document: doc('b', '1-a', { age: 40 }) }, { document: doc('c') }], 'test');
    const events: string[][] = [];
    const subscription = instance.changeStream().subscribe((bulk) => events.push(bulk.events.map((e) => `${e.operation} ${e.documentId}`)));
    const written = await (instance as unknown as RxStorageInstanceSqlite<Contact>).modify(
      ['a', 'b', 'missing'],
      (stored) => (stored.id === 'a' ? { ...stored, address: { city: 'Oslo' }, _rev: '2-m' } : undefined),
      'test-modify',
    );
    subscription.unsubscribe();
    expect(written.map((d) => [d.id, d.address.city, d._rev])).toEqual([['a', 'Oslo', '2-m']]);
    expect(events).toEqual([['UPDATE a']]);
    expect((await byCity(instance, 'Oslo')).documents.map((d) => d.id)).toEqual(['a']);
    expect((await byCity(instance, 'Rome')).documents.map((d) => d.id)).toEqual(['c', 'b']);
    // The stored revision is the new one: a write quoting the old one is a conflict.
    const stale = await instance.bulkWrite([{ previous: doc('a'), document: doc('a', '3-x') }], 'test');
    expect(stale.error[0]?.status).toBe(409);
  });
});

describe('bulkWrite conflicts', () => {
  it('returns 409 for a stale previous revision, changes nothing for it, and writes the other rows', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    const v1 = doc('a');
    await instance.bulkWrite([{ document: v1 }], 'test');
    const result = await instance.bulkWrite(
      [
        { previous: { ...v1, _rev: '1-stale' }, document: doc('a', '2-x', { name: 'lost' }) },
        { document: doc('a', '1-again') }, // insert over an existing document
        { document: doc('b') },
      ],
      'test',
    );
    expect(result.error.map((e) => [e.status, e.documentId])).toEqual([
      [409, 'a'],
      [409, 'a'],
    ]);
    expect(result.error[0] && 'documentInDb' in result.error[0] ? result.error[0].documentInDb : undefined).toEqual(v1);
    const stored = await instance.findDocumentsById(['a', 'b'], false);
    expect(stored.map((d) => [d.id, d.name, d._rev])).toEqual([
      ['a', 'a', '1-a'],
      ['b', 'b', '1-a'],
    ]);
  });

  it('hides deleted documents unless asked and still detects conflicts on them', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    const v1 = doc('a');
    await instance.bulkWrite([{ document: v1 }], 'test');
    await instance.bulkWrite([{ previous: v1, document: doc('a', '2-a', { _deleted: true }) }], 'test');
    expect(await instance.findDocumentsById(['a'], false)).toEqual([]);
    expect((await instance.findDocumentsById(['a'], true))[0]?._deleted).toBe(true);
    const result = await instance.bulkWrite([{ document: doc('a', '1-b') }], 'test');
    expect(result.error[0]?.status).toBe(409);
  });
});

describe('change stream', () => {
  it('emits after the commit, with the checkpoint of the newest row, and not for conflicts', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    const instance = await create(storage);
    const db = storage.getConnection('db') as BetterSqlite3.Database;
    const seen: { inTransaction: boolean; visible: number; ids: string[]; checkpoint: unknown }[] = [];
    const subscription = instance.changeStream().subscribe((bulk) => {
      const visible = db.prepare('SELECT COUNT(*) FROM "rxdb_contacts_v0"').pluck().get() as number;
      seen.push({ inTransaction: db.inTransaction, visible, ids: bulk.events.map((e) => e.documentId), checkpoint: bulk.checkpoint });
    });
    const b = doc('b', '1-a', { _meta: { lwt: 2000 } });
    await instance.bulkWrite([{ document: doc('a', '1-a', { _meta: { lwt: 1000 } }) }, { document: b }], 'ctx');
    await instance.bulkWrite([{ document: doc('a', '1-z') }], 'ctx'); // conflict only: no event
    subscription.unsubscribe();
    expect(seen).toEqual([{ inTransaction: false, visible: 2, ids: ['a', 'b'], checkpoint: { id: 'b', lwt: 2000 } }]);
  });
});

describe('write hooks', () => {
  const hookWith = (
    afterWrite: SqliteWriteHook['afterWrite'],
    onRemove?: SqliteWriteHook['onRemove'],
  ): SqliteWriteHook & { setup: ReturnType<typeof vi.fn> } => ({
    name: 'test',
    setup: vi.fn((db: BetterSqlite3.Database) => db.exec('CREATE TABLE IF NOT EXISTS side (id TEXT PRIMARY KEY, deleted INTEGER)')),
    afterWrite,
    ...(onRemove ? { onRemove } : {}),
  });

  it('runs setup once per connection and afterWrite inside the transaction with the stored docs and their rowids', async () => {
    const calls: { inTransaction: boolean; table: string; docs: [string, boolean, number][]; inserted: number }[] = [];
    const hook = hookWith((db, table, write) => {
      const rowidOf = db.prepare<[string], number>(`SELECT rowid FROM "${table.tableName}" WHERE id = ?`).pluck();
      calls.push({
        inTransaction: db.inTransaction,
        table: `${table.collectionName}/${table.schemaVersion}/${table.tableName}`,
        docs: write.docs.map((d, i) => [String(d.id), d._deleted, write.rowids[i] === rowidOf.get(String(d.id)) ? 1 : 0]),
        inserted: write.inserted,
      });
      const put = db.prepare('INSERT OR REPLACE INTO side (id, deleted) VALUES (?, ?)');
      write.docs.forEach((d) => put.run(String(d.id), d._deleted ? 1 : 0));
    });
    const storage = getRxStorageSqlite({ directory: ':memory:', hooks: [hook] });
    const instance = await create(storage);
    await create(storage, 'db', 'other');
    expect(hook.setup).toHaveBeenCalledTimes(1);
    const v1 = doc('a');
    await instance.bulkWrite([{ document: v1 }, { document: doc('b') }], 'test');
    await instance.bulkWrite(
      [{ previous: v1, document: doc('a', '2-a', { _deleted: true }) }, { document: doc('b', '1-conflict') }],
      'test',
    );
    await instance.bulkWrite([{ document: doc('b', '1-conflict') }], 'test'); // nothing stored: no call
    await instance.bulkWrite([{ document: doc('c') }, { previous: doc('b'), document: doc('b', '2-b') }], 'test');
    const table = 'contacts/0/rxdb_contacts_v0';
    expect(calls).toEqual([
      {
        inTransaction: true,
        table,
        docs: [
          ['a', false, 1],
          ['b', false, 1],
        ],
        inserted: 2,
      },
      { inTransaction: true, table, docs: [['a', true, 1]], inserted: 0 },
      {
        inTransaction: true,
        table,
        docs: [
          ['c', false, 1],
          ['b', false, 1],
        ],
        inserted: 1,
      },
    ]);
  });

  it('shows each hook the table and its rows when an instance opens it, before any write', async () => {
    const seen: [string, boolean, [number, string][]][] = [];
    const hook: SqliteWriteHook = {
      ...hookWith(() => undefined),
      openTable: (db, table, rows) =>
        seen.push([table.tableName, db.inTransaction, [...rows()].map((row) => [row.rowid, String(row.doc.id)])]),
    };
    const storage = getRxStorageSqlite({ directory: ':memory:', hooks: [hook] });
    const first = await create(storage);
    await first.bulkWrite([{ document: doc('a') }, { document: doc('b') }], 'test');
    await create(storage);
    expect(seen).toEqual([
      ['rxdb_contacts_v0', true, []],
      [
        'rxdb_contacts_v0',
        true,
        [
          [1, 'a'],
          [2, 'b'],
        ],
      ],
    ]);
  });

  it('rolls the whole bulkWrite back and emits nothing when afterWrite throws', async () => {
    let fail = false;
    const hook = hookWith((db, _table, write) => {
      const put = db.prepare('INSERT OR REPLACE INTO side (id, deleted) VALUES (?, ?)');
      write.docs.forEach((d) => put.run(String(d.id), 0));
      if (fail) throw new Error('index full');
    });
    const storage = getRxStorageSqlite({ directory: ':memory:', hooks: [hook] });
    const instance = await create(storage);
    const events: unknown[] = [];
    const subscription = instance.changeStream().subscribe((bulk) => events.push(bulk));
    const v1 = doc('a');
    await instance.bulkWrite([{ document: v1 }], 'test');
    fail = true;
    await expect(
      instance.bulkWrite([{ previous: v1, document: doc('a', '2-a', { name: 'new' }) }, { document: doc('b') }], 'test'),
    ).rejects.toThrow('index full');
    subscription.unsubscribe();
    expect(events).toHaveLength(1);
    expect((await instance.findDocumentsById(['a', 'b'], true)).map((d) => [d.id, d._rev, d.name])).toEqual([['a', '1-a', 'a']]);
    expect(storage.getConnection('db')?.prepare('SELECT id FROM side').pluck().all()).toEqual(['a']);
  });

  it('runs idle steps once writes pause, not while they come, not while the app starts, and not after the connection closed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const steps: number[] = [];
      const hook: SqliteWriteHook = { ...hookWith(() => undefined), idleStep: () => steps.push(steps.length) < 3 };
      const storage = getRxStorageSqlite({ directory: ':memory:', hooks: [hook] });
      const instance = await create(storage);
      await instance.bulkWrite([{ document: doc('x') }], 'test');
      vi.advanceTimersByTime(UPKEEP_AFTER_OPEN_MS - 1);
      expect(steps).toEqual([]);
      await instance.bulkWrite([{ document: doc('a') }], 'test');
      vi.advanceTimersByTime(IDLE_UPKEEP_MS - 1);
      await instance.bulkWrite([{ document: doc('b') }], 'test');
      vi.advanceTimersByTime(IDLE_UPKEEP_MS - 1);
      expect(steps).toEqual([]);
      vi.advanceTimersByTime(1);
      vi.runAllTimers();
      expect(steps).toEqual([0, 1, 2]);

      await instance.bulkWrite([{ document: doc('c') }], 'test');
      await instance.close();
      vi.runAllTimers();
      expect(steps).toEqual([0, 1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('calls onRemove inside the transaction that drops the collection', async () => {
    const removed: [string, boolean][] = [];
    const hook = hookWith(
      () => undefined,
      (db, table) => removed.push([table.collectionName, db.inTransaction]),
    );
    const storage = getRxStorageSqlite({ directory: ':memory:', hooks: [hook] });
    const keeper = await create(storage, 'db', 'other');
    const instance = await create(storage);
    await instance.bulkWrite([{ document: doc('a') }], 'test');
    await instance.remove();
    expect(removed).toEqual([['contacts', true]]);
    const tables = storage
      .getConnection('db')
      ?.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rxdb_contacts%'")
      .all();
    expect(tables).toEqual([]);
    const fresh = await create(storage);
    expect(await fresh.findDocumentsById(['a'], true)).toEqual([]);
    await keeper.close();
  });
});

describe('cleanup', () => {
  it('purges only tombstones older than minimumDeletedTime', async () => {
    const instance = await create(getRxStorageSqlite({ directory: ':memory:' }));
    const old = now() - 60_000;
    await instance.bulkWrite(
      [
        { document: doc('old', '1-a', { _deleted: true, _meta: { lwt: old } }) },
        { document: doc('recent', '1-a', { _deleted: true }) },
        { document: doc('alive', '1-a', { _meta: { lwt: old } }) },
      ],
      'test',
    );
    expect(await instance.cleanup(30_000)).toBe(true);
    expect((await instance.findDocumentsById(['old', 'recent', 'alive'], true)).map((d) => d.id)).toEqual(['recent', 'alive']);
    await instance.cleanup(0);
    expect((await instance.findDocumentsById(['old', 'recent', 'alive'], true)).map((d) => d.id)).toEqual(['alive']);
  });
});

describe('storage and connections', () => {
  it('shares one connection per database, keeps :memory: databases apart, closes with the last instance', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    const a1 = await create(storage, 'one');
    const a2 = await create(storage, 'one', 'other');
    const b = await create(storage, 'two');
    await a1.bulkWrite([{ document: doc('x') }], 'test');
    expect(await b.findDocumentsById(['x'], true)).toEqual([]);
    const connection = storage.getConnection('one');
    await a1.close();
    expect(storage.getConnection('one')).toBe(connection);
    await a2.close();
    expect(storage.getConnection('one')).toBeUndefined();
    expect(connection?.open).toBe(false);
    await expect(a1.findDocumentsById(['x'], true)).rejects.toThrow(/closed/);
  });

  it('opens files in WAL mode with synchronous FULL, one file per database', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'rxdb-sqlite-unit-'));
    try {
      const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
      await create(storage, 'crm');
      const db = storage.getConnection('crm') as BetterSqlite3.Database;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(existsSync(path.join(directory, 'crm.sqlite'))).toBe(true);
      await expect(create(storage, '../escape')).rejects.toThrow(/plain file name/);
    } finally {
      await Promise.all(open.splice(0).map((instance) => instance.close()));
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses schemas with attachments', async () => {
    type WithFile = { id: string };
    const schema: RxJsonSchema<WithFile> = {
      version: 0,
      primaryKey: 'id',
      type: 'object',
      properties: { id: { type: 'string', maxLength: 10 } },
      attachments: {},
    };
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    await expect(
      storage.createStorageInstance<WithFile>({
        databaseInstanceToken: 't',
        databaseName: 'db',
        collectionName: 'files',
        schema: fillWithDefaultSettings(schema),
        options: {},
        multiInstance: false,
        devMode: false,
      }),
    ).rejects.toThrow(/attachments/);
  });

  it('answers an indexed range from the SQLite index, without a table scan', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    await create(storage);
    const query = prepareQuery<StoredContact>(
      contactSchema,
      normalizeMangoQuery<StoredContact>(contactSchema, {
        selector: { _deleted: { $eq: false }, age: { $gt: 3 } },
        sort: [{ age: 'asc' }],
        limit: 5,
      }) as FilledMangoQuery<StoredContact>,
    );
    const column = `i${contactSchema.indexes?.findIndex((index) => Array.isArray(index) && index.join(',') === query.queryPlan.index.join(','))}`;
    const plan = storage
      .getConnection('db')
      ?.prepare(
        `EXPLAIN QUERY PLAN SELECT data FROM "rxdb_contacts_v0" WHERE ${column} > ? AND ${column} <= ? ORDER BY ${column} LIMIT ? OFFSET ?`,
      )
      .all('a', 'b', 5, 0) as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/USING INDEX rxdb_contacts_v0_i\d/);
    expect(plan.map((row) => row.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
  });
});
