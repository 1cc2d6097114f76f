import { addRxPlugin, createRxDatabase, type RxCollectionCreator, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { crmCollections, CRM_COLLECTION_NAMES, type CrmCollectionName } from '../../../shared/schemas';
import { getRxStorageSqlite } from '../storage/sqlite';
import type { SqliteWriteHook } from '../storage/sqlite/sqlite-hooks';
import type { CrmDatabase } from './crm-database-types';

export type { CrmDatabase, CrmCollection, CrmCollectionsOf } from './crm-database-types';

export const CRM_DATABASE_NAME = 'crm';

export type OpenCrmDatabaseOptions = {
  /** Directory holding the SQLite file(s); the user's data directory in the app. */
  readonly directory: string;
} & (
  | {
      /** The install's 32-byte database key (the file is encrypted with it). */
      readonly databaseKey: Uint8Array;
      /** Side tables written in the same transaction as documents (full-text search). */
      readonly hooks?: readonly SqliteWriteHook[];
      readonly storage?: undefined;
    }
  | {
      /**
       * A storage made by the caller: the core's own (it shares the connection with search), or
       * in tests the SQLite storage wrapped in dev-mode's schema validator (see test-storage.ts).
       * The app always uses SQLite: a memory store would lose a rep's offline work on quit.
       */
      readonly storage: RxStorage<unknown, unknown>;
      readonly databaseKey?: undefined;
      readonly hooks?: undefined;
    }
);

/**
 * Opens the one local database with all collections, running pending schema migrations before it
 * resolves, so callers never see documents of an older schema version.
 */
export async function openCrmDatabase(opts: OpenCrmDatabaseOptions): Promise<CrmDatabase> {
  addRxPlugin(RxDBMigrationSchemaPlugin);
  const storage = opts.storage ?? getRxStorageSqlite({ directory: opts.directory, hooks: opts.hooks ?? [], databaseKey: opts.databaseKey });
  const db = await createRxDatabase<CrmDatabase['collections']>({
    name: CRM_DATABASE_NAME,
    storage,
    // One process owns the file (Electron main or the browser host); no cross-tab coordination.
    multiInstance: false,
    eventReduce: true,
  });
  try {
    const creators = Object.fromEntries(CRM_COLLECTION_NAMES.map((name) => [name, collectionCreator(name)]));
    await db.addCollections(creators as { [Name in CrmCollectionName]: RxCollectionCreator });
    return db as CrmDatabase;
  } catch (error) {
    await db.close();
    throw error;
  }
}

function collectionCreator(name: CrmCollectionName): RxCollectionCreator {
  const def = crmCollections[name];
  return {
    schema: def.schema,
    migrationStrategies: def.migrationStrategies,
    // Migrate while opening: the UI must not read v0 documents with v1 code.
    autoMigrate: true,
  };
}
