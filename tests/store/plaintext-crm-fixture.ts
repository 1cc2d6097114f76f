import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RxCollection } from 'rxdb';
import type { Account } from '../../shared/schemas';
import { CRM_COLLECTION_NAMES, type CrmCollectionName } from '../../shared/schemas';
import { CRM_DATABASE_NAME, openCrmDatabase } from '../../electron/core/db/open-crm-database';
import { createSearchHook } from '../../electron/core/search';
import { generateAccounts, generateDataset } from '../../electron/core/seed/generate-dataset';
import { writeDataset } from '../../electron/core/seed/write-dataset';
import { createSqliteStorage } from '../../electron/core/storage/sqlite/sqlite-storage';

/** A distinctive word in the names of the accounts written last, to find them in raw bytes and by search. */
export const LATE_NAME = 'Zanzibarine';

export type PlaintextCrmFixture = {
  /** Holds crm.sqlite and its crm.sqlite-wal, exactly as an earlier install left them when it was killed. */
  readonly directory: string;
  /** Documents per collection. */
  readonly counts: Readonly<Record<CrmCollectionName, number>>;
  /** Committed, but only in the WAL: the main file has never seen them. */
  readonly lateAccounts: ReadonlyArray<Account>;
  /** Names of accounts of the bulk-written part. */
  readonly accountNames: ReadonlyArray<string>;
};

/**
 * Writes an unencrypted CRM database as installs before encryption at rest wrote it: the same
 * storage without a key, RxDB, every collection and the search hook. The last accounts are single
 * writes whose commits are still only in the WAL when the files are copied out from under the open
 * database, which is what a crash (or a kill) of such an install leaves.
 */
export async function writePlaintextCrmFixture(directory: string, accounts = 300): Promise<PlaintextCrmFixture> {
  const work = path.join(directory, 'writing');
  const storage = createSqliteStorage({ directory: work, hooks: [createSearchHook()] }, { kind: 'plaintext' });
  const db = await openCrmDatabase({ directory: work, storage });
  try {
    const summary = await writeDataset(db, generateDataset({ accounts, seed: 11, referenceDate: Date.UTC(2025, 5, 1) }));
    // The bulk writes' deferred checkpoint runs a second after they stop, on the checkpoint thread.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const connection = storage.getConnection(CRM_DATABASE_NAME);
    if (!connection) throw new Error('the fixture database is closed');
    connection.pragma('wal_checkpoint(TRUNCATE)');
    const lateAccounts = generateAccounts(20, 97).map((account, i) => ({ ...account, name: `${LATE_NAME} Holdings ${i}` }));
    for (const account of lateAccounts) await db.accounts.insert(account);
    // Copied while open: the WAL still holds the late accounts' commits.
    mkdirSync(directory, { recursive: true });
    for (const suffix of ['', '-wal']) {
      copyFileSync(path.join(work, `crm.sqlite${suffix}`), path.join(directory, `crm.sqlite${suffix}`));
    }
    const counts = Object.fromEntries(
      CRM_COLLECTION_NAMES.map((name) => [name, (summary.perCollection[name] ?? 0) + (name === 'accounts' ? lateAccounts.length : 0)]),
    ) as Record<CrmCollectionName, number>;
    const names = (await db.accounts.find({ limit: 10 }).exec()).map((doc) => doc.name).filter((name) => !name.startsWith(LATE_NAME));
    return { directory, counts, lateAccounts, accountNames: names };
  } finally {
    await db.close();
  }
}

/** Copies the fixture's files (only the database's) into an empty directory. */
export function copyFixture(fixture: PlaintextCrmFixture, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(fixture.directory)) {
    if (name.startsWith('crm.sqlite')) copyFileSync(path.join(fixture.directory, name), path.join(to, name));
  }
}

/** Every document of every collection, counted through RxDB on the given database. */
export async function countDocuments(db: { collections: Record<string, RxCollection> }): Promise<Record<CrmCollectionName, number>> {
  const entries = await Promise.all(CRM_COLLECTION_NAMES.map(async (name) => [name, await db.collections[name]!.count().exec()] as const));
  return Object.fromEntries(entries) as Record<CrmCollectionName, number>;
}
