import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { BackgroundCheckpointer } from './background-checkpoint';
import { openEncryptedFile, TEST_CIPHER } from '../../../../tests/support/encrypted-file';

const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function walDb(): BetterSqlite3.Database {
  const dir = mkdtempSync(path.join(tmpdir(), 'checkpointer-'));
  dirs.push(dir);
  const db = openEncryptedFile(path.join(dir, 'db.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return db;
}

function writeRows(db: BetterSqlite3.Database, count: number): void {
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run('v'.repeat(500));
  })();
}

function wal(db: BetterSqlite3.Database): { log: number; checkpointed: number } {
  const [result] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
  return result!;
}

/** Waits without ever returning to the event loop, as a run of awaited bulk writes does. */
function spinUntil(done: () => boolean, ms = 15_000): boolean {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  return true;
}

describe('BackgroundCheckpointer', () => {
  it('keeps checkpointing while the core thread never reads its messages', async () => {
    const db = walDb();
    const checkpointer = new BackgroundCheckpointer(db.name, TEST_CIPHER);
    writeRows(db, 2_000);
    checkpointer.request();
    expect(spinUntil(() => wal(db).checkpointed === wal(db).log)).toBe(true);
    // Still without turning the event loop (the first answer is unread): a second request runs.
    writeRows(db, 2_000);
    const second = wal(db);
    expect(second.checkpointed).toBeLessThan(second.log);
    checkpointer.request();
    expect(spinUntil(() => wal(db).checkpointed >= second.log)).toBe(true);
    // Once the loop turns, a waiting caller hears the answer.
    writeRows(db, 100);
    const ok = await new Promise<boolean>((resolve) => checkpointer.request(resolve));
    expect(ok).toBe(true);
    expect(wal(db).checkpointed).toBe(wal(db).log);
    checkpointer.close();
    db.close();
  });

  it('folds requests made while one runs into one more run, and answers every caller', async () => {
    const db = walDb();
    const checkpointer = new BackgroundCheckpointer(db.name, TEST_CIPHER);
    writeRows(db, 5_000);
    const answers = await Promise.all(
      [0, 1, 2, 3].map((i) => {
        if (i > 0) writeRows(db, 500);
        return new Promise<boolean>((resolve) => checkpointer.request(resolve));
      }),
    );
    expect(answers).toEqual([true, true, true, true]);
    expect(wal(db).checkpointed).toBe(wal(db).log);
    checkpointer.close();
    db.close();
  });

  it('answers false to callers still waiting when it closes', async () => {
    const db = walDb();
    const checkpointer = new BackgroundCheckpointer(db.name, TEST_CIPHER);
    writeRows(db, 1_000);
    const answer = new Promise<boolean>((resolve) => checkpointer.request(resolve));
    checkpointer.close();
    expect(await answer).toBe(false);
    expect(checkpointer.usable).toBe(false);
    db.close();
  });
});
