import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_DATABASE_NAME, openCrmDatabase } from '../../electron/core/db/open-crm-database';
import { TEST_DATABASE_KEY } from '../support/test-database-key';
import { createSearchHook, SearchIndex } from '../../electron/core/search';
import { getRxStorageSqlite, keyConnection } from '../../electron/core/storage/sqlite';
import { prepareEncryptedDatabaseFile, readDatabaseFileState } from '../../electron/core/storage/sqlite/encrypt-plaintext-database';
import { encryptedCipher } from '../../electron/core/storage/sqlite/sqlite-cipher';
import { copyFixture, countDocuments, LATE_NAME, writePlaintextCrmFixture, type PlaintextCrmFixture } from './plaintext-crm-fixture';

const root = mkdtempSync(path.join(tmpdir(), 'crm-encrypt-migration-'));
let fixture: PlaintextCrmFixture;
let next = 0;
const freshCopy = (): string => {
  const dir = path.join(root, `copy-${next++}`);
  copyFixture(fixture, dir);
  return dir;
};
const crmFile = (dir: string): string => path.join(dir, `${CRM_DATABASE_NAME}.sqlite`);

beforeAll(async () => {
  fixture = await writePlaintextCrmFixture(path.join(root, 'fixture'));
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Opens the directory as the core does, with the tests' key, and checks every document. */
async function expectEveryDocument(dir: string): Promise<void> {
  const storage = getRxStorageSqlite({ directory: dir, hooks: [createSearchHook()], databaseKey: TEST_DATABASE_KEY });
  const db = await openCrmDatabase({ directory: dir, storage });
  try {
    expect(await countDocuments(db)).toEqual(fixture.counts);
    const late = await db.accounts.findByIds(fixture.lateAccounts.map((account) => account.id)).exec();
    expect([...late.values()].map((doc) => doc.name).sort()).toEqual(fixture.lateAccounts.map((account) => account.name).sort());
    const connection = storage.getConnection(CRM_DATABASE_NAME);
    if (!connection) throw new Error('closed');
    const search = new SearchIndex(connection);
    const found = search.search(LATE_NAME, { types: ['account'], limit: 50 }).map((hit) => hit.id);
    expect(found.sort()).toEqual(fixture.lateAccounts.map((account) => account.id).sort());
    for (const name of fixture.accountNames) {
      expect(
        search.search(name, { types: ['account'] }).map((hit) => hit.title),
        name,
      ).toContain(name);
    }
  } finally {
    await db.close();
  }
}

describe('encrypting the unencrypted database of an earlier install', () => {
  it('is what the fixture holds: a plaintext file whose WAL has commits the file has not seen', () => {
    expect(readDatabaseFileState(crmFile(fixture.directory))).toBe('plaintext');
    expect(readFileSync(`${crmFile(fixture.directory)}-wal`).includes(Buffer.from(LATE_NAME))).toBe(true);
    expect(readFileSync(crmFile(fixture.directory)).includes(Buffer.from(LATE_NAME))).toBe(false);
    expect(Object.values(fixture.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(3_000);
  });

  it('encrypts it on first open: every document intact and searchable, nothing readable or world-readable left', async () => {
    const dir = freshCopy();
    if (process.platform !== 'win32') {
      chmodSync(dir, 0o755);
      chmodSync(crmFile(dir), 0o644);
    }
    await expectEveryDocument(dir);

    expect(readDatabaseFileState(crmFile(dir))).toBe('encrypted');
    expect(readdirSync(dir).sort()).toEqual(['crm.sqlite']);
    const bytes = readFileSync(crmFile(dir));
    for (const name of [LATE_NAME, ...fixture.accountNames]) expect(bytes.includes(Buffer.from(name)), name).toBe(false);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(crmFile(dir)).mode & 0o777).toBe(0o600);
    }
    // And the next start opens it as it is.
    await expectEveryDocument(dir);
  });

  it('throws away what an interrupted encryption left beside it and starts again from the plaintext', async () => {
    const dir = freshCopy();
    writeFileSync(`${crmFile(dir)}.encrypting`, randomBytes(100_000));
    writeFileSync(`${crmFile(dir)}.encrypting-key`, '');
    await expectEveryDocument(dir);
    expect(readdirSync(dir).sort()).toEqual(['crm.sqlite']);
  });

  it('encrypts a file with 4 KiB pages (from before 8 KiB pages) into the cipher’s 8 KiB pages', () => {
    const dir = path.join(root, 'small-pages');
    const file = path.join(dir, 'old.sqlite');
    mkdirSync(dir);
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec(
      "CREATE TABLE t (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO t SELECT 'row ' || i FROM n",
    );
    old.close();
    prepareEncryptedDatabaseFile(file, encryptedCipher(TEST_DATABASE_KEY));
    const check = new Database(file, { readonly: true });
    keyConnection(check, TEST_DATABASE_KEY);
    expect([check.pragma('page_size', { simple: true }), check.prepare('SELECT count(*) FROM t').pluck().get()]).toEqual([8192, 5000]);
    check.close();
  });

  it('leaves the plaintext as it was, and says why, when another process holds it', () => {
    const dir = freshCopy();
    const holder = new Database(crmFile(dir));
    holder.pragma('journal_mode = WAL');
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(() => prepareEncryptedDatabaseFile(crmFile(dir), encryptedCipher(TEST_DATABASE_KEY))).toThrow(
        expect.objectContaining({ code: 'database_encryption_failed' }) as Error,
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(readDatabaseFileState(crmFile(dir))).toBe('plaintext');
    expect(readdirSync(dir).filter((name) => name.includes('.encrypting'))).toEqual([]);
  }, 20_000);
});
