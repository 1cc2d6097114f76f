import { closeSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { ensurePrivateFile, fsyncDirectory, fsyncFile, isNotFound, restrictToOwner } from '../../security/private-files';
import { PAGE_SIZE } from './bulk-write-policy';
import { DatabaseOpenError } from './database-open-error';
import { sqliteNativeBinding } from './sqlite-binding';
import { applyCipher, verifyReadable } from './sqlite-cipher';
import type { ConnectionCipher } from './sqlite-cipher';

/**
 * Encrypting an existing unencrypted database in place, crash-safe at every instant.
 *
 * 1. The plaintext database leaves WAL mode (`journal_mode = DELETE` checkpoints the WAL into the
 *    file and removes it, SQLite's own atomic steps), so it is one self-contained file.
 * 2. An empty keyed connection attaches it and `VACUUM plaintext INTO` writes an encrypted copy
 *    beside it (VACUUM INTO keys its output with the main database's key): `<file>.encrypting`.
 * 3. The copy is fsynced, reopened with the key and compared table by table with the plaintext.
 * 4. The copy is renamed over the plaintext (the one commit point) and the directory fsynced.
 * Before the rename the plaintext file is the database and a leftover copy is garbage; after it
 * the encrypted file is, and no copy is left. Start-up therefore deletes any leftover copy and
 * starts again from whatever `<file>` holds: so a crash at any moment loses nothing.
 * One process owns the data directory while this runs (Electron's single-instance lock; the
 * browser host is started once per directory), as it does while the database is open.
 * VACUUM INTO keeps every rowid (the search index refers to documents by rowid), which the
 * verification checks, and writes each page once; copying the file and rekeying the copy
 * (PRAGMA rekey) rewrites every page twice through a rollback journal to make room for the
 * per-page nonce and tag.
 */

/** The encrypted copy being built (step 2); it only becomes the database by the rename. */
export const ENCRYPTING_SUFFIX = '.encrypting';
/** The empty database whose key VACUUM INTO gives its output; never written. */
export const KEY_HOLDER_SUFFIX = '.encrypting-key';

export type DatabaseFileState = 'missing' | 'empty' | 'plaintext' | 'encrypted';

/** Where a step ends; tests stop the process there to prove a crash at that point is harmless. */
export type EncryptionStep =
  'plaintext-self-contained' | 'copy-written' | 'copy-synced' | 'copy-verified' | 'replaced' | 'directory-synced';

export type EncryptionHooks = {
  readonly onStep?: (step: EncryptionStep) => void;
};

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** An unencrypted SQLite file starts with the SQLite header; an encrypted one with a random salt. */
export function readDatabaseFileState(file: string): DatabaseFileState {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (isNotFound(error)) return 'missing';
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    if (read === 0) return 'empty';
    return read === head.length && head.equals(SQLITE_HEADER) ? 'plaintext' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/**
 * Brings `file` to an encrypted (or new, empty) database before the storage opens it: removes
 * what an interrupted encryption left, then encrypts an unencrypted database.
 */
export function prepareEncryptedDatabaseFile(file: string, cipher: ConnectionCipher, hooks: EncryptionHooks = {}): void {
  discardInterruptedEncryption(file);
  if (readDatabaseFileState(file) === 'plaintext') {
    encryptPlaintextDatabase(file, cipher, hooks);
  }
}

/** Leftovers of an encryption that stopped before its rename: never the only copy of anything. */
export function discardInterruptedEncryption(file: string): void {
  for (const leftover of [`${file}${ENCRYPTING_SUFFIX}`, `${file}${KEY_HOLDER_SUFFIX}`]) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${leftover}${suffix}`, { force: true });
  }
}

export function encryptPlaintextDatabase(file: string, cipher: ConnectionCipher, hooks: EncryptionHooks = {}): void {
  if (cipher.kind !== 'encrypted') throw new Error('encryptPlaintextDatabase needs a key');
  const copy = `${file}${ENCRYPTING_SUFFIX}`;
  const holder = `${file}${KEY_HOLDER_SUFFIX}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) restrictToOwner(`${file}${suffix}`);
  try {
    const expected = makeSelfContained(file);
    hooks.onStep?.('plaintext-self-contained');
    exportEncrypted(file, copy, holder, cipher);
    hooks.onStep?.('copy-written');
    fsyncFile(copy);
    hooks.onStep?.('copy-synced');
    verifyCopy(copy, cipher, expected);
    hooks.onStep?.('copy-verified');
    renameSync(copy, file);
  } catch (error) {
    discardInterruptedEncryption(file);
    if (error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(
      'database_encryption_failed',
      `The unencrypted database ${file} could not be encrypted (${describe(error)}). It was left as it was; nothing was lost.`,
      { cause: error },
    );
  }
  hooks.onStep?.('replaced');
  fsyncDirectory(path.dirname(file));
  hooks.onStep?.('directory-synced');
}

/** Table name → row count and rowid sum (0 for WITHOUT ROWID tables). */
type TableFigures = Map<string, string>;

/** Step 1; returns the plaintext's figures, read once nothing can change it any more. */
function makeSelfContained(file: string): TableFigures {
  const db = new Database(file, { fileMustExist: true, nativeBinding: sqliteNativeBinding() });
  let figures: TableFigures;
  try {
    // Another process (a second app instance) may still have it open: wait for it, then fail.
    db.pragma('busy_timeout = 5000');
    const mode = db.pragma('journal_mode = DELETE', { simple: true }) as string;
    if (mode !== 'delete') {
      throw new DatabaseOpenError(
        'database_encryption_failed',
        `The unencrypted database ${file} is in use by another process, so it was not encrypted; close that process and start again.`,
      );
    }
    figures = tableFigures(db);
  } finally {
    db.close();
  }
  // No WAL may outlive the plaintext: after the rename it would be replayed into the encrypted file.
  const wal = `${file}-wal`;
  if (fileSize(wal) > 0) {
    throw new Error(`${wal} still holds data after leaving WAL mode`);
  }
  rmSync(wal, { force: true });
  rmSync(`${file}-shm`, { force: true });
  return figures;
}

function exportEncrypted(file: string, copy: string, holder: string, cipher: ConnectionCipher): void {
  // VACUUM INTO accepts an existing empty file; creating both first makes them 0600 from the start.
  ensurePrivateFile(copy);
  ensurePrivateFile(holder);
  const db = new Database(holder, { nativeBinding: sqliteNativeBinding() });
  try {
    applyCipher(db, cipher);
    // KEY '' attaches the plaintext unencrypted; without it, it would inherit the main key.
    db.prepare('ATTACH DATABASE ? AS plaintext KEY ?').run(file, '');
    // Files from before 8 KiB pages have 4 KiB ones; the cipher's page size is fixed at 8 KiB.
    db.pragma(`plaintext.page_size = ${PAGE_SIZE}`);
    db.prepare('VACUUM plaintext INTO ?').run(copy);
    db.exec('DETACH DATABASE plaintext');
  } finally {
    db.close();
  }
  rmSync(holder, { force: true });
}

function verifyCopy(copy: string, cipher: ConnectionCipher, expected: TableFigures): void {
  const db = new Database(copy, { fileMustExist: true, nativeBinding: sqliteNativeBinding() });
  try {
    applyCipher(db, cipher);
    verifyReadable(db, copy);
    const actual = tableFigures(db);
    for (const [table, figure] of expected) {
      if (actual.get(table) !== figure) {
        throw new Error(`the encrypted copy's ${table} has ${actual.get(table) ?? 'no rows'} where the original has ${figure}`);
      }
    }
    if (actual.size !== expected.size) throw new Error('the encrypted copy has other tables than the original');
  } finally {
    db.close();
  }
}

function tableFigures(db: Database.Database): TableFigures {
  const tables = db
    .prepare<[], { name: string; withoutRowid: number }>(
      "SELECT name, sql LIKE '%WITHOUT ROWID%' AS withoutRowid FROM sqlite_master WHERE type = 'table' AND rootpage > 0 ORDER BY name",
    )
    .all();
  const figures: TableFigures = new Map();
  for (const { name, withoutRowid } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const row = db
      .prepare<[], { n: number; s: number }>(`SELECT count(*) AS n, ${withoutRowid ? '0' : 'total(rowid)'} AS s FROM ${quoted}`)
      .get();
    figures.set(name, `${row?.n ?? 0} rows, rowid sum ${row?.s ?? 0}`);
  }
  return figures;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if (isNotFound(error)) return 0;
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
