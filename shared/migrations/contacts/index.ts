import type { MigrationStrategies } from 'rxdb';
import { migrateContactV0ToV1 } from './0001-merge-bookkeeping';

/** Keyed by the version a document is migrated TO, as RxDB's migration-schema plugin expects. */
export const contactsMigrationStrategies: MigrationStrategies = {
  1: (doc: Record<string, unknown>) => migrateContactV0ToV1(doc),
};
