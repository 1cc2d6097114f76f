import { createRevision, type RxCollection, type RxDocumentData, type RxReplicationWriteToMasterRow } from 'rxdb';
import { Observable } from 'rxjs';
import type { PushAccepted } from '../../../shared/contract/sync/wire/push';
import { SERVER_MANAGED_FIELDS } from '../../../shared/schemas/primitives';
import { sameDocument, type SyncDoc } from './field-merge';

/** Context of the write-back's storage write (it shows in change events and storage errors). */
export const WRITEBACK_CONTEXT = 'sync-push-writeback';

/** Past this many unanswered echoes the filter forgets them: the pull then handles them as before. */
const MAX_EXPECTED_ECHOES = 250_000;

/**
 * Our own pushes come back in the pull (the server's feed holds every write). Once written back,
 * such an echo has nothing left to do: the record holds that revision, or a newer local edit that
 * RxDB would keep anyway. The filter drops pulled documents at exactly the revision we were told
 * for them, so a first upload does not run a second pass over every record it sent. A record
 * changed on the server again since comes at a higher revision and passes.
 */
export function createEchoFilter() {
  const expected = new Map<string, number>();
  /** The `_rev` each written-back document got (see confirmed). */
  const written = new Map<string, string>();
  /** Pushes not yet answered, by the ids they carry: their echo can come before their answer. */
  const inflight = new Map<string, Promise<unknown>>();
  /** When a push last started or ended (pushesSettled). */
  let lastPushAt = 0;
  const drop = <T extends { readonly id: unknown; readonly serverRevision?: unknown }>(documents: T[]): T[] => {
    if (expected.size === 0) return documents;
    const kept = documents.filter((doc) => {
      const id = String(doc.id);
      const revision = expected.get(id);
      if (revision === undefined) return true;
      if (doc.serverRevision === revision) return false;
      expected.delete(id);
      return true;
    });
    // RxDB stores the pull checkpoint only with documents: an emptied page would leave it behind,
    // and the next resync would pull every echo again. The last document stays (RxDB finds it done).
    const last = documents.at(-1);

    return kept.length === 0 && last ? [last] : kept;
  };
  return {
    /** Runs a push of these ids; a pull that brings any of them waits for its answer (see dropAfterPushes). */
    track<T>(ids: readonly string[], push: Promise<T>): Promise<T> {
      lastPushAt = Date.now();
      const settled = push.then(
        () => undefined,
        () => undefined,
      );
      for (const id of ids) inflight.set(id, settled);
      void settled.then(() => {
        lastPushAt = Date.now();
        for (const id of ids) if (inflight.get(id) === settled) inflight.delete(id);
      });
      return push;
    },
    expect(accepted: ReadonlyArray<PushAccepted>): void {
      if (expected.size + accepted.length > MAX_EXPECTED_ECHOES) expected.clear();
      for (const row of accepted) expected.set(row.id, row.serverRevision);
    },
    /**
     * The documents minus the echoes of our own pushes. The server publishes a write when it
     * commits, which can be before its answer reaches us, so documents of a push still in flight
     * wait for its answer first.
     */
    async dropAfterPushes<T extends { readonly id: unknown; readonly serverRevision?: unknown }>(documents: T[]): Promise<T[]> {
      if (inflight.size > 0) {
        const waits = new Set<Promise<unknown>>();
        for (const doc of documents) {
          const push = inflight.get(String(doc.id));
          if (push) waits.add(push);
        }
        if (waits.size > 0) await Promise.all(waits);
      }
      return drop(documents);
    },
    /** The write-back gave these local documents (id → `_rev`) the server's revision. */
    writtenBack(revisions: ReadonlyMap<string, string>): void {
      if (written.size + revisions.size > MAX_EXPECTED_ECHOES) written.clear();
      for (const [id, rev] of revisions) written.set(id, rev);
    },
    /**
     * The local document is still exactly what the server confirmed (its push was answered and
     * written back, and nothing wrote it since), though RxDB records a push only once its whole
     * batch is answered. The pending count leaves such documents out.
     */
    confirmed(id: string, rev: string): boolean {
      return written.get(id) === rev;
    },
    /** Resolves once no push has been in flight for `quietMs`, counted from now at the earliest. */
    pushesSettled(quietMs: number): Promise<void> {
      const since = Date.now();
      return new Promise((resolve) => {
        const check = (): void => {
          const quiet = Date.now() - Math.max(lastPushAt, since);
          if (inflight.size === 0 && quiet >= quietMs) resolve();
          else setTimeout(check, Math.max(50, quietMs - quiet));
        };
        check();
      });
    },
    /** Forgets every expected echo (a pull from the start must see everything). */
    clear(): void {
      expected.clear();
      written.clear();
    },
    get size(): number {
      return expected.size;
    },
  };
}

export type EchoFilter = ReturnType<typeof createEchoFilter>;

