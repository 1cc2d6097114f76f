/**
 * knowledge v0 → v1: the collection also holds SLA policies and business calendars now, so every
 * document says which kind it is; articles gain a version number and a language from the app's
 * two (anything else was written as English). Frozen: describes version 0 as it shipped.
 */
export type KnowledgeArticleV0 = {
  id: string;
  title: string;
  language: string;
  [field: string]: unknown;
};

export function migrateKnowledgeV0ToV1(doc: KnowledgeArticleV0): Record<string, unknown> {
  const language = doc.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return { ...doc, kind: 'knowledge_article', language, articleVersion: 1 };
}
