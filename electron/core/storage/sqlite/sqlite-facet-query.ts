import { getSortComparator } from 'rxdb/plugins/core';
import type { PreparedQuery, RxDocumentData } from 'rxdb/plugins/core';
import { MAX_KEY } from './index-key';
import { keyInRange, RowidSet, type FacetCache } from './sqlite-facets';
import { equalityRanges, sameRange, sortScan, type IndexRange, type PlanContext, type SortScan } from './sqlite-plan';
import type { SqliteStatements } from './sqlite-statements';

export type FacetQueryContext<RxDocType> = PlanContext<RxDocType> & {
  readonly statements: SqliteStatements<RxDocType>;
  readonly facets: FacetCache;
};

type Doc<RxDocType> = RxDocumentData<RxDocType>;
type KeyedRowid = [rowid: number, key: string];

/**
 * Reading a row's key by rowid (a table page read and decrypted, in no useful order) costs about
 * this many entries of an index walk, read in pages (about 7 µs against 1 µs on a 2-core laptop).
 * The page plan compares a walk of the sort index (wanted / density entries) with reading the key
 * of every match (see facetQuery).
 */
const SEEK_COST = 7;

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The rowids matching every condition but those the scan range enforces by itself, or undefined
 * when the selector is not made of equalities on indexed fields (sqlite-plan.ts, equalityRanges).
 */
function matching<RxDocType>(ctx: FacetQueryContext<RxDocType>, conditions: IndexRange[][], scan?: IndexRange): RowidSet | undefined {
  const capacity = ctx.statements.rowsAtMost();
  const setOf = (range: IndexRange) => ctx.facets.setOf(range, capacity, () => ctx.statements.rowidsIn(range));
  const sets = conditions
    .filter((union) => !(scan && union.length === 1 && sameRange(union[0] as IndexRange, scan)))
    .map((union) => (union.length === 1 ? setOf(union[0] as IndexRange) : RowidSet.or(union.map(setOf))));
  return sets.length === 0 ? undefined : RowidSet.and(sets);
}

/** The count of a selector of equalities, from the cached sets; undefined when it is not one. */
export function facetCount<RxDocType>(ctx: FacetQueryContext<RxDocType>, prepared: PreparedQuery<RxDocType>): number | undefined {
  const conditions = equalityRanges(ctx, prepared.query);
  if (!conditions || conditions.length === 0) return undefined;
  return matching(ctx, conditions)?.size;
}

/**
 * A sorted window of a selector of equalities ("Active accounts in EMEA or APAC, newest first"),
 * when one index serves the sort but its range alone is not the selector. The matches are the
 * intersection of the cached sets; the window then comes either from walking the sort index and
 * checking one bit per entry (no table row read for a non-match), or, when matches are sparse,
 * from reading the sort key of each match and sorting those. Only the window's rows are read.
 * Undefined when the query is not of that shape.
 */
export function facetQuery<RxDocType>(ctx: FacetQueryContext<RxDocType>, prepared: PreparedQuery<RxDocType>): Doc<RxDocType>[] | undefined {
  const { query } = prepared;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const wanted = skip + limit;
  if (!Number.isFinite(wanted)) return undefined;
  const conditions = equalityRanges(ctx, query);
  if (!conditions || conditions.length === 0) return undefined;
  const sort = sortScan(ctx, prepared);
  if (!sort || sort.selectorSatisfied) return undefined;
  const matches = matching(ctx, conditions, sort.scan);
  if (!matches) return undefined;
  if (limit <= 0) return [];
  const count = matches.size;
  if (count === 0) return [];

  const entries = Math.max(count, ctx.statements.rowsAtMost());
  const walk = ctx.facets.heldOrder(sort.scan) !== undefined || (wanted * entries) / count < SEEK_COST * count;
  const picked = walk ? walkPick(ctx, sort, matches, wanted) : gatherPick(ctx, sort, matches, wanted);
  const trimmed = sort.order === 'index' ? picked : trimRuns(sort, picked, wanted);
  return windowOf(ctx, prepared, sort, trimmed).slice(skip, wanted);
}

/** What the rows of one run share: ties the sort order leaves to the comparator (or to the id). */
function runKeyOf(sort: SortScan): (key: string) => string {
  const codec = sort.scan.index.codec;
  return sort.order === 'index' ? (key) => key : (key) => codec.keyWithoutLastPart(key);
}

