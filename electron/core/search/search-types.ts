import type { SearchType } from '../../../shared/contract/search-requests';

// The record kinds and the hit shape are the contract's: `search.global` returns these hits as they are (score: negated bm25).
export { SEARCH_TYPES, type SearchHit, type SearchType } from '../../../shared/contract/search-requests';

export type SearchOptions = {
  readonly types?: ReadonlyArray<SearchType>;
  readonly limit?: number;
  /** Also drafts and archived articles (when articles are searched at all); published only otherwise. */
  readonly unpublished?: boolean;
};

/** Collection name (as the storage reports it) to search type. */
export const COLLECTION_TO_TYPE: Readonly<Record<string, SearchType>> = {
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
  // Only its `knowledge_article` documents are indexed (toSearchEntry); policies and calendars are not.
  knowledge: 'article',
};

/**
 * Small integer per type, stored in the low bits of the FTS rowid so a type filter is a bit test
 * on the rowid instead of a join per match (see search-schema.ts).
 */
export const TYPE_CODE: Readonly<Record<SearchType, number>> = { account: 1, contact: 2, lead: 3, opportunity: 4, article: 5 };

/**
 * Articles that are not published (drafts, archived) are indexed under their own code, so leaving
 * them out of a search is the same bit test as a type filter. An article's key changes with its
 * status; the writer removes the entry under the other code (SearchWriter).
 */
export const UNPUBLISHED_ARTICLE_CODE = 6;

/** The code an indexed document is stored under. */
export function codeOf(type: SearchType, doc: Readonly<Record<string, unknown>>): number {
  return type === 'article' && doc['status'] !== 'published' ? UNPUBLISHED_ARTICLE_CODE : TYPE_CODE[type];
}
