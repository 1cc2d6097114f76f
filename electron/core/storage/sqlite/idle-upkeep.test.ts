import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDLE_UPKEEP_MS, IdleUpkeep } from './idle-upkeep';
import type { SqliteWriteHook } from './sqlite-hooks';
import { openEncryptedFile } from '../../../../tests/support/encrypted-file';

/** A hook whose idle step has `work` steps to do; it records whether each ran in a transaction. */
function hookWithWork(work: number): SqliteWriteHook & { steps: boolean[] } {
  const steps: boolean[] = [];
  return {
    name: 'test-upkeep',
    steps,
    setup: () => undefined,
    afterWrite: () => undefined,
    idleStep(db) {
      steps.push(db.inTransaction);
      return steps.length < work;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('IdleUpkeep', () => {
  it('runs the steps once writes have paused, each in a transaction, until there is no more', () => {
    vi.useFakeTimers();
    const db = new BetterSqlite3(':memory:');
    const hook = hookWithWork(5);
    const upkeep = new IdleUpkeep(db, [hook]);
    upkeep.touch();
    vi.advanceTimersByTime(IDLE_UPKEEP_MS - 1);
    // A write comes: the pause starts again.
    upkeep.touch();
    vi.advanceTimersByTime(IDLE_UPKEEP_MS - 1);
    expect(hook.steps).toEqual([]);
    vi.advanceTimersByTime(1);
    vi.runAllTimers();
    expect(hook.steps).toEqual([true, true, true, true, true]);
    upkeep.close();
    db.close();
  });

  it('stops at close and after a failing step, and starts again at the next write', () => {
    vi.useFakeTimers();
    const db = new BetterSqlite3(':memory:');
    let calls = 0;
    const failing: SqliteWriteHook = {
      name: 'test-failing',
      setup: () => undefined,
      afterWrite: () => undefined,
      idleStep() {
        calls += 1;
        throw new Error('disk full');
      },
    };
    const reported: unknown[] = [];
    const upkeep = new IdleUpkeep(db, [failing], 0, (_message, error) => reported.push(error));
    upkeep.touch();
    expect(() => vi.runAllTimers()).not.toThrow();
    expect(calls).toBe(1);
    expect(String(reported[0])).toContain('disk full');
    upkeep.touch();
    vi.runAllTimers();
    expect(calls).toBe(2);

    upkeep.touch();
    upkeep.close();
    vi.runAllTimers();
    upkeep.touch();
    vi.runAllTimers();
    expect(calls).toBe(2);
    db.close();
  });

  it("does not wait for a write lock another process holds, and keeps the connection's busy timeout", () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const dir = mkdtempSync(path.join(tmpdir(), 'idle-upkeep-'));
    const db = openEncryptedFile(path.join(dir, 'db.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const other = openEncryptedFile(path.join(dir, 'db.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    const hook = hookWithWork(3);
    const upkeep = new IdleUpkeep(db, [hook]);
    upkeep.touch();
    // Wall time (Date is not faked here): a wait for the lock would take busy_timeout, 5 s.
    const started = Date.now();
    vi.runAllTimers();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(hook.steps).toEqual([]);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);

    other.exec('COMMIT');
    upkeep.touch();
    vi.runAllTimers();
    expect(hook.steps).toEqual([true, true, true]);
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits out the time after the open it was given, however early writes come', () => {
    vi.useFakeTimers();
    const db = new BetterSqlite3(':memory:');
    const hook = hookWithWork(1);
    const upkeep = new IdleUpkeep(db, [hook], 5 * IDLE_UPKEEP_MS);
    upkeep.touch();
    vi.advanceTimersByTime(2 * IDLE_UPKEEP_MS);
    upkeep.touch();
    vi.advanceTimersByTime(3 * IDLE_UPKEEP_MS - 1);
    expect(hook.steps).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(hook.steps).toEqual([true]);
    upkeep.close();
    db.close();
  });

  it('does nothing for hooks without idle work', () => {
    vi.useFakeTimers();
    const db = new BetterSqlite3(':memory:');
    const upkeep = new IdleUpkeep(db, [{ name: 'plain', setup: () => undefined, afterWrite: () => undefined }]);
    upkeep.touch();
    expect(vi.getTimerCount()).toBe(0);
    db.close();
  });
});
