import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { equalityScriptArb, largeWriteScriptArb, longScriptArb, scriptArb, type Op } from './differential-ops';
import { createPair, runScript } from './differential-runner';
import { TEST_DATABASE_KEY } from '../support/test-database-key';

/**
 * The SQLite storage must be indistinguishable from RxDB's memory storage (the reference
 * implementation): same documents in the same order, same counts, same conflict errors, same
 * change events and checkpoints, for random scripts of writes and reads.
 */
describe('SQLite storage vs RxDB memory storage (differential)', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'rxdb-sqlite-diff-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  /** Runs `numRuns` scripts, each on a fresh pair of storage instances (`onDisk`: a database file of its own each). */
  async function agreeOn(
    storage: ReturnType<typeof getRxStorageSqlite>,
    scripts: fc.Arbitrary<Op[]>,
    numRuns: number,
    onDisk = false,
  ): Promise<void> {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const pair = await createPair(storage, onDisk ? `file${n++}` : undefined);
        try {
          await runScript(pair, script);
        } finally {
          await pair.close();
        }
      }),
      { numRuns },
    );
  }

  it('agrees on 2,000 random scripts in memory', async () => {
    await agreeOn(getRxStorageSqlite({ directory: ':memory:' }), scriptArb, 2000);
  }, 120_000);

  it('agrees on 300 long random scripts in memory', async () => {
    await agreeOn(getRxStorageSqlite({ directory: ':memory:' }), longScriptArb, 300);
  }, 120_000);

  it('agrees on 60 scripts with large writes (rows stored in locality order)', async () => {
    await agreeOn(getRxStorageSqlite({ directory: ':memory:' }), largeWriteScriptArb, 60);
  }, 120_000);

  it('agrees on 150 scripts of filter-bar queries (equalities, any sort) between writes', async () => {
    await agreeOn(getRxStorageSqlite({ directory: ':memory:' }), equalityScriptArb, 150);
  }, 120_000);

  it('agrees on 200 random scripts on a real WAL file', async () => {
    await agreeOn(getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY }), scriptArb, 200, true);
  }, 120_000);
});
