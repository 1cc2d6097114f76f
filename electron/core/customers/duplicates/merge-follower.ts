import type { RxChangeEventBulk } from 'rxdb';
import type { Subscription } from 'rxjs';
import { DUPLICATE_ENTITIES, type DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import type { CrmDatabase } from '../../db/open-crm-database';
import type { DuplicatesService } from './duplicates-service';
import { collectionOf, ENTITY_COLLECTION, MERGE_LINKS } from './merge-links';
import { domainChanges } from '../../db/domain-changes';

/** Writes of the merge service itself: it moves those children on its own. */
const OWN_CONTEXTS = new Set([
  'duplicates-merge',
  'duplicates-merge-revert',
  'duplicates-undo',
  'duplicates-undo-revert',
  'duplicates-follow',
]);

/**
 * Keeps children with their merged parents across devices. Two things can leave a child pointing
 * at a merged record: the child was written on a device that had not yet heard of the merge (it
 * arrives later by sync), or the merge's tombstone arrives on a device that holds children of the
 * loser the merging device never saw. So: every written child whose account or contact is a merge
 * tombstone is re-pointed to the survivor, and every arriving tombstone with `mergedIntoId` has
 * its local children moved. The re-pointed children are ordinary edits and sync like any other.
 * Work runs one batch at a time, in arrival order.
 */
export function startMergeFollower(
  db: CrmDatabase,
  service: DuplicatesService,
  log: (message: string, error: unknown) => void,
): () => void {
  const subscriptions: Subscription[] = [];
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const enqueue = (work: () => Promise<void>): void => {
    queue = queue
      .then(() => (stopped ? undefined : work()))
      .catch((error: unknown) => log('re-pointing children of a merged record failed', error));
  };

  const watched = new Set<string>([...MERGE_LINKS.account, ...MERGE_LINKS.contact].map((link) => link.collection));
  for (const name of watched) {
    subscriptions.push(
      domainChanges(collectionOf(db, name as 'accounts')).subscribe((bulk: RxChangeEventBulk<Record<string, unknown>>) => {
        if (OWN_CONTEXTS.has(bulk.context)) return;
        const referenced = new Map<DuplicateEntity, Set<string>>();
        const tombstones = new Map<DuplicateEntity, string[]>();
        for (const event of bulk.events) {
          const doc = event.documentData;
          for (const entity of DUPLICATE_ENTITIES) {
            if (ENTITY_COLLECTION[entity] === name && doc._deleted === true && typeof doc.mergedIntoId === 'string') {
              tombstones.set(entity, [...(tombstones.get(entity) ?? []), event.documentId]);
            }
            if (doc._deleted === true) continue;
            for (const link of MERGE_LINKS[entity]) {
              const target = link.collection === name ? doc[link.field] : undefined;
              if (typeof target === 'string') referenced.set(entity, (referenced.get(entity) ?? new Set()).add(target));
            }
          }
        }
        if (referenced.size === 0 && tombstones.size === 0) return;
        enqueue(async () => {
          for (const entity of DUPLICATE_ENTITIES) {
            const merged = new Set(tombstones.get(entity) ?? []);
            const ids = [...(referenced.get(entity) ?? [])];
            if (ids.length > 0) for (const id of await service.mergedAmong(entity, ids)) merged.add(id);
            if (merged.size > 0) await service.follow(entity, [...merged]);
          }
        });
      }),
    );
  }

  return () => {
    stopped = true;
    for (const subscription of subscriptions) subscription.unsubscribe();
  };
}