/**
 * The first `wanted` matches in scan order, and the rest of the last one's run. A run whose key
 * prefix tells its values apart (index-key.ts, prefixIsDistinct) is ordered by id: walked
 * forwards it is already in result order, so only equal keys (truncated ids) are added; walked
 * backwards its rows come last-first, so it is read again forwards for the rows still wanted.
 */
function walkPick<RxDocType>(ctx: FacetQueryContext<RxDocType>, sort: SortScan, matches: RowidSet, wanted: number): KeyedRowid[] {
  const runKey = runKeyOf(sort);
  const codec = sort.scan.index.codec;
  const descending = sort.order === 'reverse-runs';
  const picked: KeyedRowid[] = [];
  let boundary: string | undefined;
  let boundaryKey = '';
  let byKey = false;
  for (const row of matchedInOrder(ctx, sort.scan, descending, matches)) {
    if (boundary !== undefined && (runKey(row[1]) !== boundary || (byKey && row[1] !== boundaryKey))) break;
    picked.push(row);
    if (picked.length !== wanted) continue;
    boundary = runKey(row[1]);
    boundaryKey = row[1];
    byKey = sort.order !== 'index' && codec.prefixIsDistinct(row[1]);
    if (byKey && descending) {
      let before = picked.length;
      while (before > 0 && runKey((picked[before - 1] as KeyedRowid)[1]) === boundary) before--;
      picked.length = before;
      return [...picked, ...runForwards(ctx, sort, matches, boundary, wanted - before)];
    }
  }
  return picked;
}

/** Matches found per key read in a walk of a held order; it doubles up to MAX_KEY_BATCH. */
const FIRST_KEY_BATCH = 64;
const MAX_KEY_BATCH = 1024;
/**
 * A walk of the index itself that has read more than this share of the table's rows reads the
 * range's order once (about a fifth of the cost per entry) and goes on in it: the filter and the
 * sort are related, and the rest of the walk, and the next walks, are cheaper there.
 */
const ORDER_AFTER_SHARE = 0.05;
const MIN_WALK_BEFORE_ORDER = 256;

/**
 * `rowid, key` of the matches of a range in its order (or reversed). From the range's order when
 * it is held in memory (FacetCache.orderOf), reading only the matches' keys, a batch at a time;
 * else from a walk of the index, which reads every entry and moves to the order once it is long.
 */
function* matchedInOrder<RxDocType>(
  ctx: FacetQueryContext<RxDocType>,
  scan: IndexRange,
  descending: boolean,
  matches: RowidSet,
): Generator<KeyedRowid> {
  const step = descending ? -1 : 1;
  let order = ctx.facets.heldOrder(scan);
  let at = descending ? (order?.length ?? 0) - 1 : 0;
  if (!order) {
    const rows = ctx.statements.rowsAtMost();
    const budget = Math.max(MIN_WALK_BEFORE_ORDER, Math.ceil(rows * ORDER_AFTER_SHARE));
    let walked = 0;
    let last: number | undefined;
    for (const row of ctx.statements.keysInOrder(scan, descending)) {
      if (walked++ === budget && last !== undefined) {
        const held = ctx.facets.orderOf(scan, rows, () => ctx.statements.rowidsInOrder(scan));
        const position = held ? held.indexOf(last) : -1;
        if (held && position >= 0) {
          order = held;
          at = position + step;
          break;
        }
      }
      last = row[0];
      if (matches.has(row[0])) yield row;
    }
    if (!order) return;
  }
  let batch: number[] = [];
  let size = FIRST_KEY_BATCH;
  const keyed = function* (rowids: number[]): Generator<KeyedRowid> {
    const keys = new Map(ctx.statements.keysOf(scan.index, rowids));
    for (const rowid of rowids) yield [rowid, keys.get(rowid) as string];
  };
  for (; at >= 0 && at < order.length; at += step) {
    const rowid = order[at] as number;
    if (!matches.has(rowid)) continue;
    batch.push(rowid);
    if (batch.length < size) continue;
    yield* keyed(batch);
    batch = [];
    size = Math.min(size * 2, MAX_KEY_BATCH);
  }
  if (batch.length > 0) yield* keyed(batch);
}

