import { concatMap } from 'rxjs';
import type { RxCollection, RxConflictHandler, RxReplicationWriteToMasterRow, WithDeleted } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { CrmCollectionName } from '../../../shared/schemas/registry';
import type { AuthSessionManager } from './auth-session';
import type { Connectivity } from './connectivity';
import { mergeDocuments, sameDocument, type SyncDoc } from './field-merge';
import { pullPath, pullResponseSchema, type Checkpoint, type PullResponse } from '../../../shared/contract/sync/wire/pull';
import { pushPath, pushResponseSchema, type PushRow } from '../../../shared/contract/sync/wire/push';
import { streamPath } from '../../../shared/contract/sync/wire/stream';
import { createPullStream } from './pull-stream';
import { writeBackAccepted, type EchoFilter } from './push-writeback';
import { recordTitle } from './record-title';
import { requestWithRetry, type HandlerReporter } from './replication-handlers';
import type { SyncSideTables } from './sync-side-tables';

/** The server's maximum page: the first sync is bound by round trips, so each request asks for as much as the server allows. */
export const PULL_BATCH = 5000;
/** The server's maximum rows per push request. */
export const PUSH_REQUEST_ROWS = 500;
/**
 * Rows RxDB hands the push handler at once. The handler sends them as requests of
 * PUSH_REQUEST_ROWS, PUSH_IN_FLIGHT at a time, so the server stores one request while the client
 * writes back the answer to the previous one: a large first upload is bound by the slower of the
 * two, not by their sum.
 */
export const PUSH_BATCH = 5000;
const PUSH_IN_FLIGHT = 3;

export type CollectionReplicationDeps = {
  readonly name: CrmCollectionName;
  readonly version: number;
  readonly collection: RxCollection<SyncDoc>;
  readonly identifier: string;
  readonly auth: AuthSessionManager;
  readonly connectivity: Connectivity;
  readonly tables: SyncSideTables;
  readonly reporter: HandlerReporter & {
    /** Distinct records pulled in an initial sync or a full resync; `done` when caught up. */
    readonly progress: (collection: CrmCollectionName, pulled: number, done: boolean, total?: number, held?: number) => void;
    /** The server confirmed this many pushed changes. */
    readonly pushed: (collection: CrmCollectionName, count: number) => void;
    readonly streamConnected: (collection: CrmCollectionName, connected: boolean) => void;
    readonly conflictsChanged: () => void;
    readonly rejectionsChanged: () => void;
  };
  readonly signal: AbortSignal;
  /** This collection's echoes of our own pushes (push-writeback.ts); the pending count reads it too. */
  readonly echoes: EchoFilter;
  /**
   * Records owned by `from` (the app's user before any sign-in) are pushed as `to`'s, the
   * signed-in rep's: see adoptForPush.
   */
  readonly adopt?: { readonly from: string; readonly to: () => { readonly ownerId: string; readonly teamId: string } | undefined };
  readonly log: (message: string, error: unknown) => void;
};

type Resync = { readonly seen: Set<string> };

