import { z } from 'zod';
import { request } from './define-request';

/**
 * Record kinds the global search covers (the core's search index maps each to a collection).
 * `article` hits are published knowledge articles only: drafts and archived ones are for the
 * Knowledge tab (knowledge.search), where managers see them.
 */
export const SEARCH_TYPES = ['account', 'contact', 'lead', 'opportunity', 'article'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export type SearchHit = {
  readonly type: SearchType;
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  /** Higher is better; only comparable within one result list. */
  readonly score: number;
};

export const searchRequests = {
  'search.global': request(
    z.strictObject({
      text: z.string().max(200),
      types: z.array(z.enum(SEARCH_TYPES)).min(1).max(SEARCH_TYPES.length).optional(),
      limit: z.int().min(1).max(100).default(20),
    }),
  ).returns<{ readonly hits: ReadonlyArray<SearchHit> }>(),
} as const;
