import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { getPrimaryFieldOfPrimaryKey, getSchemaByObjectPath, toArray } from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { createIndexKeyCodec, createRowKeysEncoder, INDEX_KEY_LAYOUT } from './index-key';
import type { IndexKeyCodec } from './index-key';

/** One RxDB index stored as a TEXT column holding its compact key (see index-key.ts). */
export type SqliteIndexColumn = {
  /** The RxDB index fields joined by ',' (as the query plan names them). */
  readonly key: string;
  readonly fields: readonly string[];
  readonly column: string;
  /** The SQLite index on `column`, quoted, for INDEXED BY. */
  readonly sqlIndex: string;
  readonly codec: IndexKeyCodec;
};

export type SqliteTable<RxDocType> = {
  /** Quoted, ready to paste into SQL. */
  readonly sqlName: string;
  readonly name: string;
  readonly primaryPath: Extract<keyof RxDocType, string>;
  readonly indexes: readonly SqliteIndexColumn[];
  readonly indexByKey: ReadonlyMap<string, SqliteIndexColumn>;
  /** ['_meta.lwt', primaryKey], which RxDB adds to every schema: the order of getChangedDocumentsSince. */
  readonly changesIndex: SqliteIndexColumn;
  /** Everything the stored index strings depend on; compared on open (see ensureTable). */
  readonly layout: string;
  /** The key of every index (in `indexes` order) of one document. */
  readonly rowKeys: (doc: RxDocumentData<RxDocType>) => string[];
  /** The keys of a rewritten document, undefined where its index fields equal `previous`'s (see RowKeysEncoder). */
  readonly changedRowKeys: (doc: RxDocumentData<RxDocType>, previous: RxDocumentData<RxDocType>) => Array<string | undefined>;
  /** Position in `indexes` of the index whose order a large write follows (see localityIndexOf). */
  readonly localityIndex: number | undefined;
};

export const META_TABLE = 'rxdb_storage_meta';

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The schema version is part of the name so a migration to a new version writes into fresh
 * tables while the old ones are still readable.
 */
export function tableNameFor(collectionName: string, schemaVersion: number): string {
  return `rxdb_${collectionName}_v${schemaVersion}`;
}

export function describeTable<RxDocType>(
  collectionName: string,
  schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
): SqliteTable<RxDocType> {
  const name = tableNameFor(collectionName, schema.version);
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as Extract<keyof RxDocType, string>;
  // After fillWithDefaultSettings() schema.indexes already carries the _deleted prefix, the primary
  // key suffix and ['_meta.lwt', primaryKey]; we store exactly those, nothing more.
  const indexes = (schema.indexes ?? []).map((index, position): SqliteIndexColumn => {
    const fields = toArray(index).slice(0);
    const column = `i${position}`;
    return {
      key: fields.join(','),
      fields,
      column,
      sqlIndex: quoteIdentifier(`${name}_${column}`),
      codec: createIndexKeyCodec(schema, fields),
    };
  });
  const indexByKey = new Map(indexes.map((index) => [index.key, index]));
  const changesIndex = indexByKey.get(`_meta.lwt,${primaryPath}`);
  if (!changesIndex) {
    throw new Error(`SQLite storage: schema of ${collectionName} lacks the ['_meta.lwt', primaryKey] index; pass a schema filled by RxDB.`);
  }
  // The key encoding is part of the layout: a file written by another encoding must not open.
  const layout = JSON.stringify([
    INDEX_KEY_LAYOUT,
    indexes.map((index) => [index.key, index.fields.map((field) => layoutOfField(schema, field))]),
  ]);
  const encoder = createRowKeysEncoder(
    schema,
    indexes.map((index) => index.fields),
  );
  const localityIndex = localityIndexOf(indexes, primaryPath);
  return {
    sqlName: quoteIdentifier(name),
    name,
    primaryPath,
    indexes,
    indexByKey,
    changesIndex,
    layout,
    rowKeys: encoder.all,
    changedRowKeys: encoder.changed,
    localityIndex,
  };
}

/**
 * The index whose key order a large write inserts its rows in (sqlite-statements.ts), or none.
 *
 * A 5,000-row write inserts into every index B-tree at random places, and each insert walks from
 * the root through pages the previous one left cold. Rows taken in one index's order turn that
 * index's inserts into a walk along neighbouring pages, and compound indexes that start with a
 * few-valued field followed by that same field into a few such walks. So the chosen index is
 * the one led by the field most indexes hold: `name` for accounts (7 of 14 indexes), `lastName`
 * for contacts, `closeDate` for opportunities. Which rows get written is unchanged, so is every
 * page a write dirties; only the CPU of finding the places is less. Ordering by a compound
 * index led by a many-valued field ([ownerId, name]) gains nothing, and only the sort key is
 * computed up front (not every row's values), so the sort costs little memory.
 * Without an index led by a field that two indexes hold, none.
 */
