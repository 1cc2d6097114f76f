import { z } from 'zod';

/**
 * Windowing for virtualized lists: the UI asks for the rows it is about to draw, never for the
 * whole collection, so a list of 100,000 accounts costs one window of rows per scroll step.
 */
export const MAX_WINDOW = 500;
/** Far beyond any real list; bounded so a garbage offset cannot make the store scan forever. */
export const MAX_OFFSET = 10_000_000;

export const windowShape = {
  offset: z.int().min(0).max(MAX_OFFSET).default(0),
  limit: z.int().min(1).max(MAX_WINDOW).default(100),
} as const;

export const sortDirectionSchema = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirectionSchema>;

/** Multi-select filter values (a status filter may hold "active" and "prospect"). */
export function anyOf<T extends z.ZodType>(value: T) {
  return z.array(value).min(1).max(100).optional();
}

/**
 * Fields only the core writes (ids, timestamps, team, server bookkeeping): a request's values
 * schema is the domain schema with these omitted.
 */
export const CORE_OWNED_FIELDS = {
  id: true,
  createdAt: true,
  updatedAt: true,
  serverRevision: true,
  serverUpdatedAt: true,
  teamId: true,
} as const;

/**
 * A record as the core returns it: the domain document plus the revision an edit quotes, a digest
 * of the record's own fields (it does not move when the sync only writes back server bookkeeping).
 */
export type Stored<T> = T & { readonly revision: string };

export type ListWindow<T> = {
  readonly rows: ReadonlyArray<Stored<T>>;
  /** Rows matching the filter, across all windows. */
  readonly total: number;
  readonly offset: number;
};

/** The keys of T whose value may be absent: the only fields an update may clear. */
export type OptionalKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? K : never }[keyof T];