/** The first `need` matches of one distinct run in key order (and any sharing the last one's key). */
function runForwards<RxDocType>(
  ctx: FacetQueryContext<RxDocType>,
  sort: SortScan,
  matches: RowidSet,
  prefix: string,
  need: number,
): KeyedRowid[] {
  const run: IndexRange = {
    index: sort.scan.index,
    lower: prefix,
    upper: prefix + MAX_KEY,
    inclusiveStart: true,
    inclusiveEnd: true,
    widened: false,
  };
  const out: KeyedRowid[] = [];
  for (const row of ctx.statements.keysInOrder(run, false)) {
    if (!matches.has(row[0]) || !keyInRange(row[1], sort.scan)) continue;
    if (out.length >= need && row[1] !== (out[out.length - 1] as KeyedRowid)[1]) break;
    out.push(row);
  }
  return out;
}

/** The same from every match's key, sorted here. */
function gatherPick<RxDocType>(ctx: FacetQueryContext<RxDocType>, sort: SortScan, matches: RowidSet, wanted: number): KeyedRowid[] {
  const descending = sort.order === 'reverse-runs';
  const keyed = ctx.statements.keysOf(sort.scan.index, matches.toArray()).filter(([, key]) => keyInRange(key, sort.scan));
  keyed.sort((a, b) => (descending ? compareStrings(b[1], a[1]) : compareStrings(a[1], b[1])));
  if (keyed.length <= wanted) return keyed;
  const runKey = runKeyOf(sort);
  const boundary = runKey((keyed[wanted - 1] as KeyedRowid)[1]);
  let end = wanted;
  while (end < keyed.length && runKey((keyed[end] as KeyedRowid)[1]) === boundary) end++;
  return keyed.slice(0, end);
}

/**
 * Picked rows come in whole runs. A run whose key prefix tells its values apart (index-key.ts,
 * prefixIsDistinct) is ordered by id alone, which its keys follow up to truncated ids: of such a
 * run only the rows the window still needs are kept (and any sharing the last one's key).
 */
function trimRuns(sort: SortScan, picked: readonly KeyedRowid[], wanted: number): KeyedRowid[] {
  const runKey = runKeyOf(sort);
  const codec = sort.scan.index.codec;
  const kept: KeyedRowid[] = [];
  for (let i = 0; i < picked.length && kept.length < wanted;) {
    const key = runKey((picked[i] as KeyedRowid)[1]);
    let end = i + 1;
    while (end < picked.length && runKey((picked[end] as KeyedRowid)[1]) === key) end++;
    const run = picked.slice(i, end);
    const need = wanted - kept.length;
    if (run.length > need && codec.prefixIsDistinct((run[0] as KeyedRowid)[1])) {
      run.sort((a, b) => compareStrings(a[1], b[1]));
      const last = (run[need - 1] as KeyedRowid)[1];
      let cut = need;
      while (cut < run.length && (run[cut] as KeyedRowid)[1] === last) cut++;
      kept.push(...run.slice(0, cut));
    } else {
      kept.push(...run);
    }
    i = end;
  }
  return kept;
}

/**
 * The picked rows in result order: by key and then id where the index order is the result
 * (RxDB's own plan, which the memory storage follows verbatim), by RxDB's comparator otherwise.
 */
function windowOf<RxDocType>(
  ctx: FacetQueryContext<RxDocType>,
  prepared: PreparedQuery<RxDocType>,
  sort: SortScan,
  picked: readonly KeyedRowid[],
): Doc<RxDocType>[] {
  const data = new Map(ctx.statements.dataOf(picked.map(([rowid]) => rowid)));
  const rows = picked.map(([rowid, key]) => ({ key, doc: JSON.parse(data.get(rowid) as string) as Doc<RxDocType> }));
  if (sort.order === 'index') {
    const primaryPath = ctx.table.primaryPath;
    rows.sort((a, b) => compareStrings(a.key, b.key) || compareStrings(a.doc[primaryPath] as string, b.doc[primaryPath] as string));
  } else {
    const compare = getSortComparator(ctx.schema, prepared.query);
    rows.sort((a, b) => compare(a.doc, b.doc));
  }
  return rows.map((row) => row.doc);
}
