import type { Language } from '../i18n/i18n';
import { isLanguage } from '../i18n/i18n';
import type { ColumnLayout, Draft, PrefsDb, SavedView } from './prefs-db';

/** Every preference key with its type; reads check the type, so a stale value reads as unset. */
export type PrefMap = {
  readonly language: Language;
  readonly sidebarCollapsed: boolean;
};

const prefGuards: { readonly [K in keyof PrefMap]: (value: unknown) => value is PrefMap[K] } = {
  language: (value): value is Language => typeof value === 'string' && isLanguage(value),
  sidebarCollapsed: (value): value is boolean => typeof value === 'boolean',
};

export type PrefsApi = ReturnType<typeof createPrefsApi>;

/** Whether `value` is a valid stored `key` (start-up reads raw rows, boot-prefs.ts). */
export function isPref<K extends keyof PrefMap>(key: K, value: unknown): value is PrefMap[K] {
  return (prefGuards[key] as (candidate: unknown) => candidate is PrefMap[K])(value);
}

/** Dexie and the database open on the first call, not at start-up (see boot-prefs.ts). */
const openOnFirstUse = (): Promise<PrefsDb> => import('./prefs-db').then((module) => module.openPrefsDb());

/**
 * The typed door to the prefs database. IndexedDB can be unavailable (private windows, a broken
 * profile); reads then return "unset" and the app keeps working with defaults.
 */
export function createPrefsApi(open: () => Promise<PrefsDb> = openOnFirstUse) {
  let opened: Promise<PrefsDb> | undefined;
  const database = (): Promise<PrefsDb> => (opened ??= open());
  return {
    async get<K extends keyof PrefMap>(key: K): Promise<PrefMap[K] | undefined> {
      try {
        const row = await (await database()).prefs.get(key);
        return row && isPref(key, row.value) ? row.value : undefined;
      } catch {
        return undefined;
      }
    },
    async set<K extends keyof PrefMap>(key: K, value: PrefMap[K]): Promise<void> {
      await (await database()).prefs.put({ key, value });
    },

    savedViews: async (list: string): Promise<SavedView[]> => (await database()).savedViews.where('list').equals(list).sortBy('name'),
    saveView: async (view: SavedView): Promise<void> => {
      await (await database()).savedViews.put(view);
    },
    deleteView: async (id: string): Promise<void> => (await database()).savedViews.delete(id),

    columnLayout: async (list: string): Promise<ColumnLayout | undefined> => (await database()).columnLayouts.get(list),
    saveColumnLayout: async (layout: ColumnLayout): Promise<void> => {
      await (await database()).columnLayouts.put(layout);
    },

    draft: async (key: string): Promise<Draft | undefined> => (await database()).drafts.get(key),
    saveDraft: async (draft: Draft): Promise<void> => {
      await (await database()).drafts.put(draft);
    },
    deleteDraft: async (key: string): Promise<void> => (await database()).drafts.delete(key),

    close: (): void => void opened?.then((db) => db.close()),
  };
}
