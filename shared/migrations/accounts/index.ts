import type { MigrationStrategies } from 'rxdb';
import { migrateAccountV0ToV1, type AccountV0 } from './0001-split-address';
import { migrateAccountV1ToV2 } from './0002-merge-bookkeeping';
import { migrateAccountV2ToV3 } from './0003-owner-recency-index';

/** Keyed by the version a document is migrated TO, as RxDB's migration-schema plugin expects. */
export const accountsMigrationStrategies: MigrationStrategies = {
  1: (doc: AccountV0) => migrateAccountV0ToV1(doc),
  2: (doc: Record<string, unknown>) => migrateAccountV1ToV2(doc),
  3: (doc: Record<string, unknown>) => migrateAccountV2ToV3(doc),
};
