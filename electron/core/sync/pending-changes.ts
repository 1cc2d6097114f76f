import { getAssumedMasterState, getChangedDocumentsSince, getLastCheckpointDoc, type RxStorageInstanceReplicationState } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import type { CrmCollectionName } from '../../../shared/schemas/registry';
import { sameValue, type SyncDoc } from './field-merge';
import type { Checkpoint } from './pull-stream';
import { recordTitle } from './record-title';

/** Bounds one scan; a rep with more unsynced edits than this sees "10,000+" rather than a frozen app. */
const SCAN_LIMIT = 10_000;
const PAGE = 1000;

/**
 * Local changes the server has not confirmed, read from RxDB's own replication state rather than
 * a parallel bookkeeping that could drift: every fork document written after the upstream
 * checkpoint whose content differs from the assumed master state (or that has none) is pending.
 */
export async function listPendingChanges(
  name: CrmCollectionName,
  replication: RxReplicationState<SyncDoc, Checkpoint>,
): Promise<PendingChange[]> {
  const state = replication.internalReplicationState as RxStorageInstanceReplicationState<SyncDoc> | undefined;
  if (!state || replication.isStopped()) return [];
  let checkpoint = await getLastCheckpointDoc<SyncDoc, unknown>(state, 'up');
  const out: PendingChange[] = [];
  for (let scanned = 0; scanned < SCAN_LIMIT; scanned += PAGE) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, PAGE, checkpoint);
    if (page.documents.length === 0) break;
    checkpoint = page.checkpoint;
    const ids = page.documents.map((doc) => String(doc.id));
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const { _meta: _m, _rev: _r, _attachments: _a, ...data } = doc as unknown as Record<string, unknown>;
      const master = assumed[String(doc.id)];
      if (master && sameValue(stripLocal(master.docData), data)) continue;
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

function stripLocal(doc: object): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as Record<string, unknown>;
  return rest;
}
