import { getQueryMatcher, getSortComparator } from 'rxdb/plugins/core';
import type { PreparedQuery, RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import { encodeStringPart } from './index-key';
import { planCount, planQuery } from './sqlite-plan';
import type { PlanContext, ScanPlan } from './sqlite-plan';
import type { SqliteStatements } from './sqlite-statements';
import type { SqliteTable } from './sqlite-table';

export type QueryContext<RxDocType> = {
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly table: SqliteTable<RxDocType>;
  readonly statements: SqliteStatements<RxDocType>;
};

type Doc<RxDocType> = RxDocumentData<RxDocType>;

function planContext<RxDocType>(ctx: QueryContext<RxDocType>): PlanContext<RxDocType> {
  return { schema: ctx.schema, table: ctx.table, estimate: (range) => ctx.statements.estimate(range) };
}

/** SQLite reads LIMIT -1 as "no limit". */
function sqlLimit(limit: number): number {
  return Number.isFinite(limit) ? limit : -1;
}

function parse<RxDocType>(data: string): Doc<RxDocType> {
  return JSON.parse(data) as Doc<RxDocType>;
}

export function runQuery<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): Doc<RxDocType>[] {
  const { query } = preparedQuery;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const wanted = skip + limit;
  const plan = planQuery(planContext(ctx), preparedQuery);
  const matches = plan.exact ? undefined : getQueryMatcher(ctx.schema, query);
  // An ordered scan with a limit stops after its window; anything else reads the whole range.
  const filterBy = Number.isFinite(wanted) && plan.order !== 'none' ? 'columns' : 'sets';

  if (plan.order === 'index') {
    if (!matches) {
      const { stmt, params } = ctx.statements.scan(plan, 'page', filterBy);
      return (stmt.all(...params, sqlLimit(limit), skip) as string[]).map((data) => parse<RxDocType>(data));
    }
    // Rows arrive in result order: stop streaming as soon as skip + limit matched.
    const found: Doc<RxDocType>[] = [];
    if (wanted > 0) {
      const { stmt, params } = ctx.statements.scan(plan, 'rows', filterBy);
      for (const data of stmt.iterate(...params) as IterableIterator<string>) {
        const doc = parse<RxDocType>(data);
        if (matches(doc) && found.push(doc) >= wanted) {
          break;
        }
      }
    }
    return found.slice(skip, wanted);
  }

  const compare = getSortComparator(ctx.schema, query);
  if (plan.order === 'runs' || plan.order === 'reverse-runs') {
    return scanRuns(ctx, plan, { skip, wanted, matches, compare, filterBy });
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

type RunWindow<RxDocType> = {
  readonly skip: number;
  readonly wanted: number;
  readonly matches: ((doc: Doc<RxDocType>) => boolean) | undefined;
  readonly compare: (a: Doc<RxDocType>, b: Doc<RxDocType>) => number;
  readonly filterBy: 'sets' | 'columns';
};

/**
 * Reads the index forwards or backwards. Keys that are equal up to the primary key are ties of
 * the sort fields (or values RxDB's comparator tells apart but the index does not, such as a
 * missing string and ''), so each such run is collected whole and sorted with the comparator;
 * between runs the index order is the result order. Runs wholly before `skip` are counted, not
 * parsed, when SQL alone decides the matches.
 */
function scanRuns<RxDocType>(ctx: QueryContext<RxDocType>, plan: ScanPlan, window: RunWindow<RxDocType>): Doc<RxDocType>[] {
  const { skip, wanted, matches, compare, filterBy } = window;
  const out: Doc<RxDocType>[] = [];
  if (wanted <= 0) {
    return out;
  }
  let skipped = 0;
  let run: [string, string][] = [];
  let runPrefix: string | undefined;
  const flush = (): void => {
    if (!matches && skipped + run.length <= skip - out.length) {
      skipped += run.length;
    } else {
      const docs = run.map(([, data]) => parse<RxDocType>(data)).filter((doc) => !matches || matches(doc));
      out.push(...docs.sort(compare));
    }
    run = [];
  };
  const { stmt, params } = ctx.statements.scan(plan, 'runs', filterBy, plan.order === 'reverse-runs');
  for (const row of stmt.iterate(...params) as IterableIterator<[string, string, string]>) {
    const [id, key, data] = row;
    const prefix = key.slice(0, key.length - encodeStringPart(id).length);
    if (prefix !== runPrefix) {
      flush();
      if (skipped + out.length >= wanted) {
        break;
      }
      runPrefix = prefix;
    }
    run.push([id, data]);
  }
  flush();
  const from = Math.max(0, skip - skipped);
  return out.slice(from, from + (wanted - skip));
}

/** Same semantics as the memory storage: skip and limit are ignored, only the selector counts. */
export function runCount<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): number {
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