export function startCollectionReplication(deps: CollectionReplicationDeps): RxReplicationState<SyncDoc, Checkpoint> {
  const { name, version, auth, tables, reporter } = deps;
  const loop = { auth, connectivity: deps.connectivity, reporter, signal: deps.signal };
  let resync: Resync | undefined;
  /**
   * A pull from the start counts distinct ids, not documents received: a record changed on the
   * server during the sync comes again later in the feed, and a page is fetched again when RxDB
   * restarts the pull (stream RESYNC) or a request is retried. `total` comes with the first page.
   * A first sync cut short by closing the app goes on from its checkpoint in the next run: its first
   * page says how many records there are and how many lie past the checkpoint, so `held` (what came
   * before the checkpoint) is their difference.
   */
  let progress: { seen: Set<string>; total?: number; held: number } | undefined;
  let resumeChecked = false;
  let prefetched: { key: string; page: Promise<PullResponse | 'resync'> } | undefined;
  const echoes = deps.echoes;

  const fetchPage = async (checkpoint: Checkpoint | null, limit: number, countRemaining = false): Promise<PullResponse | 'resync'> => {
    const r = await requestWithRetry(
      loop,
      () =>
        auth.request(
          pullPath(name, version, checkpoint, limit, countRemaining),
          { method: 'GET', signal: deps.signal },
          pullResponseSchema,
        ),
      (failure) => (failure.status === 410 ? ('resync' as const) : undefined),
    );
    return r.ok ? r.body : r.special;
  };

  /**
   * The next page after `checkpoint`: the one requested ahead when it matches and is full, else a
   * new request. A short page ends the pull, and RxDB then drops the stream events that came
   * before the pull was asked for (it takes them as covered): a page requested earlier may predate
   * them, so the last page is always asked for now.
   */
  async function takePage(checkpoint: Checkpoint | null, batchSize: number, countRemaining: boolean): Promise<PullResponse | 'resync'> {
    const key = JSON.stringify([checkpoint, batchSize]);
    const ahead = prefetched?.key === key && !countRemaining ? prefetched.page : undefined;
    prefetched = undefined;
    if (countRemaining) return fetchPage(checkpoint, batchSize, true);
    if (ahead) {
      const page = await ahead;
      if (page !== 'resync' && page.documents.length >= batchSize) return page;
    }
    return fetchPage(checkpoint, batchSize);
  }

  /**
   * One server page, or several when echoes of our own pushes (EchoFilter) thinned them: RxDB
   * takes a page shorter than the batch size as "caught up", so pages are joined until the batch
   * is full or the server has no more.
   */
  async function pull(
    checkpoint: Checkpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: WithDeleted<SyncDoc>[]; checkpoint: Checkpoint | undefined }> {
    let countRemaining = false;
    if (checkpoint === undefined && !progress) {
      progress = { seen: new Set(), held: 0 };
      tables.markFirstPull(name, false);
    } else if (checkpoint !== undefined && !progress && !resumeChecked) {
      resumeChecked = true;
      if (tables.firstPullUnfinished(name)) {
        progress = { seen: new Set(), held: 0 };
        countRemaining = true;
      }
    }
    let out: SyncDoc[] = [];
    let at = checkpoint;
    for (;;) {
      let page = await takePage(at ?? null, batchSize, countRemaining);
      countRemaining = false;
      if (page === 'resync') {
        // Offline longer than the server keeps tombstones: start over, and afterwards drop local
        // copies of records the server no longer has (they were deleted while we were away).
        resync = { seen: new Set() };
        progress = { seen: new Set(), held: 0 };
        tables.markFirstPull(name, false);
        echoes.clear();
        out = [];
        page = await fetchPage(null, batchSize);
        if (page === 'resync') throw new Error('the server asked for a resync of a pull from the start');
      }
      const documents: SyncDoc[] = page.documents;
      const caughtUp = documents.length < batchSize;
      // Overlap the next request with RxDB writing this batch: the first sync is bound by round trips.
      if (!caughtUp) {
        const next = fetchPage(page.checkpoint, batchSize);
        // Unused when replication stops or resyncs first; its abort must not become an unhandled rejection.
        next.catch(() => undefined);
        prefetched = { key: JSON.stringify([page.checkpoint, batchSize]), page: next };
      }
      at = page.checkpoint ?? at;
      if (resync) for (const doc of documents) resync.seen.add(String(doc.id));
      out = out.concat(resync ? documents : await echoes.dropAfterPushes(documents));
      if (resync && caughtUp) {
        out = out.concat(await tombstonesForUnseen(deps.collection, resync.seen));
        resync = undefined;
      }
      if (progress) {
        for (const doc of documents) progress.seen.add(String(doc.id));
        if (page.remaining !== undefined && page.total !== undefined) progress.held = Math.max(0, page.total - page.remaining);
        if (page.total !== undefined) progress.total = page.total;
        reporter.progress(name, progress.seen.size, caughtUp, progress.total, progress.held);
        if (caughtUp) {
          progress = undefined;
          tables.markFirstPull(name, true);
        }
      }
      if (caughtUp || out.length >= batchSize) return { documents: out as WithDeleted<SyncDoc>[], checkpoint: at };
    }
  }

  /**
   * A record written before the first sign-in belongs to the app's local user, whom the server
   * does not know: it goes up as the signed-in rep's. The row's state is changed in place, so the
   * state RxDB keeps as the server's (the same object) names the rep too, and the write-back gives
   * the local document the rep as owner with its server revision, in one write (push-writeback.ts).
   * Returns the ids of the rows so sent.
   */
  function adoptForPush(rows: ReadonlyArray<RxReplicationWriteToMasterRow<SyncDoc>>): Set<string> {
    const adopted = new Set<string>();
    const rep = deps.adopt?.to();
    if (!deps.adopt || !rep) return adopted;
    for (const row of rows) {
      const state = row.newDocumentState as Record<string, unknown>;
      if (state.ownerId !== deps.adopt.from) continue;
      state.ownerId = rep.ownerId;
      state.teamId = rep.teamId;
      adopted.add(String(state.id));
    }
    return adopted;
  }

  /** `adopted`: the ids adoptForPush sent as the rep's (the write-back makes the rep their owner). */
  async function pushChunk(rows: ReadonlyArray<RxReplicationWriteToMasterRow<SyncDoc>>, adopted: ReadonlySet<string>): Promise<SyncDoc[]> {
    let pending = [...rows];
    while (pending.length > 0) {
      const body = pending;
      const wire: PushRow[] = body;
      const r = await requestWithRetry(
        loop,
        () => auth.request(pushPath(name, version), { method: 'POST', body: wire, signal: deps.signal }, pushResponseSchema),
        (failure) => (failure.status === 400 || failure.status === 413 ? failure : undefined),
      );
      if (r.ok) {
        const rejected = new Set(r.body.errors.map((e) => e.id));
        const conflicted = new Set(r.body.conflicts.map((d) => String(d.id)));
        reject(
          r.body.errors.map((e) => ({ id: e.id, code: e.code, message: e.message })),
          body,
        );
        const accepted = body.map((row) => String(row.newDocumentState.id)).filter((id) => !rejected.has(id) && !conflicted.has(id));
        if (tables.clearRejections(name, accepted) > 0) reporter.rejectionsChanged();
        reporter.pushed(name, accepted.length);
        try {
          const written = r.body.accepted ?? [];
          const adoption = deps.adopt && adopted.size > 0 ? { from: deps.adopt.from, ids: adopted } : undefined;
          echoes.writtenBack(await writeBackAccepted(deps.collection, body, written, adoption));
          echoes.expect(written);
        } catch (error) {
          // Only a shortcut: the pull brings the same revisions a moment later.
          if (!deps.signal.aborted) deps.log(`writing back pushed revisions of ${name} failed`, error);
        }
        return r.body.conflicts;
      }
      const failure = r.special;
      if (failure.status === 413 && body.length > 1) {
        const half = Math.ceil(body.length / 2);
        const conflicts = [...(await pushChunk(body.slice(0, half), adopted)), ...(await pushChunk(body.slice(half), adopted))];
        return conflicts;
      }
      // One invalid row fails the whole batch (400): set it aside as a rejection, push the rest.
      const bad = badRowId(failure.details) ?? (body.length === 1 ? String(body[0]?.newDocumentState.id) : undefined);
      if (bad === undefined) {
        reject(
          body.map((row) => ({ id: String(row.newDocumentState.id), code: failure.code, message: failure.message })),
          body,
        );
        return [];
      }
      reject([{ id: bad, code: failure.code, message: failure.message }], body);
      pending = body.filter((row) => String(row.newDocumentState.id) !== bad);
    }
    return [];
  }

  function reject(
    errors: ReadonlyArray<{ id: string; code: string; message: string }>,
    rows: ReadonlyArray<RxReplicationWriteToMasterRow<SyncDoc>>,
  ): void {
    if (errors.length === 0) return;
    const byId = new Map(rows.map((row) => [String(row.newDocumentState.id), row.newDocumentState]));
    tables.putRejections(
      errors.map((e) => ({
        collection: name,
        docId: e.id,
        error: { code: 'rejected', message: `${e.code}: ${e.message}` },
        rejectedDoc: byId.get(e.id) ?? null,
        rejectedAt: Date.now(),
      })),
    );
    reporter.rejectionsChanged();
  }

  deps.collection.conflictHandler = createConflictHandler(deps);

  return replicateRxCollection<SyncDoc, Checkpoint>({
    replicationIdentifier: deps.identifier,
    collection: deps.collection,
    live: true,
    // Our handlers retry on their own with backoff; this only spaces out unexpected throws.
    retryTime: 2_000,
    waitForLeadership: false,
    autoStart: true,
    pull: {
      batchSize: PULL_BATCH,
      handler: pull,
      stream$: createPullStream({
        path: streamPath(name, version),
        auth,
        connectivity: deps.connectivity,
        onConnected: (connected) => reporter.streamConnected(name, connected),
        onFatal: (status, code, message) =>
          status === 426
            ? reporter.fatal({ code: 'update_required', message })
            : reporter.transient({ code: 'internal', message: `${code}: ${message}` }),
        log: deps.log,
      }).pipe(concatMap(async (item) => (item === 'RESYNC' ? item : { ...item, documents: await echoes.dropAfterPushes(item.documents) }))),
    },
    push: {
      batchSize: PUSH_BATCH,
      handler: async (rows) => {
        // A record deleted before the server ever had it (no assumed server state: never pulled,
        // never confirmed) has nothing to delete there, and may still belong to the local-only
        // user the server refuses. It is not sent; RxDB records it as pushed, so it stops pending.
        const toSend = rows.filter((row) => row.assumedMasterState || !row.newDocumentState._deleted);
        const adopted = adoptForPush(toSend);
        const requests: Array<typeof toSend> = [];
        for (let at = 0; at < toSend.length; at += PUSH_REQUEST_ROWS) requests.push(toSend.slice(at, at + PUSH_REQUEST_ROWS));
        const conflicts = await inParallel(requests, PUSH_IN_FLIGHT, (chunk) =>
          echoes.track(
            chunk.map((row) => String(row.newDocumentState.id)),
            pushChunk(chunk, adopted),
          ),
        );
        return conflicts.flat() as WithDeleted<SyncDoc>[];
      },
    },
  });
}

