import { join } from 'node:path';
import type { RxCollection } from 'rxdb';
import Database from 'better-sqlite3-multiple-ciphers';
import { openCrmDatabase } from '../electron/core/db/open-crm-database';
import { createSearchHook } from '../electron/core/search';
import { loadOrCreateKeyFile, readKeyFile } from '../electron/core/security/database-key';
import { generateAccounts, generateDataset, type DatasetBatch } from '../electron/core/seed/generate-dataset';
import { writeDataset } from '../electron/core/seed/write-dataset';
import { keyConnection } from '../electron/core/storage/sqlite';

const CHUNK = 2000;

/**
 * The UI benchmark's database: `accounts` accounts, of which the first `withDeals` come with
 * everything `npm run seed` puts around an account (contacts, leads, deals, quotes, activities,
 * cases), and the org (users, teams, quotas), catalogue and campaigns. The rest are bare accounts,
 * so 100,000 accounts seed in minutes rather than the hour the full dataset would take, while the
 * sales screens still read hundreds of thousands of records. Dated to the first of this month, as
 * `npm run seed` does, so dashboards and Today show a current quarter.
 */
export async function seedUiBench(
  directory: string,
  accounts: number,
  withDeals: number,
  seed: number,
  onProgress?: (message: string) => void,
): Promise<void> {
  const today = new Date();
  const referenceDate = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const db = await openCrmDatabase({ directory, hooks: [createSearchHook()], databaseKey: loadOrCreateKeyFile(directory) });
  try {
    const full = Math.min(accounts, withDeals);
    let written = 0;
    // The generator is lazy: stopping after the accounts with deals generates nothing beyond them.
    function* firstBundles(): Generator<DatasetBatch, void, void> {
      for (const batch of generateDataset({ accounts, seed, referenceDate })) {
        if (batch.collection === 'accounts') {
          if (written >= full) return;
          written += batch.docs.length;
        }
        yield batch;
      }
    }
    let lastLog = 0;
    await writeDataset(db, firstBundles(), (progress) => {
      if (progress.elapsedMs - lastLog < 5000) return;
      lastLog = progress.elapsedMs;
      onProgress?.(`seeded ${written} accounts with their deals and activities (${progress.docsWritten} documents)`);
    });
    // Bare accounts for the rest; their ids are numbered by index, after those already written.
    const rest = generateAccounts(accounts, seed, referenceDate).slice(written);
    const collection = db.accounts as unknown as RxCollection<object>;
    for (let i = 0; i < rest.length; i += CHUNK) {
      const result = await collection.bulkInsert(rest.slice(i, i + CHUNK));
      if (result.error.length > 0)
        throw new Error(`seeding failed for ${result.error.length} accounts, first ${result.error[0]?.documentId}`);
      if (i % 20_000 === 0) onProgress?.(`seeded ${written + i} / ${accounts} accounts`);
    }
  } finally {
    await db.close();
  }
}

/**
 * A whole territory of `records` documents across every collection, as `npm run seed -- --records`
 * writes it (every account with everything around it), dated like seedUiBench. Resolves to the
 * number of documents and accounts written.
 */
export async function seedUiTerritory(
  directory: string,
  records: number,
  seed: number,
  onProgress?: (message: string) => void,
): Promise<{ readonly documents: number; readonly accounts: number }> {
  const today = new Date();
  const referenceDate = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
  const db = await openCrmDatabase({ directory, hooks: [createSearchHook()], databaseKey: loadOrCreateKeyFile(directory) });
  try {
    let accounts = 0;
    function* counted(): Generator<DatasetBatch, void, void> {
      for (const batch of generateDataset({ records, seed, referenceDate })) {
        if (batch.collection === 'accounts') accounts += batch.docs.length;
        yield batch;
      }
    }
    let lastLog = 0;
    const summary = await writeDataset(db, counted(), (progress) => {
      if (progress.elapsedMs - lastLog < 5000) return;
      lastLog = progress.elapsedMs;
      onProgress?.(`seeded ${progress.docsWritten} of ${records} documents (${accounts} accounts generated)`);
    });
    return { documents: summary.docsWritten, accounts };
  } finally {
    await db.close();
  }
}

/** Ids of one record of each kind, for the detail screens (read before the host opens the file). */
export type SampleIds = {
  readonly account: string;
  readonly contact: string | null;
  readonly lead: string | null;
  readonly opportunity: string | null;
  readonly product: string | null;
};

export function sampleIds(directory: string): SampleIds {
  const key = readKeyFile(directory);
  if (!key) throw new Error(`no key file in ${directory}`);
  const sqlite = new Database(join(directory, 'crm.sqlite'), { readonly: true });
  try {
    keyConnection(sqlite, key);
    const tables = new Set(
      (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map((row) => row.name),
    );
    // The table of a collection's newest schema version (rxdb_<collection>_v<n>).
    const table = (collection: string): string | undefined =>
      [...tables]
        .filter((name) => name.startsWith(`rxdb_${collection}_v`))
        .sort((a, b) => Number(a.split('_v').pop()) - Number(b.split('_v').pop()))
        .pop();
    const first = (collection: string, where = ''): string | null => {
      const name = table(collection);
      if (!name) return null;
      const row = sqlite.prepare(`select id from ${name} where deleted = 0 ${where} order by id limit 1`).get() as
        { id: string } | undefined;
      return row?.id ?? null;
    };
    const account = first('accounts');
    if (!account) throw new Error(`${directory} holds no accounts`);
    return {
      account,
      contact: first('contacts'),
      lead: first('leads'),
      opportunity: first('opportunities'),
      product: first('catalog', "and json_extract(data, '$.kind') = 'product'"),
    };
  } finally {
    sqlite.close();
  }
}
