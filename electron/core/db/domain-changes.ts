import { filter, type Observable } from 'rxjs';
import type { RxChangeEventBulk } from 'rxdb';

/**
 * Context of the storage write that gives pushed documents the revision the server stored them at
 * (sync/push-writeback.ts). It changes only server bookkeeping: `serverRevision`,
 * `serverUpdatedAt` and the store revision `_rev`.
 */
export const SERVER_BOOKKEEPING_CONTEXT = 'sync-push-writeback';

/**
 * Context of the storage write that makes the signed-in rep the owner of records written before
 * the first sign-in (sync/sync-engine.ts): only `ownerId`, `teamId` and the store bookkeeping
 * change. A domain change (who owns a record counts in dashboards and segments), but no text.
 */
export const OWNERSHIP_ADOPTION_CONTEXT = 'sync-adopt-local-records';

/**
 * Context of a write-back (SERVER_BOOKKEEPING_CONTEXT) whose batch also hands records written
 * before the first sign-in to the signed-in rep: the push sent them as the rep's, and the server
 * stored them so. Server bookkeeping, `ownerId` and `teamId` change: a domain change, but no text.
 */
export const PUSH_ADOPTION_CONTEXT = 'sync-push-writeback-adopt';

/**
 * A collection's change bulks minus those that only changed server bookkeeping. Projections,
 * indexes and figures derived from a record's fields follow this: a first upload writes back every
 * record it sent, and none of them needs to look at those writes. Whatever shows or checks a
 * record's store revision (live reads, edit forms) follows `eventBulks$` itself.
 */
export function domainChanges<T>(collection: { readonly eventBulks$: Observable<RxChangeEventBulk<T>> }): Observable<RxChangeEventBulk<T>> {
  return collection.eventBulks$.pipe(filter((bulk) => bulk.context !== SERVER_BOOKKEEPING_CONTEXT));
}
