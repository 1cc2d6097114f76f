import type BetterSqlite3 from 'better-sqlite3';
import { toSearchEntry, type SearchEntry } from './search-document';
import { DOC_TABLE, FTS_TABLE, PHONE_TABLE, TYPE_BITS, TYPE_MASK, ensureSearchSchema } from './search-schema';
import { TYPE_CODE, type SearchType } from './search-types';

type DocRow = { key: number; sig: string };

/** A stored document as far as the index cares: its id and whether it is a tombstone. */
export type IndexableDocument = Readonly<Record<string, unknown>> & { readonly _deleted?: boolean };

/**
 * A 64-bit FNV-1a style hash (two 32-bit lanes) of everything the index holds for a record, to
 * skip re-indexing unchanged text. Not cryptographic and need not be: a collision only means
 * one edit's search text is not refreshed (odds ~2^-64 per edit). For 100k generated accounts:
 * sha1 over their JSON through node:crypto 0.49-0.52 s, this 0.22 s, same number of distinct values.
 */
function signature(entry: SearchEntry): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const part of [entry.name, entry.detail, entry.notes, entry.digits, entry.title, entry.subtitle]) {
    for (let i = 0; i < part.length; i++) {
      const unit = part.charCodeAt(i);
      a = Math.imul(a ^ unit, 0x01000193);
      b = Math.imul(b ^ unit, 0x5bd1e995);
      b ^= b >>> 15;
    }
    // A separator no part contains keeps ["ab", ""] and ["a", "b"] apart.
    a = Math.imul(a ^ 0xffff_ffff, 0x01000193);
    b = Math.imul(b ^ 0xffff_ffff, 0x5bd1e995);
  }
  return (a >>> 0).toString(36) + '.' + (b >>> 0).toString(36);
}

/**
 * Applies document writes to the search tables on one connection. Never opens a transaction of
 * its own: it runs inside the caller's (the storage's bulkWrite), so the index commits or rolls
 * back with the documents.
 */
export class SearchWriter {
  private readonly selectDoc: BetterSqlite3.Statement<[string, string], DocRow>;
  private readonly nextSeq: BetterSqlite3.Statement<[], { seq: number }>;
  private readonly insertDoc: BetterSqlite3.Statement<[number, string, string, string, string, string]>;
  private readonly insertNewDoc: BetterSqlite3.Statement<[number, string, string, string, string, string]>;
  private readonly updateDoc: BetterSqlite3.Statement<[string, string, string, number]>;
  private readonly deleteDoc: BetterSqlite3.Statement<[number]>;
  private readonly insertFts: BetterSqlite3.Statement<[number, string, string, string]>;
  private readonly deleteFts: BetterSqlite3.Statement<[number]>;
  private readonly insertPhone: BetterSqlite3.Statement<[number, string]>;
  private readonly deletePhone: BetterSqlite3.Statement<[number]>;
  private readonly deleteTypeFts: BetterSqlite3.Statement<[string]>;
  private readonly deleteTypePhone: BetterSqlite3.Statement<[string]>;
  private readonly deleteTypeDocs: BetterSqlite3.Statement<[string]>;

