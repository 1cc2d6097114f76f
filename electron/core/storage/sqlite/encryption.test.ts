import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CRM_DATABASE_NAME, openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { createSearchHook } from '../../search';
import { generateAccounts, generateDataset } from '../../seed/generate-dataset';
import { writeDataset } from '../../seed/write-dataset';
import { PAGE_SIZE } from './bulk-write-policy';
import { DatabaseOpenError } from './database-open-error';
import { getRxStorageSqlite } from './index';
import type { RxStorageSqlite, SqliteStorageSettings } from './index';
import { createSqliteStorage } from './sqlite-storage';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-encryption-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const file = (dir: string, suffix = ''): string => path.join(dir, `${CRM_DATABASE_NAME}.sqlite${suffix}`);
const mode = (target: string): number => statSync(target).mode & 0o777;
const sha256 = (target: string): string => createHash('sha256').update(readFileSync(target)).digest('hex');

function keyed(directory: string, databaseKey: Uint8Array = TEST_DATABASE_KEY): RxStorageSqlite {
  return getRxStorageSqlite({ directory, hooks: [createSearchHook()], databaseKey });
}

/** Seeds through RxDB and the search hook as the app writes; returns the account names written. */
async function seed(db: CrmDatabase): Promise<string[]> {
  await writeDataset(db, generateDataset({ accounts: 40, seed: 5, referenceDate: Date.UTC(2025, 0, 1) }));
  return (await db.accounts.find().exec()).map((account) => account.name);
}

/** Names of 8 characters or more that appear in the bytes (shorter ones could match by chance). */
function namesIn(target: string, names: ReadonlyArray<string>): string[] {
  const bytes = readFileSync(target);
  return names.filter((name) => name.length >= 8 && bytes.includes(Buffer.from(name, 'utf8')));
}

