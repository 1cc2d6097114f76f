import type { MigrationStrategies } from 'rxdb';

/**
 * surveys v0 → v1 only adds the optional `visitId` and an index by case: every v0 answer is a valid
 * v1 answer as it is. Keyed by the version a document is migrated TO.
 */
export const surveysMigrationStrategies: MigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
};
