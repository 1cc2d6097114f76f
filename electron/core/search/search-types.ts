/** Kinds of record the global search covers; each maps to one RxDB collection. */
export type SearchType = 'account' | 'contact' | 'lead' | 'opportunity';

export const SEARCH_TYPES: ReadonlyArray<SearchType> = ['account', 'contact', 'lead', 'opportunity'];

/** One result row, ready for a results list: the caller opens the record by `type` + `id`. */
export type SearchHit = {
  readonly type: SearchType;
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** Higher is better (negated bm25); only comparable within one result list. */
  readonly score: number;
};

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
