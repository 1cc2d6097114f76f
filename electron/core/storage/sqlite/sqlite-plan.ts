import { getQueryPlan, getSchemaByObjectPath } from 'rxdb/plugins/core';
import type { FilledMangoQuery, PreparedQuery, RxDocumentData, RxJsonSchema, RxQueryPlan } from 'rxdb/plugins/core';
import type { SqliteIndexColumn, SqliteTable } from './sqlite-table';

/** A key range over one index column; `lower`/`upper` are compact keys (index-key.ts). */
export type IndexRange = {
  readonly index: SqliteIndexColumn;
  readonly lower: string;
  readonly upper: string;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
  /**
   * A bound on the truncated primary key part was widened to its truncated value (index-key.ts):
   * the range holds every document the plan asked for, and possibly a few more.
   */
  readonly widened: boolean;
};

/**
 * - 'index': the index order is the result order, ties included (RxDB's own sortSatisfiedByIndex;
 *   the memory storage returns that order verbatim, so we must too), except that entries whose
 *   truncated keys are equal are ordered by their full primary key.
 * - 'runs' / 'reverse-runs': the (reversed) index order is the result order up to runs of equal
 *   index keys before the primary key; each run is re-sorted with RxDB's comparator.
 * - 'none': read the whole range and sort.
 */
export type ScanOrder = 'index' | 'runs' | 'reverse-runs' | 'none';

export type ScanPlan = {
  readonly scan: IndexRange;
  readonly order: ScanOrder;
  /** Necessary conditions of the selector, checked in SQL on index columns (no JSON parsing). */
  readonly filters: readonly IndexRange[];
  /** scan + filters select exactly the documents the selector matches. */
  readonly exact: boolean;
};

export type PlanContext<RxDocType> = {
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly table: SqliteTable<RxDocType>;
  /** How many index entries a range holds, counted only up to ESTIMATE_CAP. */
  readonly estimate: (range: IndexRange) => number;
  /** An upper bound on the rows of the table (tombstones included), cheap to ask. */
  readonly rowsAtMost: () => number;
  /**
   * How many of the first `entries` entries of `scan`, in scan order, pass `filters` (SQL's
   * check, ranges equal to the scan left out). Absent: ordered scans are costed by estimates alone.
   */
  readonly probe?: (scan: IndexRange, filters: readonly IndexRange[], descending: boolean, entries: number) => number;
  /** All the entries of a range, counted (a walk of the range in its index, no table rows). */
  readonly count?: (range: IndexRange) => number;
};

export const ESTIMATE_CAP = 2048;
/** The most values of one $in that equalityRanges turns into index ranges. */
export const MAX_EQUALITY_VALUES = 32;
/** Entries an ordered scan's probe reads (see planQuery): a table row each, about a millisecond. */
export const PROBE_ENTRIES = 1024;
/** Parsing and matching a document costs about this many index-entry checks. */
const PARSE_COST = 5;

export function sameRange(a: IndexRange, b: IndexRange): boolean {
  return (
    a.index === b.index &&
    a.lower === b.lower &&
    a.upper === b.upper &&
    a.inclusiveStart === b.inclusiveStart &&
    a.inclusiveEnd === b.inclusiveEnd
  );
}

export function rangeOf<RxDocType>(table: SqliteTable<RxDocType>, plan: RxQueryPlan): IndexRange {
  const index = table.indexByKey.get(plan.index.join(','));
  if (!index) {
    throw new Error(`SQLite storage: index [${plan.index.join(', ')}] is not declared in the schema of ${table.name}`);
  }
  const widenStart = index.codec.widens(plan.startKeys);
  const widenEnd = index.codec.widens(plan.endKeys);
  return {
    index,
    lower: index.codec.lowerKey(plan.startKeys),
    upper: index.codec.upperKey(plan.endKeys),
    inclusiveStart: plan.inclusiveStart || widenStart,
    inclusiveEnd: plan.inclusiveEnd || widenEnd,
    widened: widenStart || widenEnd,
  };
}

function planFor<RxDocType>(
  schema: PlanContext<RxDocType>['schema'],
  query: FilledMangoQuery<RxDocType>,
  index: readonly string[],
): RxQueryPlan {
  return getQueryPlan(schema as RxJsonSchema<RxDocumentData<RxDocType>>, { ...query, index: index.slice(0) });
}

