import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { PendingChange } from '../../../shared/contract/sync/sync-types';
import { CRM_COLLECTION_NAMES, type CrmCollectionName } from '../../../shared/schemas/registry';
import type { CrmDatabase } from '../db/open-crm-database';
import type { SyncDoc } from './field-merge';
import { COUNT_SCAN_LIMIT, LIST_SCAN_LIMIT, listPendingChanges, localRecords, type PendingSource } from './pending-changes';
import type { Checkpoint } from '../../../shared/contract/sync/wire/pull';
import { openReplicationMeta, replicationIdentifier, type ReplicationMetaInstance } from './replication-meta';
import type { EchoFilter } from './push-writeback';
import type { SyncIdentity, SyncSideTables } from './sync-side-tables';

export type PendingReaderDeps = {
  readonly db: CrmDatabase;
  readonly tables: SyncSideTables;
  /** The running replications (signed in), if any. */
  readonly replications: () => ReadonlyMap<CrmCollectionName, RxReplicationState<SyncDoc, Checkpoint>> | undefined;
  /** Pushed documents the server already confirmed, though RxDB has not recorded them yet (running only). */
  readonly confirmed?: (name: CrmCollectionName) => Pick<EchoFilter, 'confirmed'> | undefined;
  /** Whose replication state the next push runs under: the session's, else the last one kept on this device. */
  readonly identity: () => SyncIdentity | undefined;
};

export type PendingPage = { readonly changes: ReadonlyArray<PendingChange>; readonly total: number };

/**
 * Unconfirmed and refused local changes, newest first, signed in or not: while replication runs
 * it reads the replication's own state; signed out it opens the state the next sign-in resumes;
 * never signed in, every local record is pending (pending-changes.ts, localRecords).
 */
export function createPendingReader(deps: PendingReaderDeps) {
  const collectionOf = (name: CrmCollectionName): RxCollection<SyncDoc> => deps.db[name] as unknown as RxCollection<SyncDoc>;
  const neverSynced = (): boolean => !deps.replications() && !deps.identity() && deps.tables.rejectionCount() === 0;

  async function sourceOf(
    name: CrmCollectionName,
    identity: SyncIdentity | undefined,
  ): Promise<PendingSource & { close?: () => Promise<void> }> {
    const collection = collectionOf(name);
    const fork = collection.storageInstance as PendingSource['fork'];
    const running = deps.replications()?.get(name)?.metaInstance as ReplicationMetaInstance | undefined;
    if (running) return { fork, meta: running, confirmed: deps.confirmed?.(name) };
    if (!identity) return { fork, meta: undefined };
    const meta = await openReplicationMeta(collection, replicationIdentifier(identity, name));
    return { fork, meta, close: () => meta.close() };
  }

  async function listCollection(
    name: CrmCollectionName,
    identity: SyncIdentity | undefined,
    scanLimit: number,
  ): Promise<{ readonly changes: PendingChange[]; readonly beyond: number }> {
    const source = await sourceOf(name, identity);
    try {
      return await listPendingChanges(name, source, scanLimit);
    } finally {
      await source.close?.();
    }
  }

  /**
   * Every pending change (bounded per collection by the scan) with the refused ones merged in, and
   * how many more lie past the scans' bounds (counted, not listed).
   */
  async function scanAll(scanLimit: number): Promise<{ readonly changes: PendingChange[]; readonly beyond: number }> {
    const identity = deps.identity();
    const lists = await Promise.all(CRM_COLLECTION_NAMES.map((name) => listCollection(name, identity, scanLimit)));
    const byKey = new Map<string, PendingChange>();
    for (const change of lists.flatMap((list) => list.changes)) byKey.set(`${change.collection}/${change.id}`, change);
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
    const changes = [...byKey.values()].sort((a, b) => b.changedAt - a.changedAt);
    return { changes, beyond: lists.reduce((n, list) => n + list.beyond, 0) };
  }

  async function allLocal(limit: number): Promise<PendingPage> {
    const perCollection = await Promise.all(CRM_COLLECTION_NAMES.map((name) => localRecords(name, collectionOf(name), limit)));
    const changes = perCollection
      .flatMap((c) => c.newest)
      .sort((a, b) => b.changedAt - a.changedAt)
      .slice(0, limit);
    return { changes, total: perCollection.reduce((n, c) => n + c.count, 0) };
  }

  return {
    /** Unconfirmed changes; refused ones not included (the status counts those apart). */
    async count(): Promise<number> {
      if (neverSynced()) return (await allLocal(0)).total;
      const all = await scanAll(COUNT_SCAN_LIMIT);
      return all.changes.filter((change) => !change.error).length + all.beyond;
    },
    /** The newest `limit` unconfirmed or refused changes, and how many there are. */
    async page(limit: number): Promise<PendingPage> {
      if (neverSynced()) return allLocal(limit);
      const all = await scanAll(LIST_SCAN_LIMIT);
      return { changes: all.changes.slice(0, limit), total: all.changes.length + all.beyond };
    },
  };
}
