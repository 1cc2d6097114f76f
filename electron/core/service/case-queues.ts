import type { CaseListParams, CaseQueue, CaseQueueCounts } from '../../../shared/contract/service/cases-requests';
import { CASE_QUEUES } from '../../../shared/contract/service/cases-requests';
import type { Actor } from '../customers/record-store';
import { createSortedList, type SortedList } from './case-order';
import { ORDER_COMPARATORS, PATCH_LIMIT, type CaseProjection, type CaseRow, type CaseRowChange } from './case-projection';
import type { SlaReference } from './sla-reference';

/** The `breaching` queue looks this far ahead of now. */
export const BREACHING_WITHIN_MS = 24 * 3_600_000;

type ListQuery = Required<Pick<CaseListParams, 'queue' | 'filter' | 'sort'>>;
type Due = { readonly row: CaseRow; readonly at: number };

export const isOpenCase = (row: Pick<CaseRow, 'status'>): boolean => row.status !== 'resolved' && row.status !== 'closed';

export type CaseQueues = {
  /**
   * One window of the query's queue and filters in list order (the `breaching` queue: soonest
   * deadline first), with how many cases match in all.
   */
  select(
    query: ListQuery,
    actor: Actor,
    ref: SlaReference,
    now: number,
    window: { readonly offset: number; readonly limit: number },
  ): Promise<{ readonly rows: ReadonlyArray<CaseRow>; readonly total: number }>;
  counts(actor: Actor, ref: SlaReference, now: number): Promise<CaseQueueCounts>;
  /** The case's SLA deadline under `ref` (undefined: paused short of its targets, finished or no policy). */
  deadline(row: CaseRow, ref: SlaReference): Promise<number | undefined>;
};

/** How many answers of other queries to keep per projection version (tabs, filters, sorts in use). */
const CACHE_SIZE = 64;

/**
 * Queue views answered from the case projection: orders are kept sorted by the projection, and the
 * `breaching` queue reads open cases sorted by their SLA deadline, which does not move with time, so
 * it is computed once per case and policy set and patched when a case changes.
 */
