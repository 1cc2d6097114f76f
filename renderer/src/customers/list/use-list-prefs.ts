import { useCallback, useEffect, useState } from 'react';
import type { PrefsApi } from '../../prefs/prefs-api';
import type { ColumnLayout, SavedView } from '../../prefs/prefs-db';
import { usePrefs } from '../../prefs/prefs-context';
import type { SortState } from '../../common/RecordList';

export type ListFilter = Readonly<Record<string, ReadonlyArray<string>>>;
export type ListView = { readonly filter: ListFilter; readonly sort: SortState; readonly columns: ReadonlyArray<string> };

/**
 * A saved view also remembers its columns. SavedView (prefs-db.ts) has no such field yet, and
 * IndexedDB stores whatever object it is given, so the extra field rides along and is checked on read.
 */
export type StoredView = SavedView & { readonly columns?: ReadonlyArray<string> };

/** The list's own state (what the user last had) is a saved view with this id, hidden from the menu. */
export const currentId = (list: string): string => `${list}:current`;

export function onlyArrays(filter: SavedView['filter']): ListFilter {
  const out: Record<string, ReadonlyArray<string>> = {};
  for (const [key, value] of Object.entries(filter)) if (Array.isArray(value) && value.length > 0) out[key] = value;
  return out;
}

function validColumns(columns: unknown, known: ReadonlyArray<string>): ReadonlyArray<string> | undefined {
  if (!Array.isArray(columns)) return undefined;
  const kept = columns.filter((id): id is string => typeof id === 'string' && known.includes(id));
  return kept.length > 0 ? kept : undefined;
}

type Stored = { readonly views: ReadonlyArray<StoredView>; readonly layout: ColumnLayout | undefined };
/** Reads finished before the list mounted (preloadListPrefs), by list; each is used once. */
const preloaded = new Map<string, { readonly prefs: PrefsApi; readonly stored: Stored }>();

function readStored(prefs: PrefsApi, list: string): Promise<Stored> {
  const views = prefs.savedViews(list).catch((): StoredView[] => []) as Promise<StoredView[]>;
  return Promise.all([views, prefs.columnLayout(list).catch(() => undefined)]).then(([all, layout]) => ({ views: all, layout }));
}

/**
 * Keeps a list's stored view, read at start-up before React mounts (boot-prefs.ts), so the list's
 * first render already has it instead of rendering, reading the database and rendering again.
 */
export function preloadListPrefs(prefs: PrefsApi, list: string, stored: Stored): void {
  preloaded.set(list, { prefs, stored });
}

function restore(stored: Stored, list: string, previous: ListView, known: ReadonlyArray<string>): ListView {
  const current = stored.views.find((saved) => saved.id === currentId(list));
  return {
    filter: current ? onlyArrays(current.filter) : previous.filter,
    sort: current && known.includes(current.sort.field) ? current.sort : previous.sort,
    columns: validColumns(stored.layout?.columns, known) ?? previous.columns,
  };
}

const named = (stored: Stored, list: string): ReadonlyArray<StoredView> => stored.views.filter((saved) => saved.id !== currentId(list));

/**
 * Filter, sort and columns of one list, restored from Dexie on open and written back on every
 * change, plus the named views. If IndexedDB is unavailable the list works with defaults.
 */
export function useListPrefs(list: string, defaults: ListView, known: ReadonlyArray<string>) {
  const prefs = usePrefs();
  const [early] = useState(() => {
    const entry = preloaded.get(list);
    preloaded.delete(list);
    return entry?.prefs === prefs ? entry.stored : undefined;
  });
  const [ready, setReady] = useState(early !== undefined);
  const [view, setView] = useState<ListView>(() => (early ? restore(early, list, defaults, known) : defaults));
  const [views, setViews] = useState<ReadonlyArray<StoredView>>(() => (early ? named(early, list) : []));

  const reloadViews = useCallback(async (): Promise<ReadonlyArray<StoredView>> => {
    const all = (await prefs.savedViews(list).catch(() => [])) as StoredView[];
    setViews(all.filter((saved) => saved.id !== currentId(list)));
    return all;
  }, [prefs, list]);

  useEffect(() => {
    if (early) return;
    let live = true;
    void readStored(prefs, list).then((stored) => {
      if (!live) return;
      setViews(named(stored, list));
      setView((previous) => restore(stored, list, previous, known));
      setReady(true);
    });
    return () => {
      live = false;
    };
    // `known` is derived from static column definitions and `early` is fixed at mount; reloading on their identity would loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [prefs, list]);

  const persist = useCallback(
    (next: ListView, columnsChanged: boolean): void => {
      const at = Date.now();
      void prefs
        .saveView({ id: currentId(list), list, name: '', filter: next.filter, sort: next.sort, updatedAt: at })
        .catch(() => undefined);
      if (columnsChanged) void prefs.saveColumnLayout({ list, columns: next.columns, widths: {}, updatedAt: at }).catch(() => undefined);
    },
    [prefs, list],
  );

  const update = useCallback(
    (patch: Partial<ListView>): void => {
      setView((previous) => {
        const next = { ...previous, ...patch };
        persist(next, patch.columns !== undefined);
        return next;
      });
    },
    [persist],
  );

  const saveAs = async (name: string): Promise<void> => {
    const saved: StoredView = {
      id: crypto.randomUUID(),
      list,
      name,
      filter: view.filter,
      sort: view.sort,
      columns: view.columns,
      updatedAt: Date.now(),
    };
    await prefs.saveView(saved).catch(() => undefined);
    await reloadViews();
  };

  const apply = (saved: StoredView): void => {
    update({ filter: onlyArrays(saved.filter), sort: saved.sort, columns: validColumns(saved.columns, known) ?? view.columns });
  };

  const remove = async (id: string): Promise<void> => {
    await prefs.deleteView(id).catch(() => undefined);
    await reloadViews();
  };

  return { ready, view, views, update, saveAs, apply, remove };
}
