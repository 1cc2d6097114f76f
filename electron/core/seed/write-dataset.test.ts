import { afterAll, describe, expect, it } from 'vitest';
import { openCrmDatabase } from '../db/open-crm-database';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { generateDataset } from './generate-dataset';
import { writeDataset, type SeedProgress } from './write-dataset';

describe('writeDataset', () => {
  const dir = tempDirectory('crm-seed-');
  afterAll(() => dir.cleanup());

  it('stores every generated document in SQLite, each accepted by the RxDB schema validator', async () => {
    const db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    try {
      const progress: SeedProgress[] = [];
      const options = { accounts: 60, seed: 3, referenceDate: Date.UTC(2025, 5, 30), batchSize: 25 };
      let expected = 0;
      for (const batch of generateDataset(options)) expected += batch.docs.length;
      const summary = await writeDataset(db, generateDataset(options), (p) => progress.push(p));
      expect(summary.docsWritten).toBe(expected);
      expect(await db.accounts.count().exec()).toBe(60);
      expect(progress.at(-1)?.progress).toBe(1);
      let stored = 0;
      for (const collection of Object.values(db.collections)) stored += await collection.count().exec();
      expect(stored).toBe(expected);
      // Seeding the same data again is refused with the reason, not silently partial.
      await expect(writeDataset(db, generateDataset(options))).rejects.toThrow(/status 409/);
    } finally {
      await db.close();
    }
  });
});
