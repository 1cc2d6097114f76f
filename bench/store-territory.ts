import type { Account, Contact } from '../shared/schemas';
import type { CrmDatabase } from '../electron/core/db/open-crm-database';
import { DEFAULT_REFERENCE_DATE, generateDataset, type DatasetBatch } from '../electron/core/seed/generate-dataset';
import { writeDataset, type SeedSummary } from '../electron/core/seed/write-dataset';
import { progress } from './bench-stats';

/** A written territory, with the accounts and contacts the query and search workload is drawn from. */
export type SeededTerritory = {
  readonly accounts: ReadonlyArray<Account>;
  readonly contacts: ReadonlyArray<Contact>;
  readonly summary: SeedSummary;
};

const PROGRESS_EVERY_MS = 5_000;

/**
 * Writes a territory of `records` documents across all collections into `db`, as `npm run seed --
 * --records` does. Batches stream from the generator into the database; only the accounts and
 * contacts stay in memory, for the workload.
 */
export async function seedTerritory(db: CrmDatabase, records: number, seed: number): Promise<SeededTerritory> {
  const accounts: Account[] = [];
  const contacts: Contact[] = [];
  const keep = function* (batches: Iterable<DatasetBatch>): Generator<DatasetBatch> {
    for (const batch of batches) {
      if (batch.collection === 'accounts') accounts.push(...batch.docs);
      else if (batch.collection === 'contacts') contacts.push(...batch.docs);
      yield batch;
    }
  };
  let lastPrint = 0;
  const summary = await writeDataset(db, keep(generateDataset({ records, seed, referenceDate: DEFAULT_REFERENCE_DATE })), (p) => {
    if (p.elapsedMs - lastPrint < PROGRESS_EVERY_MS) return;
    lastPrint = p.elapsedMs;
    const rate = Math.round(p.docsWritten / Math.max(0.001, p.elapsedMs / 1000));
    progress(`territory: ${(p.progress * 100).toFixed(1)}% generated, ${p.docsWritten} docs written, ${rate} docs/s`);
  });
  return { accounts, contacts, summary };
}
