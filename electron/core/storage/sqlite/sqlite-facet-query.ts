import { getSortComparator } from 'rxdb/plugins/core';
import type { PreparedQuery, RxDocumentData } from 'rxdb/plugins/core';
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
 * Reading a row's key by rowid (a B-tree descent) costs about this many entries of an index walk.
 * The page plan compares a walk of the sort index (wanted / density entries) with reading the key
 * of every match (see facetQuery).
 */
const SEEK_COST = 3;

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
  const walk = (wanted * entries) / count < SEEK_COST * count;
  const picked = walk ? walkPick(ctx, sort, matches, wanted) : gatherPick(ctx, sort, matches, wanted);
  return windowOf(ctx, prepared, sort, picked).slice(skip, wanted);
}

/** What the rows of one run share: ties the sort order leaves to the comparator (or to the id). */
function runKeyOf(sort: SortScan): (key: string) => string {
  const codec = sort.scan.index.codec;
  return sort.order === 'index' ? (key) => key : (key) => codec.keyWithoutLastPart(key);
}

/** The first `wanted` matches in scan order, and the rest of the last one's run. */
function walkPick<RxDocType>(ctx: FacetQueryContext<RxDocType>, sort: SortScan, matches: RowidSet, wanted: number): KeyedRowid[] {
  const runKey = runKeyOf(sort);
  const picked: KeyedRowid[] = [];
  let boundary: string | undefined;
  for (const row of ctx.statements.keysInOrder(sort.scan, sort.order === 'reverse-runs')) {
    if (!matches.has(row[0])) continue;
    if (boundary !== undefined && runKey(row[1]) !== boundary) break;
    picked.push(row);
    if (picked.length === wanted) boundary = runKey(row[1]);
  }
  return picked;
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
