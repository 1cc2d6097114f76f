import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { RxDocumentData } from 'rxdb/plugins/core';
import type { IndexRange, ScanPlan } from './sqlite-plan';
import { ESTIMATE_CAP, sameRange } from './sqlite-plan';
import type { StoredRow, StoredDocument } from './sqlite-hooks';
import { rowsByRowid, type SqliteIndexColumn, type SqliteTable } from './sqlite-table';

/** Values bound to one row: id, deleted, lwt, rev, data, then one string per index column. */
type RowValues = (string | number)[];
/**
 * From this many rows on, a write takes its rows in locality-index order. Below it the pages a
 * write touches stay hot anyway and sorting is not worth its cost.
 */
export const LOCALITY_MIN_ROWS = 256;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * - rows: `data` in scan order; count: COUNT(*);
 * - runs: `id, key, data`, the index key to find runs of ties; keyed-page: the same with LIMIT ? OFFSET ?.
 */
export type ScanMode = 'rows' | 'count' | 'runs' | 'keyed-page';

type Bound = string | number;

function rangeSql(range: IndexRange): string {
  const column = range.index.column;
  return `${column} ${range.inclusiveStart ? '>=' : '>'} ? AND ${column} ${range.inclusiveEnd ? '<=' : '<'} ?`;
}

/**
 * Every statement one collection instance runs, compiled once. Range statements depend on the
 * index column, the bound inclusiveness and whether skip/limit are pushed into SQL, so they are
 * compiled on first use and cached; nothing is compiled per row or per call.
 */
