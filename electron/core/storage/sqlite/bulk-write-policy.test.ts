import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  applyBaseSettings,
  BASE_AUTOCHECKPOINT_PAGES,
  BASE_CACHE_KIB,
  BULK_CACHE_KIB,
  BULK_MIN_ROWS,
  BULK_WAL_BYTES,
  cancelIdleCheckpoint,
  IDLE_CHECKPOINT_MS,
  PAGE_SIZE,
  runAsBulkWrite,
  type BulkWriteState,
} from './bulk-write-policy';
import { BackgroundCheckpointer } from './background-checkpoint';
import { openEncryptedFile, TEST_CIPHER } from '../../../../tests/support/encrypted-file';

const dirs: string[] = [];

function fileDb(): BetterSqlite3.Database {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulk-policy-'));
  dirs.push(dir);
  const db = openEncryptedFile(path.join(dir, 'db.sqlite'));
  db.pragma(`page_size = ${PAGE_SIZE}`);
  db.pragma('journal_mode = WAL');
  applyBaseSettings(db);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  return db;
}

const pragma = (db: BetterSqlite3.Database, name: string): unknown => db.pragma(name, { simple: true });

afterEach(() => {
  vi.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('runAsBulkWrite', () => {
  it('leaves small writes on the base settings', () => {
    const db = fileDb();
    const state: BulkWriteState = { idleCheckpoint: undefined, bulkSettings: false, checkpointer: undefined };
    const seen = runAsBulkWrite(db, state, BULK_MIN_ROWS - 1, () => [pragma(db, 'cache_size'), pragma(db, 'wal_autocheckpoint')]);
    expect(seen).toEqual([-BASE_CACHE_KIB, BASE_AUTOCHECKPOINT_PAGES]);
    expect(state.idleCheckpoint).toBeUndefined();
    db.close();
  });

  it('gives large writes a big cache and a rare checkpoint until they stop, then restores the base settings', () => {
    vi.useFakeTimers();
    const db = fileDb();
    const state: BulkWriteState = { idleCheckpoint: undefined, bulkSettings: false, checkpointer: undefined };
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const seen = runAsBulkWrite(db, state, BULK_MIN_ROWS, () => {
      db.transaction(() => {
        for (let i = 0; i < BULK_MIN_ROWS; i++) insert.run(`row ${i} ${'x'.repeat(200)}`);
      })();
      return [pragma(db, 'cache_size'), pragma(db, 'wal_autocheckpoint')];
    });
    expect(seen).toEqual([-BULK_CACHE_KIB, BULK_WAL_BYTES / PAGE_SIZE]);
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(BULK_MIN_ROWS);
    expect(state.idleCheckpoint).toBeDefined();
    // A small write between large ones (a sync page's checkpoint row) does not checkpoint the WAL
    // the large one left, and the settings hold until the writes stop.
    const walFrames = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number }[])[0]?.log ?? 0;
    const before = walFrames();
    runAsBulkWrite(db, state, 1, () => insert.run('small'));
    expect(walFrames()).toBeGreaterThan(before);
    expect([pragma(db, 'cache_size'), pragma(db, 'wal_autocheckpoint')]).toEqual([-BULK_CACHE_KIB, BULK_WAL_BYTES / PAGE_SIZE]);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
    expect([pragma(db, 'cache_size'), pragma(db, 'wal_autocheckpoint')]).toEqual([-BASE_CACHE_KIB, BASE_AUTOCHECKPOINT_PAGES]);
    expect(state.idleCheckpoint).toBeUndefined();
    db.close();
  });

  it('checkpoints the WAL a bulk write left once writes stop, and never after the connection closed', () => {
    vi.useFakeTimers();
    const db = fileDb();
    const state: BulkWriteState = { idleCheckpoint: undefined, bulkSettings: false, checkpointer: undefined };
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const checkpoint = vi.spyOn(db, 'pragma');
    runAsBulkWrite(db, state, 5_000, () => {
      db.transaction(() => {
        for (let i = 0; i < 5_000; i++) insert.run('y'.repeat(300));
      })();
    });
    const idleCheckpoints = () => checkpoint.mock.calls.filter(([sql]) => sql === 'wal_checkpoint(PASSIVE)').length;
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS - 1);
    expect(idleCheckpoints()).toBe(0);
    vi.advanceTimersByTime(1);
    expect(idleCheckpoints()).toBe(1);
    expect(state.idleCheckpoint).toBeUndefined();
    checkpoint.mockRestore();
    // Everything was copied back: a second checkpoint finds the whole log already checkpointed.
    const [after] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(after!.checkpointed).toBe(after!.log);

    // A timer still pending when the connection closes does nothing (the pool also cancels it).
    runAsBulkWrite(db, state, 5_000, () => insert.run('z'));
    db.close();
    expect(() => vi.runAllTimers()).not.toThrow();
    cancelIdleCheckpoint(state);
    expect(state.idleCheckpoint).toBeUndefined();
  });

  it('checkpoints from its own thread once writes stop, then restores the base settings', async () => {
    const db = fileDb();
    const checkpointer = new BackgroundCheckpointer(db.name, TEST_CIPHER);
    const state: BulkWriteState = { idleCheckpoint: undefined, bulkSettings: false, checkpointer };
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const onCoreThread = vi.spyOn(db, 'pragma');
    runAsBulkWrite(db, state, 5_000, () => {
      db.transaction(() => {
        for (let i = 0; i < 5_000; i++) insert.run('w'.repeat(300));
      })();
    });
    const wal = () => (db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[])[0];
    expect(wal()!.log).toBeGreaterThan(0);
    expect(wal()!.checkpointed).toBe(0);
    const deadline = Date.now() + 10_000;
    while (state.bulkSettings && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(state.bulkSettings).toBe(false);
    expect(wal()!.checkpointed).toBe(wal()!.log);
    expect([pragma(db, 'cache_size'), pragma(db, 'wal_autocheckpoint')]).toEqual([-BASE_CACHE_KIB, BASE_AUTOCHECKPOINT_PAGES]);
    // The copy itself ran on the other connection, not on this thread.
    expect(onCoreThread.mock.calls.filter(([sql]) => sql === 'wal_checkpoint(PASSIVE)')).toHaveLength(0);
    onCoreThread.mockRestore();
    checkpointer.close();
    db.close();
  });

  it('checkpoints on its own thread when the checkpoint thread cannot work', async () => {
    const db = fileDb();
    // A thread that cannot open its database (here: a file that does not exist) fails its start.
    const checkpointer = new BackgroundCheckpointer(`${db.name}.missing`, TEST_CIPHER);
    const state: BulkWriteState = { idleCheckpoint: undefined, bulkSettings: false, checkpointer };
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    runAsBulkWrite(db, state, 5_000, () => {
      db.transaction(() => {
        for (let i = 0; i < 5_000; i++) insert.run('f'.repeat(300));
      })();
    });
    const deadline = Date.now() + 10_000;
    while (state.bulkSettings && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(state.bulkSettings).toBe(false);
    expect(checkpointer.usable).toBe(false);
    const [wal] = db.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[];
    expect(wal!.checkpointed).toBe(wal!.log);
    checkpointer.close();
    db.close();
  });
});
