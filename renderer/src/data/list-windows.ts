import type { CrmError, ListWindow, LiveListName, LiveQuery, LiveResultMap, ParamsOf, Stored } from '../../../shared/contract';
import type { CrmClient } from '../transport/crm-client';
import { peekPrimedWindow, takePrimedWindow } from './primed-window';

/** Rows per request; one live subscription covers two pages around the top of the viewport. */
export const PAGE_SIZE = 100;
export const LIVE_PAGES = 2;

export type ListRow<K extends LiveListName> = LiveResultMap[K] extends ListWindow<infer T> ? Stored<T> & { readonly id: string } : never;
/** A window of list K as the screens read it (the contract types each list's rows). */
type WindowOf<K extends LiveListName> = { readonly rows: ReadonlyArray<ListRow<K>>; readonly total: number; readonly offset: number };
export type ListQueryParams<K extends LiveListName> = Omit<ParamsOf<K>, 'offset' | 'limit'>;

export type ListSnapshot = {
  readonly status: 'loading' | 'ready' | 'error';
  readonly total: number;
  readonly error?: CrmError;
  /** Bumped on every change so React re-renders; rows are read through rowAt(). */
  readonly version: number;
};

/**
 * A virtualized list's view of a 100,000-row collection: pages of rows fetched as they scroll
 * into view, plus one live subscription on the pages at the viewport, so edits anywhere (this
 * window, sync, another screen) show up without polling. Framework-free; React reads it through
 * useSyncExternalStore (use-list-windows.ts).
 */
