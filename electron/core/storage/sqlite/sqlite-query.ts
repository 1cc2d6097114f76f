import { getQueryMatcher, getSortComparator } from 'rxdb/plugins/core';
import type { PreparedQuery, RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { facetCount, facetQuery } from './sqlite-facet-query';
import type { FacetCache } from './sqlite-facets';
import { MAX_KEY } from './index-key';
import { planCount, planQuery } from './sqlite-plan';
import type { PlanContext, ScanPlan } from './sqlite-plan';
import type { SqliteStatements } from './sqlite-statements';
import type { SqliteTable } from './sqlite-table';

export type QueryContext<RxDocType> = {
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly table: SqliteTable<RxDocType>;
  readonly statements: SqliteStatements<RxDocType>;
  /** Rowid sets of equality conditions (sqlite-facets.ts); without it every query is planned in SQL. */
  readonly facets?: FacetCache;
};

type Doc<RxDocType> = RxDocumentData<RxDocType>;

function planContext<RxDocType>(ctx: QueryContext<RxDocType>): PlanContext<RxDocType> {
  const { statements } = ctx;
  return {
    schema: ctx.schema,
    table: ctx.table,
    estimate: (range) => statements.estimate(range),
    rowsAtMost: () => statements.rowsAtMost(),
    probe: (scan, filters, descending, entries) => statements.probe(scan, filters, descending, entries),
    count: (range) => statements.count(range),
  };
}

/** SQLite reads LIMIT -1 as "no limit". */
function sqlLimit(limit: number): number {
  return Number.isFinite(limit) ? limit : -1;
}

function parse<RxDocType>(data: string): Doc<RxDocType> {
  return JSON.parse(data) as Doc<RxDocType>;
}

export function runQuery<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): Doc<RxDocType>[] {
  if (ctx.facets) {
    const page = facetQuery({ ...planContext(ctx), statements: ctx.statements, facets: ctx.facets }, preparedQuery);
    if (page) return page;
  }
  const { query } = preparedQuery;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const wanted = skip + limit;
  const plan = planQuery(planContext(ctx), preparedQuery);
  const matches = plan.exact ? undefined : getQueryMatcher(ctx.schema, query);
  // An ordered scan with a limit stops after its window; anything else reads the whole range.
  const filterBy = Number.isFinite(wanted) && plan.order !== 'none' ? 'columns' : 'sets';

  if (plan.order === 'index') {
    const primaryPath = ctx.table.primaryPath;
    if (!matches) {
      const page = indexPage(ctx, plan, { skip, limit, filterBy });
      if (page) {
        return page;
      }
    }
    // Rows arrive in result order but for runs of equal (truncated) keys, which are ordered by id.
    const byId = (a: Doc<RxDocType>, b: Doc<RxDocType>) => compareIds(a[primaryPath] as string, b[primaryPath] as string);
    return scanRuns(ctx, plan, { skip, wanted, matches, compare: byId, filterBy, runOf: (key) => key });
  }

  const compare = getSortComparator(ctx.schema, query);
  if (plan.order === 'runs' || plan.order === 'reverse-runs') {
    const codec = plan.scan.index.codec;
    const runOf = (key: string, id: string) => codec.sortPrefix(key, id);
    if (!matches && skip > 0) {
      const page = runPage(ctx, plan, { skip, limit, filterBy }, runOf, compare);
      if (page) return page;
    }
    return scanRuns(ctx, plan, {
      skip,
      wanted,
      matches,
      compare,
      filterBy,
      runOf,
      byIdWithin: codec.prefixIsDistinct,
    });
  }

  // Sort not served by any index: stream the range and keep only the best skip + limit rows.
  const best = new BoundedSortedList<Doc<RxDocType>>(wanted, compare);
  const { stmt, params } = ctx.statements.scan(plan, 'rows', filterBy);
  for (const data of stmt.iterate(...params) as IterableIterator<string>) {
    const doc = parse<RxDocType>(data);
    if (!matches || matches(doc)) {
      best.add(doc);
    }
  }
  return best.sorted().slice(skip, wanted);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `id, key, data` of one index entry, as the 'runs' and 'keyed-page' scans return them. */
type KeyedRow = [id: string, key: string, data: string];

type PageWindow = {
  readonly skip: number;
  readonly limit: number;
  readonly filterBy: 'sets' | 'columns';
};

/**
 * An 'index'-ordered page when SQL alone decides the matches: SQL applies LIMIT and OFFSET (a deep
 * page costs no parsing), with one row either side of the window to see whether a run of equal
 * keys (see index-key.ts: truncated ids) crosses its edge; then, and only then, the caller
 * falls back to scanRuns. Runs inside the window are ordered by id here.
 */
function indexPage<RxDocType>(ctx: QueryContext<RxDocType>, plan: ScanPlan, window: PageWindow): Doc<RxDocType>[] | undefined {
  const { skip, limit, filterBy } = window;
  if (limit <= 0) {
    return [];
  }
  const before = skip > 0 ? 1 : 0;
  const { stmt, params } = ctx.statements.scan(plan, 'keyed-page', filterBy);
  const rows = stmt.all(...params, sqlLimit(limit + before + 1), skip - before) as KeyedRow[];
  const lead = before > 0 ? rows.shift() : undefined;
  const page = Number.isFinite(limit) ? rows.slice(0, limit) : rows;
  const next = Number.isFinite(limit) ? rows[limit] : undefined;
  const first = page[0];
  const last = page[page.length - 1];
  if ((lead && first && lead[1] === first[1]) || (next && last && next[1] === last[1])) {
    return undefined;
  }
  const out: Doc<RxDocType>[] = [];
  let run: KeyedRow[] = [];
  const flush = (): void => {
    if (run.length > 1) run.sort((a, b) => compareIds(a[0], b[0]));
    for (const [, , data] of run) out.push(parse<RxDocType>(data));
    run = [];
  };
  for (const row of page) {
    if (run.length > 0 && (run[0] as KeyedRow)[1] !== row[1]) flush();
    run.push(row);
  }
  flush();
  return out;
}

/**
 * A deep page of a 'runs' or 'reverse-runs' scan when SQL alone decides the matches: SQL skips the
 * rows before the window with OFFSET (their documents are not read, as a walk in scanRuns would
 * read them), with one row either side to see whether a run of tied sort keys crosses an edge of
 * the window; then, and only then, the caller falls back to scanRuns. Each run inside the window
 * is sorted with the query's comparator ("one owner's accounts, newest first, page 4").
 */
function runPage<RxDocType>(
  ctx: QueryContext<RxDocType>,
  plan: ScanPlan,
  window: PageWindow,
  runOf: (key: string, id: string) => string,
  compare: (a: Doc<RxDocType>, b: Doc<RxDocType>) => number,
): Doc<RxDocType>[] | undefined {
  const { skip, limit, filterBy } = window;
  if (limit <= 0) return [];
  if (!Number.isFinite(limit)) return undefined;
  const before = skip > 0 ? 1 : 0;
  const { stmt, params } = ctx.statements.scan(plan, 'keyed-page', filterBy, plan.order === 'reverse-runs');
  const rows = stmt.all(...params, limit + before + 1, skip - before) as KeyedRow[];
  const lead = before > 0 ? rows.shift() : undefined;
  const page = rows.slice(0, limit);
  const next = rows[limit];
  const first = page[0];
  const last = page[page.length - 1];
  const runKey = (row: KeyedRow) => runOf(row[1], row[0]);
  if ((lead && first && runKey(lead) === runKey(first)) || (next && last && runKey(next) === runKey(last))) {
    return undefined;
  }
  const out: Doc<RxDocType>[] = [];
  let run: KeyedRow[] = [];
  const flush = (): void => {
    const docs = run.map(([, , data]) => parse<RxDocType>(data));
    if (docs.length > 1) docs.sort(compare);
    out.push(...docs);
    run = [];
  };
  for (const row of page) {
    if (run.length > 0 && runKey(run[0] as KeyedRow) !== runKey(row)) flush();
    run.push(row);
  }
  flush();
  return out;
}

type RunWindow<RxDocType> = {
  readonly skip: number;
  readonly wanted: number;
  readonly matches: ((doc: Doc<RxDocType>) => boolean) | undefined;
  readonly compare: (a: Doc<RxDocType>, b: Doc<RxDocType>) => number;
  readonly filterBy: 'sets' | 'columns';
  /** What the rows of one run share: the whole key, or the key without its id part. */
  readonly runOf: (key: string, id: string) => string;
  /**
   * Whether the comparator orders a run with this key by id alone (index-key.ts,
   * prefixIsDistinct): its rows are then sorted by id and only those the window needs are parsed.
   */
  readonly byIdWithin?: (key: string) => boolean;
};

/**
 * Reads the index forwards or backwards. Rows whose run identity (`runOf`) is equal are ties:
 * of the sort fields (or values RxDB's comparator tells apart but the index does not, such as a
 * missing string and ''), or of a truncated id. Each run is collected whole and sorted with
 * `compare`; between runs the index order is the result order. Runs wholly before `skip` are
 * counted, not parsed, when SQL alone decides the matches.
 */
function scanRuns<RxDocType>(ctx: QueryContext<RxDocType>, plan: ScanPlan, window: RunWindow<RxDocType>): Doc<RxDocType>[] {
  const { skip, wanted, matches, compare, filterBy, runOf, byIdWithin } = window;
  const out: Doc<RxDocType>[] = [];
  if (wanted <= 0) {
    return out;
  }
  let skipped = 0;
  let run: [string, string][] = [];
  let runPrefix: string | undefined;
  let runKey = '';
  const flush = (): void => {
    if (!matches && skipped + run.length <= skip - out.length) {
      skipped += run.length;
    } else if (!matches && run.length > 1 && byIdWithin?.(runKey)) {
      // A long run of one value (a country, an industry): only the rows the window still needs.
      run.sort((a, b) => compareIds(a[0], b[0]));
      for (const [, data] of run.slice(0, wanted - skipped - out.length)) out.push(parse<RxDocType>(data));
    } else {
      const docs = run.map(([, data]) => parse<RxDocType>(data)).filter((doc) => !matches || matches(doc));
      out.push(...docs.sort(compare));
    }
    run = [];
  };
  const descending = plan.order === 'reverse-runs';
  let runChecked = false;
  const { stmt, params } = ctx.statements.scan(plan, 'runs', filterBy, descending);
  for (const row of stmt.iterate(...params) as IterableIterator<KeyedRow>) {
    const [id, key, data] = row;
    const prefix = runOf(key, id);
    if (prefix !== runPrefix) {
      flush();
      if (skipped + out.length >= wanted) {
        break;
      }
      runPrefix = prefix;
      runKey = key;
      runChecked = false;
    }
    run.push([id, data]);
    if (descending && !runChecked && run.length > LONG_RUN && !matches && byIdWithin?.(runKey)) {
      runChecked = true;
      const head = runHead(ctx, plan, filterBy, prefix, wanted - skipped - out.length, skip - skipped - out.length);
      if (head) {
        run = [];
        out.push(...head);
        break;
      }
    }
  }
  flush();
  const from = Math.max(0, skip - skipped);
  return out.slice(from, from + (wanted - skip));
}

/**
 * A run longer than this, met walking backwards, is read from its start instead (see runHead).
 * Seeded and imported records share one `updatedAt` by the ten thousand: "newest first" then
 * meets a run of the whole collection before its first page is full.
 */
const LONG_RUN = 256;

/**
 * The first `need` rows (by id) of the run with key prefix `prefix`, when the window wants that
 * many of it: walking backwards, a run ordered by id comes last-first, and reading all of it to
 * keep its first rows would read up to the whole table. Undefined when the window skips the run
 * whole (`skipLeft` rows still to skip: the caller reads on backwards) — told by counting the run
 * in its index, no table row read.
 */
function runHead<RxDocType>(
  ctx: QueryContext<RxDocType>,
  plan: ScanPlan,
  filterBy: 'sets' | 'columns',
  prefix: string,
  need: number,
  skipLeft: number,
): Doc<RxDocType>[] | undefined {
  const scan = plan.scan;
  const upper = prefix + MAX_KEY;
  const lowerInside = prefix > scan.lower;
  const upperInside = upper < scan.upper;
  const run: ScanPlan = {
    ...plan,
    scan: {
      ...scan,
      lower: lowerInside ? prefix : scan.lower,
      inclusiveStart: lowerInside || scan.inclusiveStart,
      upper: upperInside ? upper : scan.upper,
      inclusiveEnd: upperInside || scan.inclusiveEnd,
    },
  };
  if (skipLeft > 0) {
    const counted = ctx.statements.scan(run, 'count', filterBy);
    if ((counted.stmt.get(...counted.params) as number) <= skipLeft) return undefined;
  }
  // Forwards the run is in id order but for equal (truncated) keys: read on to the end of the
  // last row's key, then order by the full id.
  const rows: KeyedRow[] = [];
  const { stmt, params } = ctx.statements.scan(run, 'runs', filterBy, false);
  for (const row of stmt.iterate(...params) as IterableIterator<KeyedRow>) {
    if (rows.length >= need && row[1] !== (rows[rows.length - 1] as KeyedRow)[1]) break;
    rows.push(row);
  }
  rows.sort((a, b) => compareIds(a[0], b[0]));
  return rows.slice(0, need).map(([, , data]) => parse<RxDocType>(data));
}

/** Same semantics as the memory storage: skip and limit are ignored, only the selector counts. */
export function runCount<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): number {
  if (ctx.facets) {
    const count = facetCount({ ...planContext(ctx), statements: ctx.statements, facets: ctx.facets }, preparedQuery);
    if (count !== undefined) return count;
  }
  const plan = planCount(planContext(ctx), preparedQuery);
  if (plan.exact) {
    const { stmt, params } = ctx.statements.scan(plan, 'count', 'sets');
    return stmt.get(...params) as number;
  }
  const matches = getQueryMatcher(ctx.schema, preparedQuery.query);
  let count = 0;
  const { stmt, params } = ctx.statements.scan(plan, 'rows', 'sets');
  for (const data of stmt.iterate(...params) as IterableIterator<string>) {
    if (matches(parse<RxDocType>(data))) {
      count++;
    }
  }
  return count;
}

/**
 * Keeps the `capacity` smallest items under `compare`, so a sorted page needs memory for about
 * twice the page, not for the whole matching set: the buffer is sorted and cut back whenever it
 * doubles (amortised O(n log k)). The comparator is total (RxDB always sorts by the primary key
 * last), so cutting cannot reorder ties.
 */
export class BoundedSortedList<T> {
  private items: T[] = [];

  constructor(
    private readonly capacity: number,
    private readonly compare: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    if (this.capacity <= 0) {
      return;
    }
    this.items.push(item);
    if (this.items.length >= this.capacity * 2 + 32) {
      this.compact();
    }
  }

  sorted(): T[] {
    this.compact();
    return this.items;
  }

  private compact(): void {
    this.items.sort(this.compare);
    if (this.items.length > this.capacity) {
      this.items.length = this.capacity;
    }
  }
}
