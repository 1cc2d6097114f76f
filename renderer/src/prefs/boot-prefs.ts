import type { ColumnLayout, PrefRow, SavedView } from './prefs-db';
import { PREFS_DB_NAME } from './prefs-db-name';

/** What start-up needs from the prefs database: the stored language and one list's views and columns. */
export type BootPrefs = {
  /** The stored row's value, unchecked (isPref checks it). */
  readonly language: unknown;
  /** The list's saved views (its own current view among them), by name as PrefsApi.savedViews returns them. */
  readonly views: ReadonlyArray<SavedView>;
  readonly layout: ColumnLayout | undefined;
};

const NOTHING_STORED: BootPrefs = { language: undefined, views: [], layout: undefined };

/**
 * Reads start-up's preferences with plain IndexedDB in one transaction, so Dexie (100 kB of script
 * to fetch, parse and run) is not on the path to the first screen; PrefsApi loads it on first use.
 * Dexie keeps each table of prefs-db.ts in an object store of the same name, with an index per
 * indexed field. A database that does not exist yet is not created here (if listing the databases
 * missed it, its upgrade is aborted); Dexie creates it with its schema on the first write. Any
 * failure reads as nothing stored.
 */
export async function readBootPrefs(list: string): Promise<BootPrefs> {
  // On a fresh profile there is nothing to read, and listing the databases answers that sooner
  // than an open, which first sets up the origin's IndexedDB store on disk (12 vs 30 ms median here).
  try {
    if (!(await indexedDB.databases()).some((database) => database.name === PREFS_DB_NAME)) return NOTHING_STORED;
  } catch {
    // No listing (older engines, a blocked store): the open below finds out.
  }
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(PREFS_DB_NAME);
    } catch {
      return resolve(NOTHING_STORED);
    }
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(NOTHING_STORED);
    };
    request.onsuccess = () => {
      const db = request.result;
      const done = (prefs: BootPrefs): void => {
        db.close();
        resolve(prefs);
      };
      try {
        const transaction = db.transaction(['prefs', 'savedViews', 'columnLayouts'], 'readonly');
        const language = transaction.objectStore('prefs').get('language') as IDBRequest<PrefRow | undefined>;
        const views = transaction.objectStore('savedViews').index('list').getAll(list) as IDBRequest<SavedView[]>;
        const layout = transaction.objectStore('columnLayouts').get(list) as IDBRequest<ColumnLayout | undefined>;
        transaction.oncomplete = () => done({ language: language.result?.value, views: byName(views.result), layout: layout.result });
        transaction.onabort = () => done(NOTHING_STORED);
      } catch {
        done(NOTHING_STORED);
      }
    };
  });
}

const byName = (views: SavedView[]): SavedView[] => views.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
