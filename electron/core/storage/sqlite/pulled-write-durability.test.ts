import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { isRepullableWrite, runWithPulledDurability } from './pulled-write-durability';
import { openEncryptedFile } from '../../../../tests/support/encrypted-file';

const FULL = 2;
const NORMAL = 1;
const dirs: string[] = [];

function fileDb(): BetterSqlite3.Database {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulled-durability-'));
  dirs.push(dir);
  const db = openEncryptedFile(path.join(dir, 'db.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

const synchronous = (db: BetterSqlite3.Database): unknown => db.pragma('synchronous', { simple: true });

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('runWithPulledDurability', () => {
  it('relaxes only writes of pulled server data and RxDB bookkeeping', () => {
    expect(isRepullableWrite('replication-downstream-abc123')).toBe(true);
    expect(isRepullableWrite('replication-down-write-meta')).toBe(true);
    expect(isRepullableWrite('sync-push-writeback')).toBe(true);
    expect(isRepullableWrite('replication-set-checkpoint')).toBe(true);
    for (const userWrite of [
      'rx-collection-bulk-insert',
      'rx-document-save-data',
      'replication-up-write-meta',
      'replication-up-write-conflict',
    ]) {
      expect(isRepullableWrite(userWrite)).toBe(false);
    }
  });

  it('commits a pulled write with NORMAL and is back at FULL afterwards, also when the write throws', () => {
    const db = fileDb();
    expect(runWithPulledDurability(db, 'FULL', 'replication-downstream-x', () => synchronous(db))).toBe(NORMAL);
    expect(synchronous(db)).toBe(FULL);
    expect(() =>
      runWithPulledDurability(db, 'FULL', 'replication-down-write-meta', () => {
        throw new Error('write failed');
      }),
    ).toThrow('write failed');
    expect(synchronous(db)).toBe(FULL);
    expect(runWithPulledDurability(db, 'FULL', 'rx-collection-bulk-insert', () => synchronous(db))).toBe(FULL);
    db.close();
  });

  it('leaves a connection alone that is not FULL or is inside a transaction', () => {
    const db = fileDb();
    db.transaction(() => {
      expect(runWithPulledDurability(db, 'FULL', 'replication-downstream-x', () => synchronous(db))).toBe(FULL);
    })();
    db.pragma('synchronous = NORMAL');
    expect(runWithPulledDurability(db, 'NORMAL', 'replication-downstream-x', () => synchronous(db))).toBe(NORMAL);
    expect(synchronous(db)).toBe(NORMAL);
    db.close();
  });
});
