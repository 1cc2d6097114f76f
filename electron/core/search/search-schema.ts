import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export const FTS_TABLE = 'search_fts';
export const PHONE_TABLE = 'search_phone';
export const DOC_TABLE = 'search_doc';
/** Which collection tables the index holds, each under a small slot number. */
export const SOURCE_TABLE = 'search_source';
const FORMAT_TABLE = 'search_format';

/**
 * Format of the tables below. A database written in another format has its search tables
 * dropped and recreated on open; each collection table is then indexed again from its rows the
 * first time its storage opens it (SearchWriter.openTable).
 * 1: keys from a sequence, search_doc looked up by UNIQUE (type, id). 2: keys from rowids.
 * 3: CJK runs indexed as character pairs (search-text.ts).
 */
export const SEARCH_FORMAT = 3;

/**
 * A key (the FTS rowid and search_doc's primary key) is `rowid·2⁷ + slot·2³ + type code`:
 * - the low TYPE_BITS hold the type code (TYPE_CODE), so a type filter is a bit test;
 * - the next SLOT_BITS the slot of the collection table (search_source), so the old and the new
 *   table of a collection during a schema migration never share a key;
 * - the rest the document's rowid in its collection table, which is stable for the row's life
 *   (see HookWrite.rowids): the storage hands it to the hook, so finding a document's entry
 *   needs no (type, id) index, whose random-order inserts cost a quarter of the indexing time.
 */
export const TYPE_BITS = 3;
export const TYPE_MASK = (1 << TYPE_BITS) - 1;
export const SLOT_BITS = 4;
export const MAX_SLOT = (1 << SLOT_BITS) - 1;
const ROWID_FACTOR = 1 << (TYPE_BITS + SLOT_BITS);
/** Keys stay exact JavaScript numbers. */
const MAX_ROWID = Math.floor(Number.MAX_SAFE_INTEGER / ROWID_FACTOR);

export function searchKey(rowid: number, slot: number, typeCode: number): number {
  if (!Number.isSafeInteger(rowid) || rowid < 0 || rowid > MAX_ROWID) throw new Error(`search index: rowid ${rowid} out of range`);
  return rowid * ROWID_FACTOR + (slot << TYPE_BITS) + typeCode;
}

/** SQL for the slot of a key column (for removing one collection table's entries). */
export function slotOfKeySql(column: string): string {
  return `((${column} >> ${TYPE_BITS}) & ${MAX_SLOT})`;
}

/**
 * bm25 weights per FTS column, in column order (must match the CREATE below). Names and titles
 * count most, notes least. FTS5 multiplies term frequency by the weight *before* bm25's
 * saturation, so large weights (10, 4, 1) all saturate and stop mattering; weights ≤ 1 keep the
 * difference between a name hit and a notes hit.
 */
export const COLUMN_WEIGHTS = { name: 1, detail: 0.3, notes: 0.1 } as const;

/**
 * FTS5 merges segments once this many share a level (its default is 4). Every commit adds a
 * segment, and FTS5 does the merge work a little at a time inside later writes: with 4, after a
 * bulk load (one segment per 5,000-row commit) single inserts paid 15-60 ms every 20-30 writes
 * for merges of the big bulk segments (single insert p95 8-9 ms over 200 inserts into 100k
 * accounts + 300k contacts). With 16: p95 1.8-2.2 ms, fewer merges in the bulk load itself, and
 * searches over the extra segments stay at a few ms (fts p95 in bench:store).
 */
const AUTOMERGE = 16;

/**
 * Bytes per FTS5 index blob (its `pgsz`; FTS5's default is 4050). Two blobs share an 8 KiB
 * database page only if the page has about 8,140 usable bytes; the cipher keeps 64 of the 8,192
 * for each page's nonce and tag (storage/sqlite/sqlite-cipher.ts), which would leave room for one
 * default blob per page and make the index twice its size on disk. Existing segments take it as
 * they are merged.
 */
const INDEX_BLOB_BYTES = 4000;

function ensureIndexBlobBytes(db: BetterSqlite3.Database): void {
  for (const table of [FTS_TABLE, PHONE_TABLE]) {
    const stored = db.prepare<[], number>(`SELECT v FROM ${table}_config WHERE k = 'pgsz'`).pluck().get();
    if (stored !== INDEX_BLOB_BYTES) db.exec(`INSERT INTO ${table} (${table}, rank) VALUES ('pgsz', ${INDEX_BLOB_BYTES})`);
  }
}

function storedFormat(db: BetterSqlite3.Database): number | null {
  const tables = db
    .prepare<[string, string], string>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?)`)
    .pluck()
    .all(FORMAT_TABLE, DOC_TABLE);
  if (tables.includes(FORMAT_TABLE)) return db.prepare<[], number>(`SELECT version FROM ${FORMAT_TABLE}`).pluck().get() ?? null;
  return tables.includes(DOC_TABLE) ? 1 : null;
}

/**
 * Creates the search tables if missing, replacing them if they were written in another format.
 * Idempotent; safe on every connection open.
 *
 * - `search_doc` holds, per key, the document id and what a hit displays, so the FTS table can
 *   be contentless (no second copy of every searchable string).
 * - `search_fts` is contentless with `contentless_delete=1` (SQLite ≥ 3.43) so rows can be deleted
 *   and replaced by rowid without keeping the original text around.
 * - `prefix='1 2'` keeps one- and two-letter as-you-type prefixes from merging the doclists of
 *   thousands of terms. Three letters and more select few enough terms to merge at query time;
 *   a prefix-3 index cost 12 % of the indexing time and gained nothing measurable.
 * - Phone digits live in their own trigram table (`search_phone`, same rowid), so a digit query
 *   is a substring match anywhere in a number ("555-01" finds "+1 555 010 0123"); kept apart from
 *   the text table so digit strings neither inflate the document length bm25 divides by nor need
 *   the text tokenizer.
 * - `sig` is a hash of the indexed text: updates that do not touch searchable fields skip the FTS write.
 */
export function ensureSearchSchema(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    const format = storedFormat(db);
    if (format === SEARCH_FORMAT) return ensureIndexBlobBytes(db);
    if (format !== null) {
      db.exec(`
        DROP TABLE IF EXISTS ${FTS_TABLE};
        DROP TABLE IF EXISTS ${PHONE_TABLE};
        DROP TABLE IF EXISTS ${DOC_TABLE};
        DROP TABLE IF EXISTS ${SOURCE_TABLE};
        DROP TABLE IF EXISTS ${FORMAT_TABLE};
      `);
    }
    db.exec(`
      CREATE TABLE ${FORMAT_TABLE} (version INTEGER NOT NULL);
      INSERT INTO ${FORMAT_TABLE} (version) VALUES (${SEARCH_FORMAT});
      CREATE TABLE ${SOURCE_TABLE} (
        slot INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE ${DOC_TABLE} (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        subtitle TEXT NOT NULL,
        sig TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE ${FTS_TABLE} USING fts5(
        name, detail, notes,
        content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2',
        prefix='1 2'
      );
      CREATE VIRTUAL TABLE ${PHONE_TABLE} USING fts5(
        digits,
        content='', contentless_delete=1,
        tokenize='trigram'
      );
      INSERT INTO ${FTS_TABLE} (${FTS_TABLE}, rank) VALUES ('automerge', ${AUTOMERGE});
      INSERT INTO ${PHONE_TABLE} (${PHONE_TABLE}, rank) VALUES ('automerge', ${AUTOMERGE});
    `);
    ensureIndexBlobBytes(db);
  }).immediate();
}