export function createCaseQueues(projection: CaseProjection): CaseQueues {
  let dueRef: SlaReference | undefined;
  let dueList: SortedList<Due> | undefined;
  const dueById = new Map<string, Due>();
  // Answers of recent queries, patched with every change (a write moves one case, never a rescan).
  const cache = new Map<string, { readonly matches: (row: CaseRow) => boolean; readonly list: SortedList<CaseRow> }>();
  let counted:
    | {
        key: string;
        tests: ReadonlyArray<readonly [Exclude<CaseQueue, 'breaching'>, (row: CaseRow) => boolean]>;
        counts: Record<Exclude<CaseQueue, 'breaching'>, number>;
      }
    | undefined;

  const compareDue = (a: Due, b: Due): number => a.at - b.at || (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0);
  const dueEntry = (row: CaseRow, ref: SlaReference): Due | undefined => {
    if (!isOpenCase(row)) return undefined;
    const at = ref.deadlineOf(row, row.tier);
    return at === undefined ? undefined : { row, at };
  };

  projection.subscribe((changes: ReadonlyArray<CaseRowChange>) => {
    if (changes.length > PATCH_LIMIT) {
      cache.clear();
      counted = undefined;
    }
    for (const { before, after } of changes) {
      for (const { matches, list } of cache.values()) {
        if (before && matches(before)) list.remove(before);
        if (after && matches(after)) list.insert(after);
      }
      if (counted) {
        for (const [queue, test] of counted.tests)
          counted.counts[queue] += (after && test(after) ? 1 : 0) - (before && test(before) ? 1 : 0);
      }
    }
    if (!dueRef || !dueList) return;
    for (const { before, after } of changes) {
      const old = before ? dueById.get(before.id) : undefined;
      if (old) {
        dueList.remove(old);
        dueById.delete(old.row.id);
      }
      const next = after ? dueEntry(after, dueRef) : undefined;
      if (next) {
        dueList.insert(next);
        dueById.set(next.row.id, next);
      }
    }
  });

  const dueOrder = async (ref: SlaReference): Promise<ReadonlyArray<Due>> => {
    if (dueRef !== ref || !dueList) {
      dueById.clear();
      for (const row of await projection.rows()) {
        const entry = dueEntry(row, ref);
        if (entry) dueById.set(row.id, entry);
      }
      dueList = createSortedList(compareDue, dueById.values());
      dueRef = ref;
    }
    return dueList.items;
  };

  return {
    async select(query, actor, ref, now, { offset, limit }) {
      await projection.ready();
      const matches = predicate(query, actor);
      if (query.queue === 'breaching') {
        const due = await dueOrder(ref);
        const within = upperBound(due, now + BREACHING_WITHIN_MS);
        // Every deadline belongs to an open case: without filters the queue is a prefix of the order.
        if (!hasFilter(query.filter)) return { rows: due.slice(offset, Math.min(within, offset + limit)).map((d) => d.row), total: within };
        const out: CaseRow[] = [];
        for (let i = 0; i < within; i++) {
          const row = (due[i] as Due).row;
          if (matches(row)) out.push(row);
        }
        return { rows: out.slice(offset, offset + limit), total: out.length };
      }
      const ordered = projection.ordered(query.sort.field, query.queue === 'all' ? undefined : 'open');
      const descending = query.sort.direction === 'desc';
      if (query.queue === 'all' && !hasFilter(query.filter)) {
        const rows = descending
          ? ordered.slice(Math.max(0, ordered.length - offset - limit), Math.max(0, ordered.length - offset)).reverse()
          : ordered.slice(offset, offset + limit);
        return { rows, total: ordered.length };
      }
      const key = JSON.stringify([query, actor.ownerId, actor.teamId]);
      let entry = cache.get(key);
      // Least recently used goes first: a hit moves to the end.
      if (entry) cache.delete(key);
      else {
        const found: CaseRow[] = [];
        if (!descending) {
          for (const row of ordered) if (matches(row)) found.push(row);
        } else {
          for (let i = ordered.length - 1; i >= 0; i--) {
            const row = ordered[i] as CaseRow;
            if (matches(row)) found.push(row);
          }
        }
        const compare = ORDER_COMPARATORS[query.sort.field];
        const inOrder = descending ? (a: CaseRow, b: CaseRow) => compare(b, a) : compare;
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        entry = { matches, list: createSortedList(inOrder, found, true) };
      }
      cache.set(key, entry);
      return { rows: entry.list.items.slice(offset, offset + limit), total: entry.list.items.length };
    },

    async counts(actor, ref, now) {
      await projection.ready();
      const key = `${actor.ownerId}|${actor.teamId}`;
      if (counted?.key !== key) {
        const tests = CASE_QUEUES.filter((q) => q !== 'breaching').map((queue) => [queue, queueTest(queue, actor)] as const);
        const counts = Object.fromEntries(tests.map(([queue]) => [queue, 0])) as Record<Exclude<CaseQueue, 'breaching'>, number>;
        for (const row of await projection.rows()) for (const [queue, test] of tests) if (test(row)) counts[queue]++;
        counted = { key, tests, counts };
      }
      const due = await dueOrder(ref);
      return { ...counted.counts, breaching: upperBound(due, now + BREACHING_WITHIN_MS) };
    },

    async deadline(row, ref) {
      await dueOrder(ref);
      const entry = dueById.get(row.id);
      return entry?.row === row ? entry.at : dueEntry(row, ref)?.at;
    },
  };
}

function hasFilter(filter: ListQuery['filter']): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}

/** How many deadlines are at or before `at`. */
function upperBound(due: ReadonlyArray<Due>, at: number): number {
  let lo = 0;
  let hi = due.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((due[mid] as Due).at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Membership of a queue without filters (the `breaching` queue's deadline test is the caller's). */
function queueTest(queue: CaseQueue, actor: Actor): (row: CaseRow) => boolean {
  switch (queue) {
    case 'mine':
      return (row) => row.assigneeId === actor.ownerId && isOpenCase(row);
    case 'team_unassigned':
      return (row) => row.assigneeId === undefined && row.teamId === actor.teamId && isOpenCase(row);
    case 'escalated':
      return (row) => row.status === 'escalated';
    case 'waiting':
      return (row) => row.status === 'pending_customer';
    case 'breaching':
    case 'open':
      return isOpenCase;
    case 'all':
      return () => true;
  }
}

function predicate(query: ListQuery, actor: Actor): (row: CaseRow) => boolean {
  const inQueue = queueTest(query.queue, actor);
  const f = query.filter;
  const status = f.status ? new Set<string>(f.status) : undefined;
  const priority = f.priority ? new Set<string>(f.priority) : undefined;
  const channel = f.channel ? new Set<string>(f.channel) : undefined;
  const category = f.category ? new Set<string>(f.category) : undefined;
  const assignee = f.assigneeId ? new Set<string>(f.assigneeId) : undefined;
  const accountId = f.accountId;
  return (row) =>
    inQueue(row) &&
    (!status || status.has(row.status)) &&
    (!priority || priority.has(row.priority)) &&
    (!channel || channel.has(row.channel)) &&
    (!category || (row.category !== undefined && category.has(row.category))) &&
    (!assignee || (row.assigneeId !== undefined && assignee.has(row.assigneeId))) &&
    (accountId === undefined || row.accountId === accountId);
}
