import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRM_DATABASE_NAME, openCrmDatabase } from '../../electron/core/db/open-crm-database';
import { TEST_DATABASE_KEY } from '../support/test-database-key';
import { createSearchHook, SearchIndex } from '../../electron/core/search';
import { getRxStorageSqlite, keyConnection } from '../../electron/core/storage/sqlite';
import { readDatabaseFileState, type EncryptionStep } from '../../electron/core/storage/sqlite/encrypt-plaintext-database';
import { copyFixture, countDocuments, LATE_NAME, writePlaintextCrmFixture, type PlaintextCrmFixture } from './plaintext-crm-fixture';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'encryption-crash-child.ts');
const STEPS: ReadonlyArray<EncryptionStep> = [
  'plaintext-self-contained',
  'copy-written',
  'copy-synced',
  'copy-verified',
  'replaced',
  'directory-synced',
];
/** Kills at random moments of the work, on top of one at the end of every step. */
const RANDOM_KILLS = 16;

const children = new Set<ChildProcess>();
const root = mkdtempSync(path.join(tmpdir(), 'crm-encrypt-crash-'));
let fixture: PlaintextCrmFixture;

beforeAll(async () => {
  fixture = await writePlaintextCrmFixture(path.join(root, 'fixture'));
}, 120_000);
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

type Outcome = { readonly killed: boolean; readonly ms?: number };

/** Runs the child on `dir`; kills it `killAfterMs` after "go" unless it stops itself at `step`. */
function runChild(dir: string, options: { step?: EncryptionStep; killAfterMs?: number }): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, ...(options.step ? [options.step] : [])], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const wasReady = stdout.includes('ready\n');
    stdout += chunk;
    if (!wasReady && stdout.includes('ready\n')) {
      child.stdin.write('go\n');
      if (options.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      children.delete(child);
      clearTimeout(timer);
      if (signal === 'SIGKILL') return resolve({ killed: true });
      const done = /done (\d+)/.exec(stdout);
      if (code === 0 && done) return resolve({ killed: false, ms: Number(done[1]) });
      reject(new Error(`encryption child failed (${code ?? signal}): ${stderr}${stdout}`));
    });
  });
}

/** Rows per table of a copy of the directory's database, read with the key or without, as it is. */
function tableCounts(dir: string): { state: string; counts: Record<string, number> } {
  const scratch = mkdtempSync(path.join(root, 'inspect-'));
  try {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('crm.sqlite')) copyFileSync(path.join(dir, name), path.join(scratch, name));
    }
    const file = path.join(scratch, 'crm.sqlite');
    const state = readDatabaseFileState(file);
    const db = new Database(file);
    try {
      if (state === 'encrypted') keyConnection(db, TEST_DATABASE_KEY);
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND rootpage > 0").pluck().all();
      const counts = Object.fromEntries(
        tables.map((table) => [
          table,
          db
            .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
            .pluck()
            .get() as number,
        ]),
      );
      return { state, counts };
    } finally {
      db.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

describe('encrypting an unencrypted database survives SIGKILL at any moment', () => {
  it(`loses nothing when killed at the end of each of the ${STEPS.length} steps and at ${RANDOM_KILLS} random moments`, async () => {
    const expected = tableCounts(fixture.directory).counts;
    let copies = 0;
    const freshDir = (): string => {
      const dir = path.join(root, `copy-${copies++}`);
      mkdirSync(dir);
      copyFixture(fixture, dir);
      return dir;
    };

    // One uninterrupted run: how long the work takes, so random kills land inside it.
    const timing = await runChild(freshDir(), {});
    expect(timing.killed).toBe(false);
    const span = Math.max(50, timing.ms ?? 0);

    let dir = freshDir();
    const states: Record<string, number> = {};
    let kills = 0;
    const check = (what: string): void => {
      // Whatever the moment, the directory holds the whole database, unencrypted or encrypted.
      const { state, counts } = tableCounts(dir);
      states[state] = (states[state] ?? 0) + 1;
      expect(['plaintext', 'encrypted'], what).toContain(state);
      expect(counts, `${state} database after ${what}`).toEqual(expected);
      // Finished (the copy renamed in): the next round starts again from an unencrypted database.
      if (state === 'encrypted' && !readdirSync(dir).some((name) => name.includes('.encrypting'))) dir = freshDir();
    };
    for (const step of STEPS) {
      const outcome = await runChild(dir, { step });
      expect(outcome.killed, step).toBe(true);
      kills++;
      check(`a kill at the end of ${step}`);
    }
    // A random delay may outlast the work (the run ends unkilled): it still counts as a start.
    for (let attempts = 0; kills < STEPS.length + RANDOM_KILLS && attempts < 3 * RANDOM_KILLS; attempts++) {
      const killAfterMs = Math.floor(Math.random() * span);
      const outcome = await runChild(dir, { killAfterMs });
      if (outcome.killed) kills++;
      check(`${outcome.killed ? 'a kill' : 'a run'} ${killAfterMs} ms after the start`);
    }
    expect(kills).toBe(STEPS.length + RANDOM_KILLS);
    expect(states['plaintext']).toBeGreaterThan(0);
    expect(states['encrypted']).toBeGreaterThan(0);

    // The next start (the storage, as the core opens it) ends with every document, searchable.
    const storage = getRxStorageSqlite({ directory: dir, hooks: [createSearchHook()], databaseKey: TEST_DATABASE_KEY });
    const db = await openCrmDatabase({ directory: dir, storage });
    try {
      expect(await countDocuments(db)).toEqual(fixture.counts);
      const search = new SearchIndex(storage.getConnection(CRM_DATABASE_NAME)!);
      expect(search.search(LATE_NAME, { types: ['account'], limit: 50 })).toHaveLength(fixture.lateAccounts.length);
    } finally {
      await db.close();
    }
    expect(readDatabaseFileState(path.join(dir, 'crm.sqlite'))).toBe('encrypted');
  }, 300_000);
});
