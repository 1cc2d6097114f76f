import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import { CRM_COLLECTION_NAMES, type CrmCollectionName } from '../../../shared/schemas/registry';
import type { CrmDatabase } from '../db/open-crm-database';
import type { SyncDoc } from './field-merge';
import { countPendingChanges, listPendingChanges, type PendingSource } from './pending-changes';
import type { Checkpoint } from './pull-stream';
import { openReplicationMeta, replicationIdentifier, type ReplicationMetaInstance } from './replication-meta';
import type { SyncIdentity, SyncSideTables } from './sync-side-tables';

export type PendingReaderDeps = {
  readonly db: CrmDatabase;
  readonly tables: SyncSideTables;
  /** The running replications (signed in), if any. */
  readonly replications: () => ReadonlyMap<CrmCollectionName, RxReplicationState<SyncDoc, Checkpoint>> | undefined;
  /** Whose replication state the next push runs under: the session's, else the last one kept on this device. */
  readonly identity: () => SyncIdentity | undefined;
};

/**
 * Unconfirmed and refused local changes, newest first, signed in or not: while replication runs
 * it reads the replication's own state; signed out it opens the state the next sign-in resumes
 * (or, never signed in, counts every local record, all of which the first sign-in uploads).
 */
export function createPendingReader(deps: PendingReaderDeps) {
  async function sourceOf(
    name: CrmCollectionName,
    identity: SyncIdentity | undefined,
  ): Promise<PendingSource & { close?: () => Promise<void> }> {
    const collection = deps.db[name] as unknown as RxCollection<SyncDoc>;
    const fork = collection.storageInstance as PendingSource['fork'];
    const running = deps.replications()?.get(name)?.metaInstance as ReplicationMetaInstance | undefined;
    if (running) return { fork, meta: running };
    if (!identity) return { fork, meta: undefined };
    const meta = await openReplicationMeta(collection, replicationIdentifier(identity, name));
    return { fork, meta, close: () => meta.close() };
  }

  async function withSource<T>(
    name: CrmCollectionName,
    identity: SyncIdentity | undefined,
    read: (name: CrmCollectionName, source: PendingSource) => Promise<T>,
  ): Promise<T> {
    const source = await sourceOf(name, identity);
    try {
      return await read(name, source);
    } finally {
      await source.close?.();
    }
  }

  return {
    /** Unconfirmed changes, refused ones not included (the status counts those apart). */
    async count(): Promise<number> {
      const identity = deps.identity();
      // Never synced: nothing was refused either, and every record counts (one SQL count each).
      if (!identity && deps.tables.rejectionCount() === 0) {
        const counts = await Promise.all(CRM_COLLECTION_NAMES.map((name) => withSource(name, undefined, countPendingChanges)));
        return counts.reduce((n, c) => n + c, 0);
      }
      return (await this.list()).filter((change) => !change.error).length;
    },
    async list(): Promise<PendingChange[]> {
      const identity = deps.identity();
      const lists = await Promise.all(CRM_COLLECTION_NAMES.map((name) => withSource(name, identity, listPendingChanges)));
      const byKey = new Map<string, PendingChange>();
      for (const change of lists.flat()) byKey.set(`${change.collection}/${change.id}`, change);
      for (const r of deps.tables.listRejections(10_000)) {
        const key = `${r.collection}/${r.docId}`;
        const doc = (r.rejectedDoc ?? {}) as Record<string, unknown>;
        const base = byKey.get(key) ?? {
          collection: r.collection,
          id: r.docId,
          title: typeof doc.name === 'string' ? doc.name : r.docId,
          changedAt: typeof doc.updatedAt === 'number' ? doc.updatedAt : r.rejectedAt,
          deleted: doc._deleted === true,
        };
        byKey.set(key, { ...base, error: r.error });
      }
      return [...byKey.values()].sort((a, b) => b.changedAt - a.changedAt);
    },
  };
}
