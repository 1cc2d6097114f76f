import type { MigrationStrategies } from 'rxdb';

/**
 * Keyed by the version a document is migrated TO, as RxDB's migration-schema plugin expects.
 * v1 only added kinds (segments, e-mail templates, outbox messages), member statuses (targeted,
 * bounced, failed) and optional fields, so every v0 document is already a valid v1 document.
 */
export const marketingMigrationStrategies: MigrationStrategies = {
  1: (doc: Record<string, unknown>) => doc,
};
