import { getQueryMatcher, getSortComparator } from 'rxdb/plugins/core';
import type { PreparedQuery, RxDocumentData, RxJsonSchema } from 'rxdb/plugins/core';
import type { SqliteStatements } from './sqlite-statements';
import type { SqliteTable } from './sqlite-table';

export type IndexRange = {
  readonly column: string;
  readonly lower: string;
  readonly upper: string;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
};

/**
 * Turns RxDB's query plan into a range over one index column. The bounds are built by the same
 * helpers the memory storage uses, so both storages scan exactly the same slice of the index.
 */
export function indexRangeOf<RxDocType>(
  schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
  table: SqliteTable<RxDocType>,
  preparedQuery: PreparedQuery<RxDocType>,
): IndexRange {
  const plan = preparedQuery.queryPlan;
  const index = table.indexByKey.get(plan.index.join(','));
  if (!index) {
    throw new Error(`SQLite storage: index [${plan.index.join(', ')}] is not declared in the schema of ${table.name}`);
  }
  return {
    column: index.column,
    lower: index.codec.lowerKey(plan.startKeys),
    upper: index.codec.upperKey(plan.endKeys),
    inclusiveStart: plan.inclusiveStart,
    inclusiveEnd: plan.inclusiveEnd,
  };
}

type QueryContext<RxDocType> = {
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly table: SqliteTable<RxDocType>;
  readonly statements: SqliteStatements<RxDocType>;
};

/** SQLite reads LIMIT -1 as "no limit". */
function sqlLimit(limit: number): number {
  return Number.isFinite(limit) ? limit : -1;
}

export function runQuery<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): RxDocumentData<RxDocType>[] {
  const { query, queryPlan } = preparedQuery;
  const skip = query.skip ?? 0;
  const limit = typeof query.limit === 'number' ? query.limit : Infinity;
  const range = indexRangeOf(ctx.schema, ctx.table, preparedQuery);
  const bounds = [range.lower, range.upper] as const;
  const mode = (m: 'rows' | 'page') => ctx.statements.range(range.column, range.inclusiveStart, range.inclusiveEnd, m);

  // The index yields exactly the result in the right order: let SQLite do skip and limit.
  if (queryPlan.selectorSatisfiedByIndex && queryPlan.sortSatisfiedByIndex) {
    const rows = mode('page').all(...bounds, sqlLimit(limit), skip) as string[];
    return rows.map((data) => JSON.parse(data) as RxDocumentData<RxDocType>);
  }

  const matches = queryPlan.selectorSatisfiedByIndex ? undefined : getQueryMatcher(ctx.schema, query);
  const wanted = skip + limit;
  if (queryPlan.sortSatisfiedByIndex) {
    // Rows arrive in result order: stop streaming as soon as skip + limit matched.
    const found: RxDocumentData<RxDocType>[] = [];
    if (wanted > 0) {
      for (const data of mode('rows').iterate(...bounds) as IterableIterator<string>) {
        const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
        if (!matches || matches(doc)) {
          found.push(doc);
          if (found.length >= wanted) {
            break;
          }
        }
      }
    }
    return found.slice(skip, wanted);
  }

  // Sort not served by the index: stream the range and keep only the best skip + limit rows.
  const compare = getSortComparator(ctx.schema, query);
  const best = new BoundedSortedList<RxDocumentData<RxDocType>>(wanted, compare);
  for (const data of mode('rows').iterate(...bounds) as IterableIterator<string>) {
    const doc = JSON.parse(data) as RxDocumentData<RxDocType>;
    if (!matches || matches(doc)) {
      best.add(doc);
    }
  }
  return best.sorted().slice(skip, wanted);
}

/** Same semantics as the memory storage: skip and limit are ignored, only the selector counts. */
export function runCount<RxDocType>(ctx: QueryContext<RxDocType>, preparedQuery: PreparedQuery<RxDocType>): number {
  const range = indexRangeOf(ctx.schema, ctx.table, preparedQuery);
  const bounds = [range.lower, range.upper] as const;
  if (preparedQuery.queryPlan.selectorSatisfiedByIndex) {
    return ctx.statements.range(range.column, range.inclusiveStart, range.inclusiveEnd, 'count').get(...bounds) as number;
  }
  const matches = getQueryMatcher(ctx.schema, preparedQuery.query);
  let count = 0;
  const rows = ctx.statements.range(range.column, range.inclusiveStart, range.inclusiveEnd, 'rows').iterate(...bounds);
  for (const data of rows as IterableIterator<string>) {
    if (matches(JSON.parse(data) as RxDocumentData<RxDocType>)) {
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
