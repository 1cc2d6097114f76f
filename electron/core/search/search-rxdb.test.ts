import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { accountsV0Schema, type AccountV0 } from '../../../shared/migrations/accounts/0001-split-address';
import { CRM_DATABASE_NAME, openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { getRxStorageSqlite } from '../storage/sqlite';
import { createSearchHook } from './create-search-hook';
import { SearchIndex } from './search-index';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import { openEncryptedFile } from '../../../tests/support/encrypted-file';

const now = Date.UTC(2025, 5, 30);
const base = { ownerId: 'u1', teamId: 't1', createdAt: now, updatedAt: now };
const account = (id: string, name: string, extra: Record<string, string> = {}) =>
  ({ ...base, id, name, status: 'active', tier: 'key', region: 'apac', currency: 'CNY', ...extra }) as const;

/** The real path: RxDB → SQLite storage → search hook in the write transaction → FTS5 tables. */
async function open(directory: string): Promise<{ db: CrmDatabase; index: SearchIndex }> {
  const storage = getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey: TEST_DATABASE_KEY });
  const db = await openCrmDatabase({ directory, storage });
  const connection = storage.getConnection(CRM_DATABASE_NAME);
  if (!connection) throw new Error('no connection');
  return { db, index: new SearchIndex(connection) };
}

describe('search through an RxDatabase on the SQLite storage', () => {
  let directory = '';
  let db: CrmDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  it('indexes inserts, updates and deletes made through collections, and keeps the index on disk', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-search-'));
    let opened = await open(directory);
    db = opened.db;
    await db.accounts.bulkInsert([
      account('a1', 'Acme Trading', { domain: 'acme.co', phone: '+1 555 010 0123', city: 'Boston' }),
      account('a2', '张伟贸易有限公司', { city: '上海' }),
    ]);
    await db.contacts.insert({
      ...base,
      id: 'c1',
      accountId: 'a2',
      firstName: '伟',
      lastName: '张',
      email: 'zw@example.cn',
      isPrimary: true,
      doNotContact: false,
    });
    expect(opened.index.search('acme.co').map((hit) => hit.id)).toEqual(['a1']);
    expect(opened.index.search('555-01')[0]).toMatchObject({ type: 'account', id: 'a1', title: 'Acme Trading', subtitle: 'Boston' });
    expect(opened.index.search('张', { types: ['contact'] })).toEqual([expect.objectContaining({ id: 'c1', title: '张伟' })]);

    const a1 = await db.accounts.findOne('a1').exec();
    await a1?.incrementalPatch({ name: 'Globex Trading' });
    expect(opened.index.search('acme').map((hit) => hit.id)).toEqual(['a1']); // still the domain
    expect(opened.index.search('acme', { limit: 1 })[0]?.title).toBe('Globex Trading');
    expect(opened.index.search('globex').map((hit) => hit.id)).toEqual(['a1']);

    const c1 = await db.contacts.findOne('c1').exec();
    await c1?.remove();
    expect(opened.index.search('张').map((hit) => hit.id)).toEqual(['a2']);

    await db.close();
    opened = await open(directory);
    db = opened.db;
    expect(opened.index.search('globex').map((hit) => hit.id)).toEqual(['a1']);
    expect(opened.index.search('张伟').map((hit) => hit.id)).toEqual(['a2']);
  });

  it('finds documents migrated to a new schema version (the old table is removed after the copy)', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-search-'));
    const old = await createRxDatabase<{ accounts: RxCollection<AccountV0> }>({
      name: CRM_DATABASE_NAME,
      storage: getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey: TEST_DATABASE_KEY }),
      multiInstance: false,
    });
    await old.addCollections({ accounts: { schema: accountsV0Schema } });
    await old.accounts.insert({
      ...base,
      id: 'a1',
      name: 'Zebrafish Labs',
      status: 'active',
      tier: 'key',
      region: 'emea',
      currency: 'EUR',
      address: 'Main St 1, 10115 Berlin',
    });
    await old.close();

    const opened = await open(directory);
    db = opened.db;
    expect(await db.accounts.count().exec()).toBe(1); // migration done
    expect(opened.index.search('zebrafish')).toEqual([expect.objectContaining({ type: 'account', id: 'a1', subtitle: 'Berlin' })]);
    expect(opened.index.search('berlin').map((hit) => hit.id)).toEqual(['a1']);
  });

  it('re-indexes every table when the search tables were lost or written in an older format', async () => {
    directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-search-'));
    let opened = await open(directory);
    db = opened.db;
    await db.accounts.bulkInsert([account('a1', 'Acme Trading'), account('a2', 'Initech')]);
    await db.contacts.insert({
      ...base,
      id: 'c1',
      accountId: 'a1',
      firstName: 'Dana',
      lastName: 'Scully',
      phone: '+1 202 555 0111',
      isPrimary: true,
      doNotContact: false,
    });
    await (await db.accounts.findOne('a2').exec())?.remove();
    await db.close();
    db = undefined;

    for (const damage of [
      // The format-1 layout: keys from a sequence, looked up by (type, id).
      'DROP TABLE search_fts; DROP TABLE search_phone; DROP TABLE search_doc; DROP TABLE search_source; DROP TABLE search_format; ' +
        'CREATE TABLE search_doc (key INTEGER PRIMARY KEY, type TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, subtitle TEXT NOT NULL, sig TEXT NOT NULL, UNIQUE (type, id))',
      // Nothing at all.
      'DROP TABLE search_fts; DROP TABLE search_phone; DROP TABLE search_doc; DROP TABLE search_source; DROP TABLE search_format',
    ]) {
      const raw = openEncryptedFile(path.join(directory, `${CRM_DATABASE_NAME}.sqlite`));
      raw.exec(damage);
      raw.close();
      opened = await open(directory);
      db = opened.db;
      expect(opened.index.search('acme').map((hit) => hit.id)).toEqual(['a1']);
      expect(opened.index.search('initech')).toEqual([]);
      expect(opened.index.search('202 555').map((hit) => hit.id)).toEqual(['c1']);
      await db.close();
      db = undefined;
    }
  });
});
