import type { SearchType } from '../../../shared/contract/search-requests';

// The record kinds and the hit shape are the contract's: `search.global` returns these hits as they are (score: negated bm25).
export { SEARCH_TYPES, type SearchHit, type SearchType } from '../../../shared/contract/search-requests';

export type SearchOptions = {
  readonly types?: ReadonlyArray<SearchType>;
  readonly limit?: number;
};

/** Collection name (as the storage reports it) to search type. */
export const COLLECTION_TO_TYPE: Readonly<Record<string, SearchType>> = {
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  opportunities: 'opportunity',
};

/**
 * Small integer per type, stored in the low bits of the FTS rowid so a type filter is a bit test
 * on the rowid instead of a join per match (see search-schema.ts).
 */
export const TYPE_CODE: Readonly<Record<SearchType, number>> = { account: 1, contact: 2, lead: 3, opportunity: 4 };
