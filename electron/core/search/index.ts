export { createSearchHook, type SearchHookOptions } from './create-search-hook';
export { SearchIndex } from './search-index';
export { SEARCH_TYPES, type SearchHit, type SearchOptions, type SearchType } from './search-types';
