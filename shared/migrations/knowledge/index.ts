import type { MigrationStrategies } from 'rxdb';
import { migrateKnowledgeV0ToV1, type KnowledgeArticleV0 } from './0001-kinds';

/** Keyed by the version a document is migrated TO, as RxDB's migration-schema plugin expects. */
export const knowledgeMigrationStrategies: MigrationStrategies = {
  1: (doc: KnowledgeArticleV0) => migrateKnowledgeV0ToV1(doc),
};
