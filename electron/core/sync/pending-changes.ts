import { getChangedDocumentsSince, type RxCollection, type RxStorageInstance } from 'rxdb';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import type { CrmCollectionName } from '../../../shared/schemas/registry';
import { sameValue, type SyncDoc } from './field-merge';
import { recordTitle } from './record-title';
import { assumedServerStates, upstreamCheckpoint, type ReplicationMetaInstance } from './replication-meta';

/** Bounds one scan; a rep with more unsynced edits than this sees "10,000+" rather than a frozen app. */
const SCAN_LIMIT = 10_000;
const PAGE = 1000;

export type PendingSource = {
  /** The collection's own storage (RxDB's fork). */
  readonly fork: RxStorageInstance<SyncDoc, unknown, unknown, unknown>;
  /** The replication state the next push runs under; absent when nothing was ever synced under it. */
  readonly meta: ReplicationMetaInstance | undefined;
};

/**
 * Local changes the server has not confirmed, read from RxDB's own replication state rather than
 * a parallel bookkeeping that could drift, and with the rule RxDB's upstream applies when it
 * pushes: every fork document written after the upstream checkpoint whose content differs from
 * the assumed server state (or that has none) is pending. Without a replication state (never
 * signed in) every local document is pending: the first sign-in pushes all of them.
 */
export async function listPendingChanges(name: CrmCollectionName, source: PendingSource): Promise<PendingChange[]> {
  let checkpoint = source.meta ? await upstreamCheckpoint(source.meta) : undefined;
  const out: PendingChange[] = [];
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += PAGE) {
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
      const data = stripLocal(doc);
      const master = assumed?.get(String(doc.id));
      if (master && sameValue(stripLocal(master), data)) continue;
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
  return out;
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

function stripLocal(doc: object): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return rest;
}
