import type { Language } from '../i18n/i18n';
import { isLanguage } from '../i18n/i18n';
import { openPrefsDb, type ColumnLayout, type Draft, type PrefsDb, type SavedView } from './prefs-db';

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

/**
 * The typed door to the prefs database. IndexedDB can be unavailable (private windows, a broken
 * profile); reads then return "unset" and the app keeps working with defaults.
 */
export function createPrefsApi(db: PrefsDb = openPrefsDb()) {
  return {
    async get<K extends keyof PrefMap>(key: K): Promise<PrefMap[K] | undefined> {
      try {
        const row = await db.prefs.get(key);
        const guard = prefGuards[key] as (value: unknown) => value is PrefMap[K];
        return row && guard(row.value) ? row.value : undefined;
      } catch {
        return undefined;
      }
    },
    async set<K extends keyof PrefMap>(key: K, value: PrefMap[K]): Promise<void> {
      await db.prefs.put({ key, value });
    },

    savedViews: (list: string): Promise<SavedView[]> => db.savedViews.where('list').equals(list).sortBy('name'),
    saveView: async (view: SavedView): Promise<void> => {
      await db.savedViews.put(view);
    },
    deleteView: (id: string): Promise<void> => db.savedViews.delete(id),

    columnLayout: (list: string): Promise<ColumnLayout | undefined> => db.columnLayouts.get(list),
    saveColumnLayout: async (layout: ColumnLayout): Promise<void> => {
      await db.columnLayouts.put(layout);
    },

    draft: (key: string): Promise<Draft | undefined> => db.drafts.get(key),
    saveDraft: async (draft: Draft): Promise<void> => {
      await db.drafts.put(draft);
    },
    deleteDraft: (key: string): Promise<void> => db.drafts.delete(key),

    close: (): void => db.close(),
  };
}