  constructor(db: BetterSqlite3.Database) {
    ensureSearchSchema(db);
    this.selectDoc = db.prepare(`SELECT key, sig FROM ${DOC_TABLE} WHERE type = ? AND id = ?`);
    this.nextSeq = db.prepare(`SELECT (coalesce(max(key), 0) >> ${TYPE_BITS}) + 1 AS seq FROM ${DOC_TABLE}`);
    this.insertDoc = db.prepare(`INSERT INTO ${DOC_TABLE} (key, type, id, title, subtitle, sig) VALUES (?, ?, ?, ?, ?, ?)`);
    this.insertNewDoc = db.prepare(
      `INSERT INTO ${DOC_TABLE} (key, type, id, title, subtitle, sig) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (type, id) DO NOTHING`,
    );
    this.updateDoc = db.prepare(`UPDATE ${DOC_TABLE} SET title = ?, subtitle = ?, sig = ? WHERE key = ?`);
    this.deleteDoc = db.prepare(`DELETE FROM ${DOC_TABLE} WHERE key = ?`);
    this.insertFts = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, name, detail, notes) VALUES (?, ?, ?, ?)`);
    this.deleteFts = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
    this.insertPhone = db.prepare(`INSERT INTO ${PHONE_TABLE} (rowid, digits) VALUES (?, ?)`);
    this.deletePhone = db.prepare(`DELETE FROM ${PHONE_TABLE} WHERE rowid = ?`);
    this.deleteTypeFts = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (SELECT key FROM ${DOC_TABLE} WHERE type = ?)`);
    this.deleteTypePhone = db.prepare(`DELETE FROM ${PHONE_TABLE} WHERE rowid IN (SELECT key FROM ${DOC_TABLE} WHERE type = ?)`);
    this.deleteTypeDocs = db.prepare(`DELETE FROM ${DOC_TABLE} WHERE type = ?`);
  }

  /**
   * Inserts, replaces or removes (tombstones) the given documents of one type. The first
   * `inserted` documents are new to their collection (see SqliteWriteHook).
   */
  write(type: SearchType, docs: ReadonlyArray<IndexableDocument>, primaryKey: string, inserted = 0): void {
    let seq = -1;
    // One max() per batch; keys then count up locally (the batch runs in one transaction).
    const nextKey = (): number => {
      if (seq < 0) seq = this.nextSeq.get()?.seq ?? 1;
      const key = seq * (TYPE_MASK + 1) + TYPE_CODE[type];
      seq += 1;
      return key;
    };
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as IndexableDocument;
      const id = doc[primaryKey];
      if (typeof id !== 'string') continue;
      // A document new to its collection has no index entry unless the index drifted; skipping the
      // lookup is a fifth of the hook's cost in an initial sync. UNIQUE (type, id) tells if it drifted.
      if (i < inserted && doc._deleted !== true && this.insertNew(type, id, doc, nextKey)) continue;
      this.apply(type, id, doc, nextKey);
    }
  }

  /** false when (type, id) is already indexed: nothing was written, the caller takes the general path. */
  private insertNew(type: SearchType, id: string, doc: IndexableDocument, nextKey: () => number): boolean {
    const entry = toSearchEntry(type, doc);
    const key = nextKey();
    if (this.insertNewDoc.run(key, type, id, entry.title, entry.subtitle, signature(entry)).changes === 0) return false;
    this.insertText(key, entry);
    return true;
  }

  private apply(type: SearchType, id: string, doc: IndexableDocument, nextKey: () => number): void {
    const existing = this.selectDoc.get(type, id);
    if (doc._deleted === true) {
      if (existing) this.remove(existing.key);
      return;
    }
    const entry = toSearchEntry(type, doc);
    const sig = signature(entry);
    if (existing) {
      if (existing.sig === sig) return;
      this.removeText(existing.key);
      this.insertText(existing.key, entry);
      this.updateDoc.run(entry.title, entry.subtitle, sig, existing.key);
      return;
    }
    const key = nextKey();
    this.insertDoc.run(key, type, id, entry.title, entry.subtitle, sig);
    this.insertText(key, entry);
  }

  /** Drops every indexed record of a type (its collection was removed, or before a rebuild). */
  clear(type: SearchType): void {
    this.deleteTypeFts.run(type);
    this.deleteTypePhone.run(type);
    this.deleteTypeDocs.run(type);
  }

  private remove(key: number): void {
    this.removeText(key);
    this.deleteDoc.run(key);
  }

  private insertText(key: number, entry: SearchEntry): void {
    this.insertFts.run(key, entry.name, entry.detail, entry.notes);
    if (entry.digits.length > 0) this.insertPhone.run(key, entry.digits);
  }

  /** Deleting a rowid a contentless-delete table does not hold is a no-op, so no lookup first. */
  private removeText(key: number): void {
    this.deleteFts.run(key);
    this.deletePhone.run(key);
  }
}