/** Fields whose $eq makes them constant across all matches; the same rule as RxDB's planner. */
function constantFields<RxDocType>(schema: PlanContext<RxDocType>['schema'], selector: Record<string, unknown>): Set<string> {
  const fields = new Set<string>();
  for (const [field, condition] of Object.entries(selector)) {
    if (typeof condition !== 'object' || condition === null || !Object.prototype.hasOwnProperty.call(condition, '$eq')) {
      continue;
    }
    // A missing value is indexed like '' (or 0, or false) but sorts apart from it: an $eq on such a
    // value of an optional field leaves matches that the comparator still orders by that field.
    if (!indexSemanticsAgree(schema, field, condition)) {
      continue;
    }
    const part = getSchemaByObjectPath(schema as RxJsonSchema<unknown>, field) as { type?: unknown; enum?: unknown } | undefined;
    const eq = typeof (condition as { $eq: unknown }).$eq;
    if (
      part &&
      (part.type === 'boolean' ||
        part.enum ||
        (['string', 'number', 'integer'].includes(String(part.type)) && (eq === 'string' || eq === 'number')))
    ) {
      fields.add(field);
    }
  }
  return fields;
}

/**
 * Index order must agree with RxDB's comparator across runs. It does for present values (strings
 * in JS order, numbers, booleans). A missing value is indexed like '' / false / 0 (clamped to the
 * minimum), which the comparator sorts first instead: harmless only on the last sort field before
 * the primary key, whose ties form one run, and for numbers only if 0 clamps to the lowest key.
 */
function orderAgrees<RxDocType>(schema: PlanContext<RxDocType>['schema'], field: string, lastBeforeKey: boolean): boolean {
  if (!field.includes('.') && (schema.required as readonly string[] | undefined)?.includes(field) === true) {
    return true;
  }
  const part = getSchemaByObjectPath(schema as RxJsonSchema<unknown>, field) as { type?: unknown; minimum?: number };
  const numeric = part.type === 'number' || part.type === 'integer';
  return lastBeforeKey && (!numeric || (part.minimum ?? 0) >= 0);
}

/** How the index serves the sort once constant fields are ignored, if at all. */
function orderOf<RxDocType>(
  ctx: PlanContext<RxDocType>,
  query: FilledMangoQuery<RxDocType>,
  index: readonly string[],
  constant: Set<string>,
): ScanOrder {
  const fields = index.filter((field) => !constant.has(field));
  const sort = query.sort.map((part) => Object.entries(part)[0] as [string, 'asc' | 'desc']).filter(([field]) => !constant.has(field));
  const agrees = (field: string, i: number) => field === ctx.table.primaryPath || orderAgrees(ctx.schema, field, i === sort.length - 2);
  if (fields.length !== sort.length || sort.some(([field], i) => field !== fields[i] || !agrees(field, i))) {
    return 'none';
  }
  const last = sort[sort.length - 1];
  // RxDB always ends the sort with the primary key, which makes every index key unique.
  if (!last || last[0] !== ctx.table.primaryPath || last[1] !== 'asc') {
    return 'none';
  }
  const directions = new Set(sort.slice(0, -1).map(([, direction]) => direction));
  if (directions.size > 1) {
    return 'none';
  }
  return directions.has('desc') ? 'reverse-runs' : 'runs';
}

/**
 * For each top-level condition, a range on some index that holds exactly the documents meeting it
 * (together with the _deleted condition, which every index starts with). The conjunction of these
 * ranges is checked in SQL; if every condition has one, SQL alone answers the selector.
 */
function filtersOf<RxDocType>(ctx: PlanContext<RxDocType>, query: FilledMangoQuery<RxDocType>): { filters: IndexRange[]; exact: boolean } {
  const selector = query.selector as Record<string, unknown>;
  const filters: IndexRange[] = [];
  let exact = true;
  for (const field of Object.keys(selector)) {
    // Every index starts with _deleted and every scan is planned with the whole selector, so an
    // $eq on it is already part of the scanned range: a filter would be a 100k-row no-op.
    if (field === '_deleted' && isBooleanEq(selector[field])) {
      continue;
    }
    if (field.startsWith('$') || !indexSemanticsAgree(ctx.schema, field, selector[field])) {
      exact = false;
      continue;
    }
    const range = conditionRange(ctx, query, field, selector[field]);
    if (range) {
      filters.push(range);
      exact &&= !range.widened;
    } else {
      exact = false;
    }
  }
  return { filters, exact };
}

