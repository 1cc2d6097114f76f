import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { largeWriteScriptArb, longScriptArb, scriptArb } from './differential-ops';
import { createPair, runScript } from './differential-runner';

/**
 * The SQLite storage must be indistinguishable from RxDB's memory storage (the reference
 * implementation): same documents in the same order, same counts, same conflict errors, same
 * change events and checkpoints, for random scripts of writes and reads.
 */
describe('SQLite storage vs RxDB memory storage (differential)', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'rxdb-sqlite-diff-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('agrees on 2,000 random scripts in memory', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    await fc.assert(
      fc.asyncProperty(scriptArb, async (script) => {
        const pair = await createPair(storage);
        try {
          await runScript(pair, script);
        } finally {
          await pair.close();
        }
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('agrees on 300 long random scripts in memory', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    await fc.assert(
      fc.asyncProperty(longScriptArb, async (script) => {
        const pair = await createPair(storage);
        try {
          await runScript(pair, script);
        } finally {
          await pair.close();
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('agrees on 60 scripts with large writes (rows stored in locality order)', async () => {
    const storage = getRxStorageSqlite({ directory: ':memory:' });
    await fc.assert(
      fc.asyncProperty(largeWriteScriptArb, async (script) => {
        const pair = await createPair(storage);
        try {
          await runScript(pair, script);
        } finally {
          await pair.close();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('agrees on 200 random scripts on a real WAL file', async () => {
    const storage = getRxStorageSqlite({ directory });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(scriptArb, async (script) => {
        const pair = await createPair(storage, `file${n++}`);
        try {
          await runScript(pair, script);
        } finally {
          await pair.close();
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
