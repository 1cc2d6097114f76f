import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { HookTable, HookWrite, StoredRow } from '../storage/sqlite/sqlite-hooks';
import { toSearchEntry, type SearchEntry } from './search-document';
import { DOC_TABLE, FTS_TABLE, MAX_SLOT, PHONE_TABLE, SOURCE_TABLE, ensureSearchSchema, searchKey, slotOfKeySql } from './search-schema';
import { TYPE_CODE, UNPUBLISHED_ARTICLE_CODE, codeOf, type SearchType } from './search-types';

/** A stored document as far as the index cares: its id and whether it is a tombstone. */
export type IndexableDocument = Readonly<Record<string, unknown>> & { readonly _deleted?: boolean };

/** Documents one write stored and their collection rowids (see HookWrite). */
type IndexWrite = {
  readonly docs: ReadonlyArray<IndexableDocument>;
  readonly rowids: ReadonlyArray<number>;
  readonly inserted: number;
};

/** Rows indexed per call while backfilling a table (bounds the arrays built per step). */
const BACKFILL_BATCH = 1000;

/**
 * Pages of merged index one idle step writes per FTS table. FTS5 finishes the term it is on, so a
 * step can run past this: replaying 100k accounts + 300k contacts bulk-loaded in 5,000-row commits,
 * 16-page steps took 2.3 ms at the median and 134 ms at most (698 steps, 4.7 s in all); 64-page
 * steps once took 1.26 s.
 */
const MERGE_STEP_PAGES = 16;

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
 * its own: it runs inside the caller's (the storage's bulkWrite or table open), so the index
 * commits or rolls back with the documents.
 */
export class SearchWriter {
  private readonly selectSlot: BetterSqlite3.Statement<[string], number>;
  private readonly usedSlots: BetterSqlite3.Statement<[], number>;
  private readonly insertSource: BetterSqlite3.Statement<[number, string]>;
  private readonly deleteSource: BetterSqlite3.Statement<[number]>;
  private readonly selectSig: BetterSqlite3.Statement<[number], string>;
  private readonly insertDoc: BetterSqlite3.Statement<[number, string, string, string, string]>;
  private readonly insertNewDoc: BetterSqlite3.Statement<[number, string, string, string, string]>;
  private readonly updateDoc: BetterSqlite3.Statement<[string, string, string, string, number]>;
  private readonly deleteDoc: BetterSqlite3.Statement<[number]>;
  private readonly insertFts: BetterSqlite3.Statement<[number, string, string, string]>;
  private readonly deleteFts: BetterSqlite3.Statement<[number]>;
  private readonly insertPhone: BetterSqlite3.Statement<[number, string]>;
  private readonly deletePhone: BetterSqlite3.Statement<[number]>;
  private readonly deleteSlotFts: BetterSqlite3.Statement<[number]>;
  private readonly deleteSlotPhone: BetterSqlite3.Statement<[number]>;
  private readonly deleteSlotDocs: BetterSqlite3.Statement<[number]>;
  private readonly mergeSteps: readonly BetterSqlite3.Statement<[]>[];
  private readonly totalChanges: BetterSqlite3.Statement<[], number>;