export function createListWindows<K extends LiveListName>(client: CrmClient, request: K, query: ListQueryParams<K>) {
  const pages = new Map<number, ReadonlyArray<ListRow<K>>>();
  const inflight = new Set<number>();
  const listeners = new Set<() => void>();
  let snapshot: ListSnapshot = { status: 'loading', total: 0, version: 0 };
  let visible = { first: 0, last: 0 };
  let live: { id: string; page: number } | null = null;
  let wantedLivePage = 0;
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;
  let stopEvents: (() => void) | undefined;
  let generation = 0;

  const publish = (patch: Partial<ListSnapshot>): void => {
    snapshot = { ...snapshot, ...patch, version: snapshot.version + 1 };
    for (const listener of listeners) listener();
  };

  /**
   * Stores a window's rows page by page. A row whose record and revision the page already holds
   * keeps its old object, so memoized rows skip rendering when a live window repeats what is shown
   * (the adopted start-up window, a push that changed one row). True when anything changed.
   */
  const storeRows = (offset: number, rows: ReadonlyArray<ListRow<K>>): boolean => {
    let changed = false;
    for (let index = 0; index * PAGE_SIZE < rows.length; index++) {
      const page = offset / PAGE_SIZE + index;
      const held = pages.get(page);
      const merged = rows.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE).map((row, at) => {
        const old = held?.[at];
        return old !== undefined && old.id === row.id && old.revision === row.revision ? old : row;
      });
      if (held?.length === merged.length && merged.every((row, at) => row === held[at])) continue;
      pages.set(page, merged);
      changed = true;
    }
    return changed;
  };

  const params = (offset: number, limit: number) => ({ ...query, offset, limit }) as ParamsOf<K>;
  const liveQueryAt = (page: number): LiveQuery => ({ request, params: params(page * PAGE_SIZE, PAGE_SIZE * LIVE_PAGES) }) as LiveQuery;

  // At start-up the first window (primed by main.tsx) has often arrived before React renders the
  // list: show it from the first render on, instead of a loading state and a second commit.
  // start() still adopts the subscription (and any pushes since) through takePrimedWindow.
  const early = peekPrimedWindow(client, liveQueryAt(0));
  if (early) {
    const primed = early.result as unknown as WindowOf<K>;
    storeRows(primed.offset, primed.rows as ReadonlyArray<ListRow<K>>);
    snapshot = { status: 'ready', total: primed.total, version: 1 };
  }

  async function fetchPage(page: number): Promise<void> {
    if (pages.has(page) || inflight.has(page)) return;
    const startedIn = generation;
    inflight.add(page);
    const result = await client.send(request, params(page * PAGE_SIZE, PAGE_SIZE));
    inflight.delete(page);
    if (startedIn !== generation) return;
    if (!result.ok) return publish({ status: 'error', error: result.error });
    const window = result.value as unknown as WindowOf<K>;
    pages.set(page, window.rows as ReadonlyArray<ListRow<K>>);
    publish({ status: 'ready', total: window.total });
  }

  function fetchVisible(): void {
    if (snapshot.total === 0) return;
    const lastPage = Math.floor(Math.min(visible.last, snapshot.total - 1) / PAGE_SIZE);
    for (let page = Math.floor(visible.first / PAGE_SIZE); page <= lastPage; page++) void fetchPage(page);
  }

  async function subscribeLive(page: number): Promise<void> {
    const startedIn = generation;
    const previous = live;
    live = null;
    if (previous) void client.send('live.unsubscribe', { subscriptionId: previous.id });
    const liveQuery = liveQueryAt(page);
    // At start-up main.tsx may have asked for this very window before React mounted.
    const primed = page === 0 ? await takePrimedWindow(client, liveQuery) : undefined;
    const result = primed?.ok ? primed : await client.send('live.subscribe', { query: liveQuery });
    if (!result.ok) return publish({ status: 'error', error: result.error });
    if (startedIn !== generation) {
      void client.send('live.unsubscribe', { subscriptionId: result.value.subscriptionId });
      return;
    }
    live = { id: result.value.subscriptionId, page };
    applyLive(page, result.value.result as unknown as WindowOf<K>);
  }

  /** A live window is the truth for its pages; other cached pages may be stale, so drop them. */
  function applyLive(page: number, window: WindowOf<K>): void {
    const covered = new Set([page, page + 1]);
    let dropped = false;
    for (const key of [...pages.keys()]) {
      if (covered.has(key)) continue;
      pages.delete(key);
      dropped = true;
    }
    const changed = storeRows(window.offset, window.rows as ReadonlyArray<ListRow<K>>);
    // Nothing new (the adopted start-up window): no re-render while the first frame is painting.
    if (changed || dropped || snapshot.status !== 'ready' || snapshot.total !== window.total || snapshot.error !== undefined) {
      publish({ status: 'ready', total: window.total, error: undefined });
    }
    fetchVisible();
  }

  function start(): void {
    // The first start keeps the rows shown from the primed window until its adoption replaces them.
    if (generation > 0 || !early) pages.clear();
    generation++;
    stopEvents = client.subscribe('live.changed', (event) => {
      if (live && event.subscriptionId === live.id) applyLive(live.page, event.result as unknown as WindowOf<K>);
    });
    void subscribeLive(wantedLivePage);
  }

  function stop(): void {
    generation++;
    clearTimeout(resubscribeTimer);
    stopEvents?.();
    if (live) void client.send('live.unsubscribe', { subscriptionId: live.id });
    live = null;
  }

  return {
    getSnapshot: (): ListSnapshot => snapshot,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    rowAt(index: number): ListRow<K> | undefined {
      return pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
    },
    /** Call with the indexes the virtualizer is drawing. */
    setVisibleRange(first: number, last: number): void {
      visible = { first, last };
      fetchVisible();
      const page = Math.floor(first / PAGE_SIZE);
      if (page === wantedLivePage) return;
      wantedLivePage = page;
      // Scrolling fast passes many pages; subscribe only where the user stops.
      clearTimeout(resubscribeTimer);
      resubscribeTimer = setTimeout(() => void subscribeLive(wantedLivePage), 200);
    },
    start,
    stop,
    retry(): void {
      stop();
      publish({ status: 'loading', error: undefined });
      start();
    },
  };
}

export type ListWindows<K extends LiveListName> = ReturnType<typeof createListWindows<K>>;