describe('encryption at rest', () => {
  it('leaves no SQLite header and no customer name in the WAL while it holds data, nor in the file after a checkpoint', async () => {
    const dir = tempDir();
    const storage = keyed(dir);
    const db = await openCrmDatabase({ directory: dir, storage });
    const names = await seed(db);
    await db.accounts.insert({ ...generateAccounts(1, 77)[0]!, name: 'Quillfeather Late Customer' });
    names.push('Quillfeather Late Customer');
    expect(names.filter((name) => name.length >= 8).length).toBeGreaterThan(30);

    // The WAL holds the last commit (not yet checkpointed), encrypted.
    expect(statSync(file(dir, '-wal')).size).toBeGreaterThan(0);
    expect(namesIn(file(dir, '-wal'), names)).toEqual([]);
    expect(readFileSync(file(dir)).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    storage.getConnection(CRM_DATABASE_NAME)?.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
    expect(namesIn(file(dir), names)).toEqual([]);

    // The same check finds the names in an unencrypted file, so it would have caught a leak.
    const plainDir = tempDir();
    const plain = await openCrmDatabase({
      directory: plainDir,
      storage: createSqliteStorage({ directory: plainDir, hooks: [createSearchHook()] }, { kind: 'plaintext' }),
    });
    const plainNames = await seed(plain);
    await plain.close();
    expect(namesIn(file(plainDir), plainNames).length).toBeGreaterThan(30);
  });

  it('refuses a wrong key or none in words, and leaves the file exactly as it was', async () => {
    const dir = tempDir();
    const db = await openCrmDatabase({ directory: dir, storage: keyed(dir) });
    await seed(db);
    await db.close();
    const before = sha256(file(dir));

    const wrong = openCrmDatabase({ directory: dir, storage: keyed(dir, randomBytes(32)) });
    await expect(wrong).rejects.toThrow(DatabaseOpenError);
    await expect(wrong).rejects.toMatchObject({ code: 'database_key_rejected' });
    await expect(wrong).rejects.toThrow(/could not be opened with this install's key/);
    expect(() => getRxStorageSqlite({ directory: dir } as unknown as SqliteStorageSettings)).toThrow(
      expect.objectContaining({ code: 'database_key_missing' }) as Error,
    );
    expect(() => keyed(dir, randomBytes(16))).toThrow(expect.objectContaining({ code: 'database_key_missing' }) as Error);
    // Without the cipher at all, SQLite itself sees no database.
    const raw = new BetterSqlite3(file(dir), { readonly: true });
    expect(() => raw.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    raw.close();

    expect(sha256(file(dir))).toBe(before);
    const reopened = await openCrmDatabase({ directory: dir, storage: keyed(dir) });
    expect(await reopened.accounts.count().exec()).toBe(40);
    await reopened.close();
  });

  it.skipIf(process.platform === 'win32')('keeps the data directory 0700 and every database file 0600, narrowing older ones', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'data');
    let db = await openCrmDatabase({ directory: dir, storage: keyed(dir) });
    await seed(db);
    expect(mode(dir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(file(dir, suffix)), suffix).toBe(0o600);
    await db.close();

    // A data directory and database from before encryption at rest: world-readable.
    chmodSync(dir, 0o755);
    chmodSync(file(dir), 0o644);
    db = await openCrmDatabase({ directory: dir, storage: keyed(dir) });
    expect(mode(dir)).toBe(0o700);
    for (const suffix of ['', '-wal', '-shm']) expect(mode(file(dir, suffix)), suffix).toBe(0o600);
    await db.close();
  });

  it('keeps the search index as compact as in an unencrypted file (two FTS5 blobs per page despite the reserved bytes)', async () => {
    const pages = async (storage: RxStorageSqlite, dir: string): Promise<number> => {
      const db = await openCrmDatabase({ directory: dir, storage });
      await writeDataset(db, generateDataset({ accounts: 300, seed: 5, referenceDate: Date.UTC(2025, 0, 1) }));
      const count = storage
        .getConnection(CRM_DATABASE_NAME)
        ?.prepare("SELECT count(*) FROM dbstat WHERE name IN ('search_fts_data', 'search_phone_data')")
        .pluck()
        .get() as number;
      await db.close();
      return count;
    };
    const plainDir = tempDir();
    const plain = await pages(createSqliteStorage({ directory: plainDir, hooks: [createSearchHook()] }, { kind: 'plaintext' }), plainDir);
    const dir = tempDir();
    const encrypted = await pages(keyed(dir), dir);
    expect(plain).toBeGreaterThan(50);
    expect(encrypted).toBeLessThanOrEqual(plain + 2);
  });

  it('is AEGIS-256 under the raw key: the same key with another cipher, or another key, reads nothing', async () => {
    const dir = tempDir();
    const db = await openCrmDatabase({ directory: dir, storage: keyed(dir) });
    await seed(db);
    await db.close();

    const hex = Buffer.from(TEST_DATABASE_KEY).toString('hex');
    const readsWith = (pragmas: readonly string[]): number | string => {
      const raw = new BetterSqlite3(file(dir), { readonly: true, fileMustExist: true });
      try {
        for (const pragma of pragmas) raw.pragma(pragma);
        return raw.prepare<[], number>('SELECT count(*) FROM sqlite_master').pluck().get() ?? 0;
      } catch (error) {
        return (error as { code?: string }).code ?? 'error';
      } finally {
        raw.close();
      }
    };
    expect(readsWith(['cipher = aegis', 'algorithm = aegis256', `key = "x'${hex}'"`])).toBeGreaterThan(10);
    expect(readsWith(['cipher = sqlcipher', 'legacy = 4', `key = "x'${hex}'"`])).toBe('SQLITE_NOTADB');
    expect(readsWith(['cipher = chacha20', `key = "x'${hex}'"`])).toBe('SQLITE_NOTADB');
    expect(readsWith(['cipher = aegis', 'algorithm = aegis256', `key = "x'${'00'.repeat(32)}'"`])).toBe('SQLITE_NOTADB');

    // Flip one byte inside a page: the tag no longer holds and the page does not decrypt.
    const bytes = readFileSync(file(dir));
    bytes[PAGE_SIZE + 100] = (bytes[PAGE_SIZE + 100] ?? 0) ^ 0xff;
    writeFileSync(file(dir), bytes);
    const tampered = new BetterSqlite3(file(dir), { readonly: true, fileMustExist: true });
    try {
      for (const pragma of ['cipher = aegis', 'algorithm = aegis256', `key = "x'${hex}'"`]) tampered.pragma(pragma);
      expect(() => tampered.prepare('SELECT * FROM sqlite_master').all()).not.toThrow();
      expect(() => {
        for (const { name } of tampered.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all()) {
          tampered.prepare(`SELECT * FROM "${name}"`).all();
        }
      }).toThrow();
    } finally {
      tampered.close();
    }
  });
});
