/** The renderer's IndexedDB database (prefs-db.ts), named apart from Dexie so start-up can read it without Dexie. */
export const PREFS_DB_NAME = 'fieldcrm-prefs';