/** A range on some index that holds exactly the documents meeting one condition (and _deleted's). */
function conditionRange<RxDocType>(
  ctx: PlanContext<RxDocType>,
  query: FilledMangoQuery<RxDocType>,
  field: string,
  condition: unknown,
): IndexRange | undefined {
  const selector = query.selector as Record<string, unknown>;
  const sub: Record<string, unknown> = { [field]: condition };
  if (selector._deleted !== undefined) {
    sub._deleted = selector._deleted;
  }
  const subQuery = { ...query, selector: sub } as FilledMangoQuery<RxDocType>;
  for (const index of ctx.table.indexes) {
    if (index.fields.includes(field)) {
      const plan = planFor(ctx.schema, subQuery, index.fields);
      if (plan.selectorSatisfiedByIndex) {
        return rangeOf(ctx.table, plan);
      }
    }
  }
  return undefined;
}

/**
 * Each top-level condition of the selector as the union of index ranges holding exactly its
 * documents, when every condition is an equality ($eq: one range; $in: one per value) on an
 * indexed field of the schema's type, on live or on deleted documents. Undefined otherwise.
 */
export function equalityRanges<RxDocType>(ctx: PlanContext<RxDocType>, query: FilledMangoQuery<RxDocType>): IndexRange[][] | undefined {
  const selector = query.selector as Record<string, unknown>;
  if (!isBooleanEq(selector._deleted)) {
    return undefined;
  }
  const conditions: IndexRange[][] = [];
  for (const field of Object.keys(selector)) {
    if (field === '_deleted') {
      continue;
    }
    if (field.startsWith('$') || field.startsWith('_')) {
      return undefined;
    }
    const values = equalityValues(ctx.schema, field, selector[field]);
    // A long list of values is a set of records (a segment's ids), not a filter bar's choice: one
    // cached set per value would be a bitset of the whole table per record.
    if (!values || values.length > MAX_EQUALITY_VALUES) {
      return undefined;
    }
    const union: IndexRange[] = [];
    for (const value of new Set(values)) {
      const condition = { $eq: value };
      const range = indexSemanticsAgree(ctx.schema, field, condition) ? conditionRange(ctx, query, field, condition) : undefined;
      if (!range || range.widened) {
        return undefined;
      }
      union.push(range);
    }
    conditions.push(union);
  }
  return conditions;
}

/** The values of an `$eq` or `$in` condition (or a bare value) when each has the field's schema type. */
function equalityValues<RxDocType>(schema: PlanContext<RxDocType>['schema'], field: string, condition: unknown): unknown[] | undefined {
  let values: unknown[] | undefined;
  if (typeof condition !== 'object' || condition === null) {
    values = [condition];
  } else {
    const entries = Object.entries(condition);
    if (entries.length !== 1) {
      return undefined;
    }
    const [op, operand] = entries[0] as [string, unknown];
    values = op === '$eq' ? [operand] : op === '$in' && Array.isArray(operand) ? operand : undefined;
  }
  const part = getSchemaByObjectPath(schema as RxJsonSchema<unknown>, field) as { type?: unknown } | undefined;
  const type = part?.type === 'integer' ? 'number' : part?.type;
  if (!values || (type !== 'string' && type !== 'number' && type !== 'boolean')) {
    return undefined;
  }
  return values.every((value) => typeof value === type) ? values : undefined;
}

/** An index whose order serves the query's sort, and the range of it the query reads. */
export type SortScan = {
  readonly scan: IndexRange;
  readonly order: Exclude<ScanOrder, 'none'>;
  /** The range alone selects exactly the matching documents. */
  readonly selectorSatisfied: boolean;
};

/**
 * The scan that serves the sort: RxDB's own index when it does (the memory storage returns that
 * order verbatim), otherwise an index whose order, forwards or backwards, is the sort's: one whose
 * range alone is the selector if there is one, else the first.
 */
