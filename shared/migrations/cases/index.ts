import type { MigrationStrategies } from 'rxdb';
import { migrateCaseV0ToV1, type CaseV0 } from './0001-status-history';

/** Keyed by the version a document is migrated TO, as RxDB's migration-schema plugin expects. */
export const casesMigrationStrategies: MigrationStrategies = {
  1: (doc: CaseV0) => migrateCaseV0ToV1(doc),
};
