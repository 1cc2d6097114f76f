import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../shared/schemas';
import { tempDirectory } from '../../../tests/support/test-storage';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import { generateAccounts } from '../seed/generate-dataset';
import { getRxStorageSqlite } from '../storage/sqlite';
import { forEachDocument } from './for-each-document';
import { openCrmDatabase, type CrmDatabase } from './open-crm-database';

describe('forEachDocument (SQLite table pages)', () => {
  const dir = tempDirectory();
  let db: CrmDatabase;
  let ids: string[];

  beforeAll(async () => {
    db = await openCrmDatabase({
      directory: dir.path,
      storage: getRxStorageSqlite({ directory: dir.path, databaseKey: TEST_DATABASE_KEY }),
    });
    const accounts = [...new Map(generateAccounts(1_203, 7).map((a) => [a.id, a])).values()];
    await db.accounts.bulkInsert(accounts);
    // Deleted records are not read.
    await db.accounts.findOne(accounts[5]?.id).remove();
    ids = accounts
      .map((a) => a.id)
      .filter((id) => id !== accounts[5]?.id)
      .sort();
  });
  afterAll(async () => {
    await db.close();
    dir.cleanup();
  });

  it('visits every stored record once, in id order, across pages, with its id', async () => {
    const seen: string[] = [];
    await forEachDocument<Account>(
      db,
      db.accounts,
      (doc, id) => {
        expect(doc.id).toBe(id);
        seen.push(id);
      },
      { pageRows: 100 },
    );
    expect(seen).toEqual(ids);
  });

  it('leaves out the rows its WHERE excludes, and gives only the fields its data expression picks', async () => {
    const strategic: Array<Record<string, unknown>> = [];
    await forEachDocument<Record<string, unknown>>(db, db.accounts as never, (doc) => strategic.push(doc), {
      pageRows: 50,
      where: `AND json_extract(data, '$.tier') = 'strategic'`,
      data: `json_object('tier', json_extract(data, '$.tier'))`,
    });
    const expected = (await db.accounts.find({ selector: { tier: 'strategic' } }).exec()).length;
    expect(expected).toBeGreaterThan(0);
    expect(strategic).toHaveLength(expected);
    expect(strategic.every((doc) => Object.keys(doc).join() === 'tier' && doc.tier === 'strategic')).toBe(true);
  });

  it('stops before its next page once stopped, and lets the event loop turn between pages', async () => {
    let pages = 0;
    let seen = 0;
    const turn = async (): Promise<void> => {
      pages++;
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    await forEachDocument(db, db.accounts, () => seen++, { pageRows: 100, turn, stopped: () => pages >= 3 });
    expect(pages).toBe(3);
    expect(seen).toBeGreaterThanOrEqual(300);
    expect(seen).toBeLessThan(ids.length);
  });

  it('refuses a page size that is not a positive whole number', async () => {
    await expect(forEachDocument(db, db.accounts, () => undefined, { pageRows: 0 })).rejects.toThrow(/positive whole number/);
  });
});
