import { Dexie, type EntityTable } from 'dexie';
import { PREFS_DB_NAME } from './prefs-db-name';

/**
 * The renderer's own IndexedDB: preferences and work-in-progress that belong to this device's UI,
 * never to the shared CRM data (that lives in the core's SQLite and syncs). Losing this database
 * loses layouts and drafts, not records.
 */
export type PrefRow = { readonly key: string; readonly value: PrefValue };
export type PrefValue = string | number | boolean | null | ReadonlyArray<string>;

/** A named filter + sort of a list ("My key accounts in EMEA"). */
export type SavedView = {
  readonly id: string;
  /** Which list it belongs to, e.g. 'accounts'. */
  readonly list: string;
  readonly name: string;
  readonly filter: Readonly<Record<string, ReadonlyArray<string> | boolean>>;
  readonly sort: { readonly field: string; readonly direction: 'asc' | 'desc' };
  readonly updatedAt: number;
};

export type ColumnLayout = {
  readonly list: string;
  /** Visible columns in display order. */
  readonly columns: ReadonlyArray<string>;
  readonly widths: Readonly<Record<string, number>>;
  readonly updatedAt: number;
};

/** An unsaved form, keyed by what it edits ('accounts:new', 'accounts:<id>'). */
export type Draft = {
  readonly key: string;
  readonly values: Readonly<Record<string, PrefValue>>;
  readonly updatedAt: number;
};

export type PrefsDb = Dexie & {
  prefs: EntityTable<PrefRow, 'key'>;
  savedViews: EntityTable<SavedView, 'id'>;
  columnLayouts: EntityTable<ColumnLayout, 'list'>;
  drafts: EntityTable<Draft, 'key'>;
};

export function openPrefsDb(name: string = PREFS_DB_NAME): PrefsDb {
  const db = new Dexie(name) as PrefsDb;
  // Each version is append-only: add `db.version(2).stores({...})` below, never edit version 1.
  db.version(1).stores({
    prefs: 'key',
    savedViews: 'id, list, [list+name]',
    columnLayouts: 'list',
    drafts: 'key, updatedAt',
  });
  return db;
}
