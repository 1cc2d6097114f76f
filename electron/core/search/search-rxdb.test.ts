import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CRM_DATABASE_NAME, openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { getRxStorageSqlite } from '../storage/sqlite';
import { createSearchHook } from './create-search-hook';
import { SearchIndex } from './search-index';

const now = Date.UTC(2025, 5, 30);
const base = { ownerId: 'u1', teamId: 't1', createdAt: now, updatedAt: now };
const account = (id: string, name: string, extra: Record<string, string> = {}) =>
  ({ ...base, id, name, status: 'active', tier: 'key', region: 'apac', currency: 'CNY', ...extra }) as const;

/** The real path: RxDB → SQLite storage → search hook in the write transaction → FTS5 tables. */
async function open(directory: string): Promise<{ db: CrmDatabase; index: SearchIndex }> {
  const storage = getRxStorageSqlite({ directory, hooks: [createSearchHook()] });
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
    await db.contacts.insert({ ...base, id: 'c1', accountId: 'a2', firstName: '伟', lastName: '张', email: 'zw@example.cn', isPrimary: true, doNotContact: false });
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
});