export function localityIndexOf(indexes: readonly SqliteIndexColumn[], primaryPath: string): number | undefined {
  const ignored = new Set(['_deleted', '_meta.lwt', primaryPath]);
  const holders = new Map<string, number>();
  for (const index of indexes) {
    for (const field of new Set(index.fields)) {
      if (!ignored.has(field)) holders.set(field, (holders.get(field) ?? 0) + 1);
    }
  }
  const leadOf = (index: SqliteIndexColumn) => index.fields.find((field) => !ignored.has(field));
  // The lead field: the one most indexes hold, the first declared on a tie; held by two at least.
  let lead: string | undefined;
  for (const index of indexes) {
    const field = leadOf(index);
    if (field !== undefined && (holders.get(field) ?? 0) > (lead === undefined ? 1 : (holders.get(lead) ?? 0))) lead = field;
  }
  if (lead === undefined) return undefined;
  // Of the indexes it leads, the shortest (accounts: `name` itself rather than a compound), the first on a tie.
  let best: number | undefined;
  indexes.forEach((index, position) => {
    if (leadOf(index) !== lead) return;
    if (best === undefined || index.fields.length < (indexes[best] as SqliteIndexColumn).fields.length) best = position;
  });
  return best;
}

function layoutOfField<RxDocType>(schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>, field: string): unknown[] {
  const part = getSchemaByObjectPath(schema, field);
  return [part.type, part.maxLength, part.minimum, part.maximum, part.multipleOf];
}

/**
 * Creates the table and its indexes if missing. The index layout is recorded in a meta table and
 * compared on every open. If only the key encoding changed (a file written by an older version of
 * this storage), every row's keys are recomputed from its document, once, in the same
 * transaction. Any other mismatch means the schema changed without a version bump, which would
 * leave stale index strings and wrong query results, so it fails loudly instead.
 */
export function ensureTable<RxDocType>(db: BetterSqlite3.Database, table: SqliteTable<RxDocType>): void {
  const layout = table.layout;
  const columns = table.indexes.map((index) => `, ${index.column} TEXT NOT NULL`).join('');
  db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS ${META_TABLE} (table_name TEXT PRIMARY KEY, layout TEXT NOT NULL)`);
    const existing = db.prepare(`SELECT layout FROM ${META_TABLE} WHERE table_name = ?`).pluck().get(table.name);
    if (typeof existing === 'string') {
      if (existing !== layout && sameIndexes(existing, layout)) {
        rekeyTable(db, table);
        db.prepare(`UPDATE ${META_TABLE} SET layout = ? WHERE table_name = ?`).run(layout, table.name);
      } else if (existing !== layout) {
        throw new Error(
          `SQLite storage: table ${table.name} was created with a different index layout; ` +
            'bump the schema version when indexes or indexed field lengths change, or delete a database written by an older storage layout.',
        );
      }
      return;
    }
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table.sqlName} (id TEXT NOT NULL PRIMARY KEY, deleted INTEGER NOT NULL, ` +
        `lwt REAL NOT NULL, rev TEXT NOT NULL, data TEXT NOT NULL${columns})`,
    );
    for (const index of table.indexes) {
      db.exec(`CREATE INDEX IF NOT EXISTS ${index.sqlIndex} ON ${table.sqlName} (${index.column})`);
    }
    // Cleanup looks for old tombstones; a partial index holds only those, so live writes do not pay.
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${table.name}_tombstones`)} ON ${table.sqlName} (lwt) WHERE deleted = 1`);
    db.prepare(`INSERT INTO ${META_TABLE} (table_name, layout) VALUES (?, ?)`).run(table.name, layout);
  }).immediate();
}

/** Layouts are [encoding, indexes]: true when only the encoding differs. */
function sameIndexes(a: string, b: string): boolean {
  try {
    const [, indexesA] = JSON.parse(a) as [unknown, unknown];
    const [, indexesB] = JSON.parse(b) as [unknown, unknown];
    return JSON.stringify(indexesA) === JSON.stringify(indexesB);
  } catch {
    return false;
  }
}

/**
 * Every row's rowid and document text, in rowid pages: no statement stays open between pages, so
 * the caller may write (to this table or others) while it walks.
 */
export function* rowsByRowid(db: BetterSqlite3.Database, sqlName: string): Generator<[rowid: number, data: string]> {
  const page = db.prepare<[number], [number, string]>(`SELECT rowid, data FROM ${sqlName} WHERE rowid > ? ORDER BY rowid LIMIT 1000`).raw();
  let after = Number.MIN_SAFE_INTEGER;
  for (let rows = page.all(after); rows.length > 0; rows = page.all(after)) {
    for (const row of rows) {
      yield row;
      after = row[0];
    }
  }
}

/** Recomputes every row's index keys from its document (inside the caller's transaction). */
function rekeyTable<RxDocType>(db: BetterSqlite3.Database, table: SqliteTable<RxDocType>): void {
  const sets = table.indexes.map((index) => `${index.column} = ?`).join(', ');
  const update = db.prepare(`UPDATE ${table.sqlName} SET ${sets} WHERE rowid = ?`);
  for (const [rowid, data] of rowsByRowid(db, table.sqlName)) {
    update.run(...table.rowKeys(JSON.parse(data) as RxDocumentData<RxDocType>), rowid);
  }
}

export function dropTable<RxDocType>(db: BetterSqlite3.Database, table: SqliteTable<RxDocType>): void {
  db.exec(`DROP TABLE IF EXISTS ${table.sqlName}`);
  db.prepare(`DELETE FROM ${META_TABLE} WHERE table_name = ?`).run(table.name);
}
