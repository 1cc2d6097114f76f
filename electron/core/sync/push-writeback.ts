import { createRevision, type RxCollection, type RxReplicationWriteToMasterRow, type RxStorageInstance } from 'rxdb';
import { modifyDocuments } from '../storage/sqlite';
import type { PushAccepted } from '../../../shared/contract/sync/wire/push';
import { SERVER_MANAGED_FIELDS } from '../../../shared/schemas/primitives';
import { sameDocument, type SyncDoc } from './field-merge';
import { PUSH_ADOPTION_CONTEXT, SERVER_BOOKKEEPING_CONTEXT } from '../db/domain-changes';

/** Context of the write-back's storage write (it shows in change events and storage errors). */
export const WRITEBACK_CONTEXT = SERVER_BOOKKEEPING_CONTEXT;

/**
 * Rows a push sent as the signed-in rep's though the local document still belongs to `from`, the
 * user of the app before any sign-in (see adoptForPush in collection-replication.ts).
 */
export type PushAdoption = { readonly from: string; readonly ids: ReadonlySet<string> };

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
      const settled = push.then(
        () => undefined,
        () => undefined,
      );
      for (const id of ids) inflight.set(id, settled);
      void settled.then(() => {
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
 * - The local document, in one storage transaction per batch that reads each row and rewrites
 *   it when it still is what was pushed. A record edited since keeps the edit (it is left as it
 *   is); its next push carries the revision from the assumed state. `_meta.lwt` is kept, so the
 *   write does not put the record back in the change feed the upstream reads: only the
 *   server-managed fields change.
 *
 * A row pushed as the rep's while the local document still belongs to the app's local user
 * (`adoption`) takes the rep as its owner in the same write: a record imported before the first
 * sign-in is written once on its way up, not once to adopt it and once more for its revision.
 *
 * Returns the `_rev` of each local document that took its revision, by id.
 */
export async function writeBackAccepted(
  collection: RxCollection<SyncDoc>,
  rows: ReadonlyArray<RxReplicationWriteToMasterRow<SyncDoc>>,
  accepted: ReadonlyArray<PushAccepted>,
  adoption?: PushAdoption,
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
  const token = collection.database.token;
  // One transaction reads each row and writes it back if it still is what was pushed. Below
  // RxDB's wrapper, which would stamp a new `_meta.lwt` on every row.
  const written = await modifyDocuments(
    collection.storageInstance.originalStorageInstance as RxStorageInstance<SyncDoc, unknown, unknown, unknown>,
    [...pushed.keys()],
    (doc) => {
      const id = String(doc.id);
      const state = pushed.get(id);
      const revision = byId.get(id);
      if (!state || !revision) return undefined;
      const adopting = adoption?.ids.has(id) === true && doc.ownerId === adoption.from;
      const local = adopting ? { ...doc, ownerId: state.ownerId, teamId: state.teamId } : doc;
      if (!sameDocument(local, state, SERVER_MANAGED)) return undefined;
      return {
        ...local,
        serverRevision: revision.serverRevision,
        serverUpdatedAt: revision.serverUpdatedAt,
        _rev: createRevision(token, doc),
      };
    },
    adoption && [...pushed.keys()].some((id) => adoption.ids.has(id)) ? PUSH_ADOPTION_CONTEXT : WRITEBACK_CONTEXT,
  );
  // The assumed server state: the same objects RxDB stores once this handler returns.
  for (const [id, state] of pushed) {
    const revision = byId.get(id) as PushAccepted;
    const target = state as Record<string, unknown>;
    target.serverRevision = revision.serverRevision;
    target.serverUpdatedAt = revision.serverUpdatedAt;
  }
  for (const document of written) done.set(String(document.id), document._rev);
  return done;
}

/** Fields only the server sets: a pushed state and the local document may differ there alone. */
const SERVER_MANAGED: ReadonlySet<string> = new Set(SERVER_MANAGED_FIELDS);