export function sortScan<RxDocType>(ctx: PlanContext<RxDocType>, prepared: PreparedQuery<RxDocType>): SortScan | undefined {
  const { query, queryPlan } = prepared;
  if (queryPlan.sortSatisfiedByIndex) {
    const scan = rangeOf(ctx.table, queryPlan);
    return { scan, order: 'index', selectorSatisfied: queryPlan.selectorSatisfiedByIndex && !scan.widened };
  }
  const constant = constantFields(ctx.schema, query.selector as Record<string, unknown>);
  let first: SortScan | undefined;
  for (const index of ctx.table.indexes) {
    const order = orderOf(ctx, query, index.fields, constant);
    if (order === 'none') {
      continue;
    }
    const candidate = planFor(ctx.schema, query, index.fields);
    const scan = rangeOf(ctx.table, candidate);
    const found: SortScan = { scan, order, selectorSatisfied: candidate.selectorSatisfiedByIndex && !scan.widened };
    // An index whose range is the selector too ("one owner's, newest first" on [ownerId, updatedAt]) wins.
    if (found.selectorSatisfied) return found;
    first ??= found;
  }
  return first;
}

function isBooleanEq(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) {
    return false;
  }
  const entries = Object.entries(condition);
  return entries.length === 1 && entries[0]?.[0] === '$eq' && typeof entries[0][1] === 'boolean';
}

/**
 * A missing value is indexed like '' or 0 but never matches a Mango comparison, so a range is
 * trusted as the condition only on required fields, or for $eq to a non-empty string.
 */
function indexSemanticsAgree<RxDocType>(schema: PlanContext<RxDocType>['schema'], field: string, condition: unknown): boolean {
  if ((schema.required as readonly string[] | undefined)?.includes(field) === true) {
    return true;
  }
  if (typeof condition !== 'object' || condition === null) {
    return false;
  }
  const entries = Object.entries(condition);
  return entries.length === 1 && entries[0]?.[0] === '$eq' && typeof entries[0][1] === 'string' && entries[0][1] !== '';
}

/** For count() the order does not matter: SQL counts over the smallest range. */
export function planCount<RxDocType>(ctx: PlanContext<RxDocType>, prepared: PreparedQuery<RxDocType>): ScanPlan {
  const rxdbRange = rangeOf(ctx.table, prepared.queryPlan);
  if (prepared.queryPlan.selectorSatisfiedByIndex && !rxdbRange.widened) {
    return { scan: rxdbRange, order: 'none', filters: [], exact: true };
  }
  const { filters, exact } = filtersOf(ctx, prepared.query);
  return { scan: smallestOf(ctx, [rxdbRange, ...filters]).range, order: 'none', filters, exact };
}

function smallestOf<RxDocType>(ctx: PlanContext<RxDocType>, ranges: readonly IndexRange[]): { range: IndexRange; size: number } {
  return ranges.map((range) => ({ range, size: ctx.estimate(range) })).reduce((a, b) => (b.size < a.size ? b : a));
}

