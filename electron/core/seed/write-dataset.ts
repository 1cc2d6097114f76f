import type { RxCollection } from 'rxdb';
import type { CrmCollectionName } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DatasetBatch } from './generate-dataset';

export type SeedProgress = {
  /** 0..1 through the dataset: its accounts, or its documents when sized by records. */
  readonly progress: number;
  readonly docsWritten: number;
  readonly elapsedMs: number;
};

export type SeedSummary = {
  readonly docsWritten: number;
  readonly elapsedMs: number;
  readonly perCollection: Readonly<Partial<Record<CrmCollectionName, number>>>;
};

const CHUNK = 2000;

/**
 * Writes generated batches with bulkInsert, in chunks so one transaction stays a few MB. Any
 * rejected document (conflict or schema error) aborts the seed with its reason: a silently partial
 * demo database would mislead whoever benchmarks or demos with it.
 */
export async function writeDataset(
  db: CrmDatabase,
  batches: Iterable<DatasetBatch>,
  onProgress?: (p: SeedProgress) => void,
): Promise<SeedSummary> {
  const started = performance.now();
  const perCollection: Partial<Record<CrmCollectionName, number>> = {};
  let docsWritten = 0;
  for (const batch of batches) {
    // The registry types each collection precisely; the batch union is checked at generation time.
    const collection = db.collections[batch.collection] as unknown as RxCollection<object>;
    for (let i = 0; i < batch.docs.length; i += CHUNK) {
      const chunk = batch.docs.slice(i, i + CHUNK);
      const result = await collection.bulkInsert(chunk);
      const firstError = result.error[0];
      if (firstError !== undefined) {
        throw new Error(
          `Seeding ${batch.collection} failed for ${result.error.length} document(s), first ${firstError.documentId}: status ${firstError.status}`,
        );
      }
      docsWritten += chunk.length;
      perCollection[batch.collection] = (perCollection[batch.collection] ?? 0) + chunk.length;
    }
    onProgress?.({ progress: batch.progress, docsWritten, elapsedMs: performance.now() - started });
  }
  return { docsWritten, elapsedMs: performance.now() - started, perCollection };
}
