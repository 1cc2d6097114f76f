import type BetterSqlite3 from 'better-sqlite3';

export const FTS_TABLE = 'search_fts';
export const PHONE_TABLE = 'search_phone';
export const DOC_TABLE = 'search_doc';

/** Low bits of a key hold the type code (TYPE_CODE); the rest is a sequence number. */
export const TYPE_BITS = 3;
export const TYPE_MASK = (1 << TYPE_BITS) - 1;

/**
 * bm25 weights per FTS column, in column order (must match the CREATE below). Names and titles
 * count most, notes least. FTS5 multiplies term frequency by the weight *before* bm25's
 * saturation, so large weights (10, 4, 1) all saturate and stop mattering; weights ≤ 1 keep the
 * difference between a name hit and a notes hit.
 */
export const COLUMN_WEIGHTS = { name: 1, detail: 0.3, notes: 0.1 } as const;

/**
 * Creates the search tables if missing. Idempotent; safe on every connection open.
 *
 * - `search_doc` maps (type, id) to the FTS rowid (`key`) and holds what a hit displays, so the
 *   FTS table can be contentless (no second copy of every searchable string).
 * - `search_fts` is contentless with `contentless_delete=1` (SQLite ≥ 3.43) so rows can be deleted
 *   and replaced by rowid without keeping the original text around.
 * - `prefix='1 2 3'` keeps short as-you-type prefixes from scanning every term with that start.
 * - Phone digits live in their own trigram table (`search_phone`, same rowid), so a digit query
 *   is a substring match anywhere in a number ("555-01" finds "+1 555 010 0123"); kept apart from
 *   the text table so digit strings neither inflate the document length bm25 divides by nor need
 *   the text tokenizer.
 * - `sig` is a hash of the indexed text: updates that do not touch searchable fields skip the FTS write.
 */
export function ensureSearchSchema(db: BetterSqlite3.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${DOC_TABLE} (
      key INTEGER PRIMARY KEY,
      type TEXT NOT NULL,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      subtitle TEXT NOT NULL,
      sig TEXT NOT NULL,
      UNIQUE (type, id)
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS_TABLE} USING fts5(
      name, detail, notes,
      content='', contentless_delete=1,
      tokenize='unicode61 remove_diacritics 2',
      prefix='1 2 3'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS ${PHONE_TABLE} USING fts5(
      digits,
      content='', contentless_delete=1,
      tokenize='trigram'
    );
  `);
}