export function planQuery<RxDocType>(ctx: PlanContext<RxDocType>, prepared: PreparedQuery<RxDocType>): ScanPlan {
  const { query, queryPlan } = prepared;
  const rxdbRange = rangeOf(ctx.table, queryPlan);
  // RxDB's plan answers everything by itself: nothing to improve.
  if (queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex) {
    return { scan: rxdbRange, order: 'index', filters: [], exact: !rxdbRange.widened };
  }
  // The memory storage trusts a satisfying range as the selector (a missing value counts as ''
  // there), so the same range is our exact filter whichever index then drives the scan.
  const { filters, exact } = queryPlan.selectorSatisfiedByIndex
    ? { filters: [rxdbRange], exact: !rxdbRange.widened }
    : filtersOf(ctx, query);
  const skip = query.skip ?? 0;
  const wanted = typeof query.limit === 'number' ? skip + query.limit : Infinity;

  const smallest = smallestOf(ctx, [rxdbRange, ...filters]);
  const resultSize = Math.max(1, smallest.size);
  // Unordered: read the smallest range, parse what passes the SQL filters, sort.
  const unordered: ScanPlan = { scan: smallest.range, order: 'none', filters, exact };
  let unorderedCost = smallest.size + PARSE_COST * resultSize;
  // An ordered scan may read its whole range before it finds `wanted` matches: its size must not
  // be taken as ESTIMATE_CAP. Beyond the cap it is unknown, so it is sized as the whole table:
  // a selective filter (one owner's accounts) sorted by a column with no index of its own
  // would otherwise walk the whole index, seeking each table row, to find a handful of matches.
  let rows: number | undefined;
  const orderedSize = (range: IndexRange): number => {
    const counted = ctx.estimate(range);
    return counted < ESTIMATE_CAP ? counted : Math.max(counted, (rows ??= ctx.rowsAtMost()));
  };
  // Once an ordered scan is priced from a probe, so is the unordered plan: the smallest range is
  // counted whole and the share of it that passes the other filters is probed, since beyond
  // ESTIMATE_CAP the estimates no longer tell a range of a few thousand matches from one ten times
  // larger, all of which the unordered plan parses.
  let refined = false;
  const refineUnordered = (): void => {
    if (refined || !ctx.probe || !ctx.count || smallest.size < ESTIMATE_CAP) return;
    refined = true;
    const size = ctx.count(smallest.range);
    const others = filters.filter((filter) => !sameRange(filter, smallest.range));
    const share =
      others.length === 0 ? 1 : Math.max(ctx.probe(smallest.range, others, false, PROBE_ENTRIES), 0.5) / Math.min(PROBE_ENTRIES, size);
    unorderedCost = size + PARSE_COST * size * share;
  };
  // An ordered scan whose filters SQL checks row by row finds its matches at the density they
  // have along the sort order, which the filters' own sizes cannot tell: filters that go with the
  // sort column (regions and cities, tiers and head counts) put their matches far down the index.
  // ("active accounts in Latin America, by city" priced as if region and city were independent
  // walks most of the table). So the density is counted on the first PROBE_ENTRIES entries of the
  // scan instead.
  const orderedCost = (scan: IndexRange, scanFilters: readonly IndexRange[], descending: boolean, scanExact: boolean): number => {
    const size = orderedSize(scan);
    const checked = scanFilters.filter((filter) => !sameRange(filter, scan));
    // Every entry of an exact scan with nothing left to check is a match: the walk reads `wanted`
    // of them ("every contact, most recently changed first"), whatever the estimates say.
    if (checked.length === 0 && scanExact && Number.isFinite(wanted)) return Math.min(size, wanted) * (1 + PARSE_COST);
    if (!ctx.probe || checked.length === 0 || !Number.isFinite(wanted) || size <= PROBE_ENTRIES) {
      return costOfOrdered(size, resultSize, wanted);
    }
    refineUnordered();
    const found = ctx.probe(scan, checked, descending, PROBE_ENTRIES);
    // None found: fewer than one in PROBE_ENTRIES, priced as half of one.
    const density = Math.max(found, 0.5) / PROBE_ENTRIES;
    return Math.min(size, wanted / density) + PARSE_COST * Math.min(wanted, resultSize);
  };

  const ordered: Array<{ readonly plan: ScanPlan; readonly cost: number }> = [];
  if (queryPlan.sortSatisfiedByIndex) {
    ordered.push({ plan: { scan: rxdbRange, order: 'index', filters, exact }, cost: orderedCost(rxdbRange, filters, false, exact) });
  }
  const constant = constantFields(ctx.schema, query.selector as Record<string, unknown>);
  for (const index of ctx.table.indexes) {
    const order = orderOf(ctx, query, index.fields, constant);
    if (order === 'none' || (order === 'runs' && queryPlan.sortSatisfiedByIndex)) {
      continue;
    }
    const candidate = planFor(ctx.schema, query, index.fields);
    const scan = rangeOf(ctx.table, candidate);
    // A range that satisfies the selector by itself needs no filters (and is exact).
    const plan: ScanPlan =
      candidate.selectorSatisfiedByIndex && !scan.widened ? { scan, order, filters: [], exact: true } : { scan, order, filters, exact };
    ordered.push({ plan, cost: orderedCost(scan, plan.filters, order === 'reverse-runs', plan.exact) });
  }
  // RxDB's own index plan, when it serves the sort, is never traded for the unordered one: the
  // memory storage returns that index's order verbatim, ties of missing and empty values included.
  const [first] = ordered;
  let best = queryPlan.sortSatisfiedByIndex && first ? first.plan : unordered;
  let bestCost = queryPlan.sortSatisfiedByIndex && first ? first.cost : unorderedCost;
  for (const { plan, cost } of ordered) {
    if (cost < bestCost) {
      best = plan;
      bestCost = cost;
    }
  }
  return best;
}

/** An ordered scan reads about `wanted` matches, spread over its range at the result's density. */
function costOfOrdered(scanSize: number, resultSize: number, wanted: number): number {
  if (!Number.isFinite(wanted)) {
    return scanSize + PARSE_COST * resultSize;
  }
  return Math.min(scanSize, (wanted * scanSize) / resultSize) + PARSE_COST * Math.min(wanted, resultSize);
}