  constructor(db: BetterSqlite3.Database) {
    ensureSearchSchema(db);
    this.selectSlot = db.prepare<[string], number>(`SELECT slot FROM ${SOURCE_TABLE} WHERE table_name = ?`).pluck();
    this.usedSlots = db.prepare<[], number>(`SELECT slot FROM ${SOURCE_TABLE}`).pluck();
    this.insertSource = db.prepare(`INSERT INTO ${SOURCE_TABLE} (slot, table_name) VALUES (?, ?)`);
    this.deleteSource = db.prepare(`DELETE FROM ${SOURCE_TABLE} WHERE slot = ?`);
    this.selectSig = db.prepare<[number], string>(`SELECT sig FROM ${DOC_TABLE} WHERE key = ?`).pluck();
    this.insertDoc = db.prepare(`INSERT INTO ${DOC_TABLE} (key, id, title, subtitle, sig) VALUES (?, ?, ?, ?, ?)`);
    this.insertNewDoc = db.prepare(
      `INSERT INTO ${DOC_TABLE} (key, id, title, subtitle, sig) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    );
    this.updateDoc = db.prepare(`UPDATE ${DOC_TABLE} SET id = ?, title = ?, subtitle = ?, sig = ? WHERE key = ?`);
    this.deleteDoc = db.prepare(`DELETE FROM ${DOC_TABLE} WHERE key = ?`);
    this.insertFts = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, name, detail, notes) VALUES (?, ?, ?, ?)`);
    this.deleteFts = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
    this.insertPhone = db.prepare(`INSERT INTO ${PHONE_TABLE} (rowid, digits) VALUES (?, ?)`);
    this.deletePhone = db.prepare(`DELETE FROM ${PHONE_TABLE} WHERE rowid = ?`);
    const ofSlot = `SELECT key FROM ${DOC_TABLE} WHERE ${slotOfKeySql('key')} = ?`;
    this.deleteSlotFts = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid IN (${ofSlot})`);
    this.deleteSlotPhone = db.prepare(`DELETE FROM ${PHONE_TABLE} WHERE rowid IN (${ofSlot})`);
    this.deleteSlotDocs = db.prepare(`DELETE FROM ${DOC_TABLE} WHERE ${slotOfKeySql('key')} = ?`);
    this.mergeSteps = [FTS_TABLE, PHONE_TABLE].map((table) =>
      db.prepare<[]>(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ${MERGE_STEP_PAGES})`),
    );
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /**
   * One step of merging the FTS tables' segments, for idle time (SqliteWriteHook.idleStep); true
   * while either table has more to merge.
   *
   * Why: every commit adds a segment, and FTS5 merges a level's segments inside whichever commit
   * fills it (AUTOMERGE). After a bulk load that is a level of big segments, which one later
   * single write then merged whole: after 100k accounts + 300k contacts, the 14th single insert
   * took 1.6-2.2 s (105 MB written). Merged here while the app is idle, the same inserts' slowest
   * was 40 ms. FTS5 tells whether a 'merge' found work by the change count: fewer than 2 means none.
   */
  mergeStep(): boolean {
    let more = false;
    for (const step of this.mergeSteps) {
      const before = this.totalChanges.get() ?? 0;
      step.run();
      if ((this.totalChanges.get() ?? 0) - before >= 2) more = true;
    }
    return more;
  }

  /**
   * Makes sure a collection table is indexed: a table the index has not seen (new, or the index
   * was recreated in a new format) gets a slot and all its live rows indexed, in the caller's
   * transaction. A table already held is left alone.
   */
  openTable(type: SearchType, table: HookTable, rows: () => Iterable<StoredRow>, primaryKey: string): void {
    if (this.selectSlot.get(table.tableName) !== undefined) return;
    const used = new Set(this.usedSlots.all());
    let slot = 1;
    while (used.has(slot)) slot += 1;
    if (slot > MAX_SLOT) throw new Error(`search index: no free slot for ${table.tableName} (${MAX_SLOT} searchable tables at most)`);
    this.insertSource.run(slot, table.tableName);
    let docs: IndexableDocument[] = [];
    let rowids: number[] = [];
    const flush = (): void => {
      this.writeSlot(slot, type, { docs, rowids, inserted: docs.length }, primaryKey);
      docs = [];
      rowids = [];
    };
    for (const row of rows()) {
      if (row.doc._deleted) continue;
      docs.push(row.doc);
      rowids.push(row.rowid);
      if (docs.length >= BACKFILL_BATCH) flush();
    }
    flush();
  }

  /** Inserts, replaces or removes (tombstones) the index entries of the documents one bulkWrite stored. */
  write(type: SearchType, table: HookTable, write: HookWrite, primaryKey: string): void {
    const slot = this.selectSlot.get(table.tableName);
    if (slot === undefined) throw new Error(`search index: ${table.tableName} was written before it was opened`);
    this.writeSlot(slot, type, write, primaryKey);
  }

  private writeSlot(slot: number, type: SearchType, write: IndexWrite, primaryKey: string): void {
    const { docs, rowids, inserted } = write;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] as IndexableDocument;
      const id = doc[primaryKey];
      if (typeof id !== 'string') continue;
      const rowid = rowids[i] as number;
      const code = codeOf(type, doc);
      const key = searchKey(rowid, slot, code);
      // A new row has no index entry unless the index drifted; skipping the lookup is a fifth of
      // the hook's cost in an initial sync. The key's primary key tells if it drifted.
      if (i < inserted && doc._deleted !== true && this.insertNew(type, key, id, doc)) continue;
      if (type === 'article') {
        // A status change moves the article to the other code: its entry under the old one goes.
        const other = searchKey(rowid, slot, code === UNPUBLISHED_ARTICLE_CODE ? TYPE_CODE.article : UNPUBLISHED_ARTICLE_CODE);
        if (this.selectSig.get(other) !== undefined) this.remove(other);
      }
      this.apply(type, key, id, doc);
    }
  }

  /** false when the key is already indexed: nothing was written, the caller takes the general path. */
  private insertNew(type: SearchType, key: number, id: string, doc: IndexableDocument): boolean {
    const entry = toSearchEntry(type, doc);
    if (entry === null) return true;
    if (this.insertNewDoc.run(key, id, entry.title, entry.subtitle, signature(entry)).changes === 0) return false;
    this.insertText(key, entry);
    return true;
  }

  private apply(type: SearchType, key: number, id: string, doc: IndexableDocument): void {
    const existing = this.selectSig.get(key);
    const entry = doc._deleted === true ? null : toSearchEntry(type, doc);
    if (entry === null) {
      if (existing !== undefined) this.remove(key);
      return;
    }
    const sig = signature(entry);
    if (existing !== undefined) {
      if (existing === sig) return;
      this.removeText(key);
      this.insertText(key, entry);
      this.updateDoc.run(id, entry.title, entry.subtitle, sig, key);
      return;
    }
    this.insertDoc.run(key, id, entry.title, entry.subtitle, sig);
    this.insertText(key, entry);
  }

  /** Drops every entry of one collection table (its storage was removed) and frees its slot. */
  clear(table: HookTable): void {
    const slot = this.selectSlot.get(table.tableName);
    if (slot === undefined) return;
    this.deleteSlotFts.run(slot);
    this.deleteSlotPhone.run(slot);
    this.deleteSlotDocs.run(slot);
    this.deleteSource.run(slot);
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