/**
 * Gives pushed rows the revision the server stored them at, so the echo of our own push in the
 * pull finds nothing to do and the next push of the record assumes the right revision, without a
 * second round trip or a conflict cycle per row.
 *
 * Two places learn the revision:
 * - The row's new state, which RxDB keeps (the same object) as the state it assumes the server
 *   has once the handler returns; so the next push sends the revision back.
 * - The local document, in one storage write per batch, when it still is what was pushed. A
 *   record edited since keeps the edit (the write is skipped, or refused by the storage's revision
 *   check); its next push carries the revision from the assumed state. `_meta.lwt` is kept, so the
 *   write does not put the record back in the change feed the upstream reads: only the
 *   server-managed fields change.
 *
 * Returns the `_rev` of each local document that took its revision, by id.
 */
export async function writeBackAccepted(
  collection: RxCollection<SyncDoc>,
  rows: ReadonlyArray<RxReplicationWriteToMasterRow<SyncDoc>>,
  accepted: ReadonlyArray<PushAccepted>,
): Promise<Map<string, string>> {
  const done = new Map<string, string>();
  if (accepted.length === 0) return done;
  const byId = new Map(accepted.map((a) => [a.id, a]));
  const pushed = new Map<string, SyncDoc>();
  for (const row of rows) {
    const id = String(row.newDocumentState.id);
    if (byId.has(id)) pushed.set(id, row.newDocumentState);
  }
  if (pushed.size === 0) return done;
  const current = await collection.storageInstance.findDocumentsById([...pushed.keys()], true);
  const token = collection.database.token;
  const writes = [];
  for (const doc of current) {
    const id = String(doc.id);
    const state = pushed.get(id);
    const revision = byId.get(id);
    if (!state || !revision || !sameDocument(doc, state, SERVER_MANAGED)) continue;
    const document: RxDocumentData<SyncDoc> = {
      ...doc,
      serverRevision: revision.serverRevision,
      serverUpdatedAt: revision.serverUpdatedAt,
      _rev: createRevision(token, doc),
    };
    writes.push({ previous: doc, document });
  }
  // The assumed server state: the same objects RxDB stores once this handler returns.
  for (const [id, state] of pushed) {
    const revision = byId.get(id) as PushAccepted;
    const target = state as Record<string, unknown>;
    target.serverRevision = revision.serverRevision;
    target.serverUpdatedAt = revision.serverUpdatedAt;
  }
  if (writes.length === 0) return done;
  // Below RxDB's wrapper, which would stamp a new `_meta.lwt` on every row.
  const result = await collection.storageInstance.originalStorageInstance.bulkWrite(writes, WRITEBACK_CONTEXT);
  const refused = new Set(result.error.map((error) => error.documentId));
  for (const { document } of writes) {
    const id = String(document.id);
    if (!refused.has(id)) done.set(id, document._rev);
  }
  return done;
}

/** Fields only the server sets: a pushed state and the local document may differ there alone. */
const SERVER_MANAGED: ReadonlySet<string> = new Set(SERVER_MANAGED_FIELDS);

/** How long no push may have been in flight before a held RESYNC goes on (see holdResyncWhilePushing). */
const RESYNC_QUIET_MS = 500;

/**
 * The pull stream for RxDB, minus the echoes of our own pushes, with the stream's RESYNC held
 * while an upload runs. RxDB holds every stream item while it pushes and then takes them in
 * order; a RESYNC first (the stream sends one on connecting) would make it drop the items after
 * it and pull again from its stored checkpoint, which lags by the whole upload: every echo would
 * come again. Held until the pushes settle, the RESYNC comes after those items instead, and the
 * pull it asks for starts where they left off. With no upload running it passes after
 * RESYNC_QUIET_MS (an upload about to start when the stream connects is caught that way).
 */
export function holdResyncWhilePushing<T extends { readonly id: unknown; readonly serverRevision?: unknown }, C>(
  source: Observable<'RESYNC' | { documents: T[]; checkpoint: C }>,
  echoes: EchoFilter,
): Observable<'RESYNC' | { documents: T[]; checkpoint: C }> {
  return new Observable((subscriber) => {
    let chain = Promise.resolve();
    let held = false;
    const subscription = source.subscribe({
      next(item) {
        if (item === 'RESYNC') {
          if (held) return;
          held = true;
          void echoes.pushesSettled(RESYNC_QUIET_MS).then(() => {
            chain = chain.then(() => {
              held = false;
              if (!subscriber.closed) subscriber.next('RESYNC');
            });
          });
          return;
        }
        chain = chain.then(async () => {
          const documents = await echoes.dropAfterPushes(item.documents);
          if (!subscriber.closed) subscriber.next({ ...item, documents });
        });
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => void chain.then(() => subscriber.complete()),
    });
    return () => subscription.unsubscribe();
  });
}
