import { filter, type Observable } from 'rxjs';
import type { RxChangeEventBulk } from 'rxdb';

/**
 * Context of the storage write that gives pushed documents the revision the server stored them at
 * (sync/push-writeback.ts). It changes only server bookkeeping: `serverRevision`,
 * `serverUpdatedAt` and the store revision `_rev`.
 */
export const SERVER_BOOKKEEPING_CONTEXT = 'sync-push-writeback';

/**
 * A collection's change bulks minus those that only changed server bookkeeping. Projections,
 * indexes and figures derived from a record's fields follow this: a first upload writes back every
 * record it sent, and none of them needs to look at those writes. Whatever shows or checks a
 * record's store revision (live reads, edit forms) follows `eventBulks$` itself.
 */
export function domainChanges<T>(collection: { readonly eventBulks$: Observable<RxChangeEventBulk<T>> }): Observable<RxChangeEventBulk<T>> {
  return collection.eventBulks$.pipe(filter((bulk) => bulk.context !== SERVER_BOOKKEEPING_CONTEXT));
}