export class SqliteStatements<RxDocType> {
  private readonly insertStmt: BetterSqlite3.Statement;
  /** UPDATE statements by the set of index columns they assign (see runUpdate). */
  private readonly updateStmts = new Map<string, BetterSqlite3.Statement>();
  private readonly byIdStmt: BetterSqlite3.Statement<[string], [number, string]>;
  private readonly byIdsStmt: BetterSqlite3.Statement<[string], [number, string]>;
  private readonly changesStmt: BetterSqlite3.Statement<[string, number], string>;
  private readonly cleanupStmt: BetterSqlite3.Statement<[number, number]>;
  private readonly scanCache = new Map<string, BetterSqlite3.Statement>();
  /**
   * The planner's estimate, probe and count answers (sqlite-plan.ts) until this table is next
   * written: one query asks for the same range more than once (RxDB's range is a candidate scan,
   * often a filter too), and a list fetching window after window asks the same ones again.
   * A stale answer could only pick a slower plan, never a wrong result.
   */
  private readonly planSizes = new Map<string, number>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly table: SqliteTable<RxDocType>,
  ) {
    const t = table.sqlName;
    const indexColumns = table.indexes.map((index) => index.column);
    const columns = ['id', 'deleted', 'lwt', 'rev', 'data', ...indexColumns];
    this.insertStmt = db.prepare(`INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    this.byIdStmt = db.prepare<[string], [number, string]>(`SELECT rowid, data FROM ${t} WHERE id = ?`).raw();
    this.byIdsStmt = db
      .prepare<[string], [number, string]>(`SELECT rowid, data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`)
      .raw();
    const changes = table.changesIndex.column;
    this.changesStmt = db
      .prepare<[string, number], string>(`SELECT data FROM ${t} WHERE ${changes} > ? ORDER BY ${changes} LIMIT ?`)
      .pluck();
    this.cleanupStmt = db.prepare<[number, number]>(
      `DELETE FROM ${t} WHERE rowid IN (SELECT rowid FROM ${t} WHERE deleted = 1 AND lwt <= ? LIMIT ?)`,
    );
  }

  private rowValues(doc: RxDocumentData<RxDocType>): RowValues {
    const values: RowValues = [doc[this.table.primaryPath] as string, doc._deleted ? 1 : 0, doc._meta.lwt, doc._rev, JSON.stringify(doc)];
    for (const key of this.table.rowKeys(doc)) {
      values.push(key);
    }
    return values;
  }

  private written(): void {
    if (this.planSizes.size > 0) this.planSizes.clear();
  }

  /**
   * Rewrites one stored row. Only the index columns whose key changed are set: SQLite touches the
   * B-tree of every index whose column an UPDATE assigns, even to the same value, and most writes
   * (an edit of a note or a phone number, a revision from the server) leave most keys as they were.
   * One statement per set of changed columns, compiled on first use.
   */
  private runUpdate(doc: RxDocumentData<RxDocType>, previous: RxDocumentData<RxDocType> | undefined, rowid: number): void {
    const keys = previous ? this.table.changedRowKeys(doc, previous) : this.table.rowKeys(doc);
    let mask = '';
    const values: RowValues = [doc._deleted ? 1 : 0, doc._meta.lwt, doc._rev, JSON.stringify(doc)];
    for (const key of keys) {
      mask += key === undefined ? '0' : '1';
      if (key !== undefined) values.push(key);
    }
    values.push(rowid);
    let statement = this.updateStmts.get(mask);
    if (!statement) {
      const sets = ['deleted = ?', 'lwt = ?', 'rev = ?', 'data = ?'];
      this.table.indexes.forEach((index, i) => {
        if (mask[i] === '1') sets.push(`${index.column} = ?`);
      });
      statement = this.db.prepare(`UPDATE ${this.table.sqlName} SET ${sets.join(', ')} WHERE rowid = ?`);
      this.updateStmts.set(mask, statement);
    }
    statement.run(values);
  }

  /**
   * Inserts the new documents of one write and reports each with its rowid, in the order written
   * (see inOrderOfWriting).
   */
  insertAll(docs: ReadonlyArray<RxDocumentData<RxDocType>>, stored: (doc: RxDocumentData<RxDocType>, rowid: number) => void): void {
    for (const doc of this.inOrderOfWriting(docs)) {
      stored(doc, Number(this.insertStmt.run(this.rowValues(doc)).lastInsertRowid));
    }
  }

  /**
   * Updates stored documents (`rowidOf` knows their rows, `previousOf` their stored state) and
   * reports each, in the order written.
   */
  updateAll(
    docs: ReadonlyArray<RxDocumentData<RxDocType>>,
    rowidOf: (doc: RxDocumentData<RxDocType>) => number,
    previousOf: (doc: RxDocumentData<RxDocType>) => RxDocumentData<RxDocType> | undefined,
    stored: (doc: RxDocumentData<RxDocType>, rowid: number) => void,
  ): void {
    for (const doc of this.inOrderOfWriting(docs)) {
      const rowid = rowidOf(doc);
      this.runUpdate(doc, previousOf(doc), rowid);
      stored(doc, rowid);
    }
  }

  /**
   * One write's documents: a large batch in the order of the table's locality index
   * (sqlite-table.ts, localityIndexOf), a small one as it came. Only that index's key is computed
   * for the sort; each row's values are built just before it is written, so they are garbage by
   * the next row instead of all living (and being copied by the young-generation GC) until the
   * batch ends.
   */
  private inOrderOfWriting(docs: ReadonlyArray<RxDocumentData<RxDocType>>): ReadonlyArray<RxDocumentData<RxDocType>> {
    if (docs.length > 0) this.written();
    const locality = this.table.localityIndex;
    if (locality === undefined || docs.length < LOCALITY_MIN_ROWS) return docs;
    const keyOf = (this.table.indexes[locality] as SqliteIndexColumn).codec.docKey;
    return docs
      .map((doc) => ({ doc, key: keyOf(doc) }))
      .sort((a, b) => compareKeys(a.key, b.key))
      .map((row) => row.doc);
  }

  /**
   * Stored documents by id, deleted ones included. One point lookup per id is fastest for the
   * usual handful; a big batch uses a single json_each() statement instead of N round trips.
   * `rowids`, when given, receives the rowid of each found id.
   */
  findByIds(ids: readonly string[], rowids?: Map<string, number>): Map<string, RxDocumentData<RxDocType>> {
    const found = new Map<string, RxDocumentData<RxDocType>>();
    const add = ([rowid, data]: [number, string]): void => {
      const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
      const id = doc[this.table.primaryPath] as string;
      found.set(id, doc);
      rowids?.set(id, rowid);
    };
    if (ids.length <= 16) {
      for (const id of ids) {
        const row = this.byIdStmt.get(id);
        if (row !== undefined) add(row);
      }
      return found;
    }
    for (const row of this.byIdsStmt.iterate(JSON.stringify(ids))) add(row);
    return found;
  }

  /** Every row, in rowid pages (see rowsByRowid: callers may write while walking). */
  *allRows(): Generator<StoredRow> {
    for (const [rowid, data] of rowsByRowid(this.db, this.table.sqlName)) yield { rowid, doc: JSON.parse(data) as StoredDocument };
  }

  changesAfter(indexString: string, limit: number): RxDocumentData<RxDocType>[] {
    return this.changesStmt.all(indexString, limit).map((data) => JSON.parse(data) as RxDocumentData<RxDocType>);
  }

  deleteTombstones(maxLwt: number, batch: number): number {
    this.written();
    return this.cleanupStmt.run(maxLwt, batch).changes;
  }

  /**
   * Statements are cached by their SQL text: a collection sees a handful of shapes (index, bound
   * inclusiveness, filter columns, direction), never one per call. INDEXED BY pins the index the
   * plan chose; SQLite has no statistics to second-guess it with.
   */
  private cached(sql: string): BetterSqlite3.Statement {
    let stmt = this.scanCache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.scanCache.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * `sets`: each filter is a rowid set read from its own covering index, which SQLite checks
   * before it seeks the table row, so failing rows never load their record: right when the whole
   * range is read (counts, unsorted scans), where it beats `columns` by far on large tables.
   * `columns`: each filter compares the key column of the row; no up-front cost,
   * so right for an ordered scan that stops after one window.
   */
  scan(
    plan: ScanPlan,
    mode: ScanMode,
    filterBy: 'sets' | 'columns',
    descending = false,
  ): { readonly stmt: BetterSqlite3.Statement; readonly params: Bound[] } {
    const t = this.table.sqlName;
    const filters = plan.filters.filter((f) => !sameRange(f, plan.scan));
    const filterSql = (f: IndexRange) =>
      filterBy === 'columns' ? rangeSql(f) : `rowid IN (SELECT rowid FROM ${t} INDEXED BY ${f.index.sqlIndex} WHERE ${rangeSql(f)})`;
    const where = [rangeSql(plan.scan), ...filters.map(filterSql)].join(' AND ');
    const params: Bound[] = [plan.scan, ...filters].flatMap((range) => [range.lower, range.upper]);
    const from = `FROM ${t} INDEXED BY ${plan.scan.index.sqlIndex} WHERE ${where}`;
    if (mode === 'count') {
      return { stmt: this.cached(`SELECT COUNT(*) ${from}`).pluck(), params };
    }
    const order = `ORDER BY ${plan.scan.index.column}${descending ? ' DESC' : ''}`;
    if (mode === 'runs' || mode === 'keyed-page') {
      const page = mode === 'keyed-page' ? ' LIMIT ? OFFSET ?' : '';
      return { stmt: this.cached(`SELECT id, ${plan.scan.index.column} AS key, data ${from} ${order}${page}`).raw(), params };
    }
    return { stmt: this.cached(`SELECT data ${from} ${order}`).pluck(), params };
  }

  /** The rowids of a range's entries in index order, read from its index alone. */
  rowidsInOrder(range: IndexRange): number[] {
    const column = range.index.column;
    const sql = `SELECT rowid FROM ${this.table.sqlName} INDEXED BY ${range.index.sqlIndex} WHERE ${rangeSql(range)} ORDER BY ${column}, rowid`;
    return this.cached(sql).pluck().all(range.lower, range.upper) as number[];
  }

  /** The rowids of a range's entries, read from its index alone. */
  rowidsIn(range: IndexRange): number[] {
    const sql = `SELECT rowid FROM ${this.table.sqlName} INDEXED BY ${range.index.sqlIndex} WHERE ${rangeSql(range)}`;
    return this.cached(sql).pluck().all(range.lower, range.upper) as number[];
  }

  /**
   * `rowid, key` of a range's entries in index order (or reversed), read from the index alone, in
   * pages that double up to 8,192 rows: a walk that stops early reads little, and a long one
   * costs a fraction of stepping a statement row by row.
   */
  *keysInOrder(range: IndexRange, descending: boolean): Generator<[number, string]> {
    const column = range.index.column;
    const from = `FROM ${this.table.sqlName} INDEXED BY ${range.index.sqlIndex}`;
    const order = descending ? ' DESC' : '';
    const inRange = (r: IndexRange) =>
      this.cached(`SELECT rowid, ${column} ${from} WHERE ${rangeSql(r)} ORDER BY ${column}${order}, rowid${order} LIMIT ?`).raw();
    const tied = this.cached(
      `SELECT rowid, ${column} ${from} WHERE ${column} = ? AND rowid ${descending ? '<' : '>'} ? ORDER BY rowid${order} LIMIT ?`,
    ).raw();
    // Each page starts where the last one ended (an index seek), not at an OFFSET SQLite would
    // walk again from the range's start: a walk over a sparse filter reads tens of thousands of
    // entries. Keys equal to the page's last one (ids truncated alike) are finished first by rowid.
    let rest = range;
    let page = 256;
    for (;;) {
      const rows = inRange(rest).all(rest.lower, rest.upper, page) as [number, string][];
      yield* rows;
      if (rows.length < page) return;
      const key = (rows[rows.length - 1] as [number, string])[1];
      let rowid = (rows[rows.length - 1] as [number, string])[0];
      for (;;) {
        page = Math.min(page * 2, 8192);
        const ties = tied.all(key, rowid, page) as [number, string][];
        yield* ties;
        if (ties.length < page) break;
        rowid = (ties[ties.length - 1] as [number, string])[0];
      }
      rest = descending ? { ...rest, upper: key, inclusiveEnd: false } : { ...rest, lower: key, inclusiveStart: false };
    }
  }

  /** `rowid, key` of one index for the given rows. */
  keysOf(index: SqliteIndexColumn, rowids: readonly number[]): [number, string][] {
    const sql = `SELECT rowid, ${index.column} FROM ${this.table.sqlName} WHERE rowid IN (SELECT value FROM json_each(?))`;
    return this.cached(sql).raw().all(JSON.stringify(rowids)) as [number, string][];
  }

  /** `rowid, data` of the given rows. */
  dataOf(rowids: readonly number[]): [number, string][] {
    const sql = `SELECT rowid, data FROM ${this.table.sqlName} WHERE rowid IN (SELECT value FROM json_each(?))`;
    return this.cached(sql).raw().all(JSON.stringify(rowids)) as [number, string][];
  }

  /** The largest rowid: at least the number of rows, found in one B-tree descent. */
  rowsAtMost(): number {
    return (this.cached(`SELECT max(rowid) FROM ${this.table.sqlName}`).pluck().get() as number | null) ?? 0;
  }

  /**
   * Of the first `entries` entries of `scan` in scan order, how many pass `filters` (compared on
   * the rows' key columns, as an ordered scan checks them): see PlanContext.probe.
   */
  probe(scan: IndexRange, filters: readonly IndexRange[], descending: boolean, entries: number): number {
    const t = this.table.sqlName;
    const columns = [...new Set(filters.map((filter) => filter.index.column))].join(', ');
    const first = `SELECT ${columns} FROM ${t} INDEXED BY ${scan.index.sqlIndex} WHERE ${rangeSql(scan)} ORDER BY ${scan.index.column}${descending ? ' DESC' : ''} LIMIT ${entries}`;
    const sql = `SELECT COUNT(*) FROM (${first}) WHERE ${filters.map(rangeSql).join(' AND ')}`;
    return this.planSize(
      sql,
      [scan, ...filters].flatMap((range) => [range.lower, range.upper]),
    );
  }

  /** Every index entry in a range, counted in the index alone. */
  count(range: IndexRange): number {
    const sql = `SELECT COUNT(*) FROM ${this.table.sqlName} INDEXED BY ${range.index.sqlIndex} WHERE ${rangeSql(range)}`;
    return this.planSize(sql, [range.lower, range.upper]);
  }

  private planSize(sql: string, params: readonly Bound[]): number {
    const key = JSON.stringify([sql, params]);
    let size = this.planSizes.get(key);
    if (size === undefined) {
      size = this.cached(sql)
        .pluck()
        .get(...params) as number;
      // Bounded: a few hundred distinct filter combinations between two writes is already a lot.
      if (this.planSizes.size >= 512) this.planSizes.clear();
      this.planSizes.set(key, size);
    }
    return size;
  }

  /** Index entries in a range, counted up to ESTIMATE_CAP: cheap enough to ask per query. */
  estimate(range: IndexRange): number {
    const sql = `SELECT COUNT(*) FROM (SELECT 1 FROM ${this.table.sqlName} INDEXED BY ${range.index.sqlIndex} WHERE ${rangeSql(range)} LIMIT ${ESTIMATE_CAP})`;
    return this.planSize(sql, [range.lower, range.upper]);
  }
}
