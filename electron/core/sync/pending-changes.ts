import {
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuerySelector,
  type RxCollection,
  type RxDocumentData,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
} from 'rxdb';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import type { CrmCollectionName } from '../../../shared/schemas/registry';
import { sameDocument, type SyncDoc } from './field-merge';
import { recordTitle } from './record-title';
import { assumedServerStates, upstreamCheckpoint, type ReplicationMetaInstance } from './replication-meta';

/** Bounds the listing's scan per collection; past it, changes are counted on the change index, not read. */
export const LIST_SCAN_LIMIT = 10_000;
/**
 * The status count reads only this many: it runs every few seconds while an upload writes back, and
 * past the replication's checkpoint nearly every document is pending anyway.
 */
export const COUNT_SCAN_LIMIT = 1000;
const PAGE = 1000;

export type PendingSource = {
  /** The collection's own storage (RxDB's fork). */
  readonly fork: RxStorageInstance<SyncDoc, unknown, unknown, unknown>;
  /** The replication state the next push runs under; absent when nothing was ever synced under it. */
  readonly meta: ReplicationMetaInstance | undefined;
  /** Confirmed by the server at this revision, though not yet recorded as pushed (a batch still running). */
  readonly confirmed?: { confirmed(id: string, rev: string): boolean };
};

/**
 * Local changes the server has not confirmed, read from RxDB's own replication state rather than
 * a parallel bookkeeping that could drift, and with the rule RxDB's upstream applies when it
 * pushes: every fork document written after the upstream checkpoint whose content differs from
 * the assumed server state (or that has none) is pending. Without a replication state (never
 * signed in) every local document is pending: the first sign-in pushes all of them.
 */
export async function listPendingChanges(
  name: CrmCollectionName,
  source: PendingSource,
  scanLimit = LIST_SCAN_LIMIT,
): Promise<{ readonly changes: PendingChange[]; readonly beyond: number }> {
  let checkpoint = source.meta ? await upstreamCheckpoint(source.meta) : undefined;
  const out: PendingChange[] = [];
  for (let scanned = 0; ; scanned += PAGE) {
    // Past the scan's bound (a first upload of an import), the rest is counted, not listed.
    if (scanned >= scanLimit) return { changes: out, beyond: await countChangedAfter(source.fork, checkpoint) };
    const page = await getChangedDocumentsSince(source.fork, PAGE, checkpoint);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
    const assumed = source.meta
      ? await assumedServerStates(
          source.meta,
          page.documents.map((doc) => String(doc.id)),
        )
      : undefined;
    for (const doc of page.documents) {
      const data = doc as unknown as Record<string, unknown>;
      const master = assumed?.get(String(doc.id));
      // The replication's own rule (its conflict handler's isEqual), so the two never disagree.
      if (master && sameDocument(master, doc)) continue;
      if (source.confirmed?.confirmed(String(doc.id), doc._rev)) continue;
      out.push({
        collection: name,
        id: String(doc.id),
        title: recordTitle(data),
        changedAt: typeof data.updatedAt === 'number' ? data.updatedAt : 0,
        deleted: doc._deleted,
      });
    }
    if (page.documents.length < PAGE) break;
  }
  return { changes: out, beyond: 0 };
}

/**
 * Documents written after a change-feed position, counted on the storage's change index: two
 * index ranges (later times; the same time with a later id), no document read.
 */
async function countChangedAfter(fork: PendingSource['fork'], checkpoint: unknown): Promise<number> {
  const at = checkpoint as RxStorageDefaultCheckpoint | undefined;
  if (!at) return 0;
  const count = async (selector: MangoQuerySelector<SyncDoc>): Promise<number> => {
    const query = normalizeMangoQuery<RxDocumentData<SyncDoc>>(fork.schema, {
      selector,
      sort: [{ '_meta.lwt': 'asc' }, { id: 'asc' }],
    } as never);
    return (await fork.count(prepareQuery(fork.schema, query))).count;
  };
  const later = await count({ '_meta.lwt': { $gt: at.lwt } } as MangoQuerySelector<SyncDoc>);
  const sameTime = await count({ '_meta.lwt': { $eq: at.lwt }, id: { $gt: at.id } } as MangoQuerySelector<SyncDoc>);
  return later + sameTime;
}

/**
 * Never signed in, every record on this device is pending: the first sign-in uploads them all. A
 * local-only store can hold a seeded or imported 100,000 records, and the status counts after
 * every write, so this is an indexed count and the newest `limit` by `updatedAt`, not a scan.
 * Tombstones are left out: a record deleted before it ever reached a server is nothing to upload
 * for the user, though RxDB sends its tombstone along.
 */
export async function localRecords(
  name: CrmCollectionName,
  collection: RxCollection<SyncDoc>,
  limit: number,
): Promise<{ readonly newest: PendingChange[]; readonly count: number }> {
  const [count, docs] = await Promise.all([
    collection.count().exec(),
    limit > 0 ? collection.find({ sort: [{ updatedAt: 'desc' }], limit }).exec() : Promise.resolve([]),
  ]);
  const newest = docs.map((doc) => {
    const data = doc.toJSON() as Record<string, unknown>;
    return {
      collection: name,
      id: String(data.id),
      title: recordTitle(data),
      changedAt: typeof data.updatedAt === 'number' ? data.updatedAt : 0,
      deleted: false,
    };
  });
  return { newest, count };
}
