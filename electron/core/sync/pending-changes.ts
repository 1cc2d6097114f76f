import { getChangedDocumentsSince, normalizeMangoQuery, prepareQuery, type RxStorageInstance } from 'rxdb';
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
 * How many `listPendingChanges` would list. Never synced, that is every document the store holds
 * (tombstones too: the first push sends them), which one SQL count answers without reading any;
 * a local-only store can hold a seeded or imported 100,000 records, and this runs after every write.
 */
export async function countPendingChanges(name: CrmCollectionName, source: PendingSource): Promise<number> {
  if (source.meta) return (await listPendingChanges(name, source)).length;
  const schema = source.fork.schema;
  const all = prepareQuery(schema, normalizeMangoQuery(schema, { selector: {} }));
  return Math.min((await source.fork.count(all)).count, SCAN_LIMIT);
}

function stripLocal(doc: object): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return rest;
}