function createConflictHandler(deps: CollectionReplicationDeps): RxConflictHandler<SyncDoc> {
  return {
    // Must include serverRevision: after our own push the echo differs only there, and the fork has to take it.
    isEqual: (a, b) => sameDocument(a, b),
    resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
      const merged = mergeDocuments(assumedMasterState, realMasterState, newDocumentState);
      if (merged.conflicts.length > 0) {
        const user = deps.auth.current()?.user.userId ?? 'unknown';
        const title = recordTitle(realMasterState._deleted ? newDocumentState : realMasterState);
        try {
          const added = deps.tables.addConflicts(
            merged.conflicts.map((c) => ({
              collection: deps.name,
              docId: String(realMasterState.id),
              title,
              field: c.field,
              localValue: (c.localValue ?? null) as never,
              serverValue: (c.serverValue ?? null) as never,
              ancestorValue: (c.ancestorValue ?? null) as never,
              localUserId: user,
              localChangedAt: numberOr(newDocumentState.updatedAt, 0),
              serverRevision: numberOr(realMasterState.serverRevision, 0),
              serverChangedAt: numberOr(realMasterState.serverUpdatedAt, 0),
            })),
          );
          if (added > 0) deps.reporter.conflictsChanged();
        } catch (error) {
          deps.log(`could not record ${merged.conflicts.length} conflict(s) of ${deps.name}/${String(realMasterState.id)}`, error);
        }
      }
      return merged.doc as WithDeleted<SyncDoc>;
    },
  };
}

/** `work` on every item, at most `limit` at a time; the results in the items' order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Local copies of server-known records the full resync did not bring back: deleted on the server. */
async function tombstonesForUnseen(collection: RxCollection<SyncDoc>, seen: ReadonlySet<string>): Promise<SyncDoc[]> {
  const docs = await collection.find().exec();
  return docs
    .map((doc) => doc.toMutableJSON() as Record<string, unknown>)
    .filter((data) => data.serverRevision !== undefined && !seen.has(String(data.id)))
    .map((data) => ({ ...data, id: String(data.id), _deleted: true }));
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function badRowId(details: unknown): string | undefined {
  if (!Array.isArray(details)) return undefined;
  const first = details[0] as { id?: unknown } | undefined;
  return typeof first?.id === 'string' ? first.id : undefined;
}
