import { setMaxListeners } from 'node:events';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { auditTime, debounceTime, merge, Subscription, type Observable } from 'rxjs';
import { createRevision, type RxCollection, type RxStorageInstance } from 'rxdb';
import { normalizeMangoQuery, now as writeTime, prepareQuery } from 'rxdb/plugins/core';
import { modifyDocuments } from '../storage/sqlite';
import { OWNERSHIP_ADOPTION_CONTEXT } from '../db/domain-changes';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { AuthSession, SignInResult, SyncError, SyncStatus } from '../../../shared/contract/sync/sync-types';
import { crmCollections, CRM_COLLECTION_NAMES, type CrmCollectionName } from '../../../shared/schemas/registry';
import type { Actor } from '../customers/record-store';
import type { CrmDatabase } from '../db/open-crm-database';
import type { EventSink } from '../rpc/session';
import { createAuthSessionManager } from './auth-session';
import { startCollectionReplication } from './collection-replication';
import { createConnectivity, type Connectivity } from './connectivity';
import type { SyncDoc } from './field-merge';
import { createPendingReader } from './pending-reader';
import { createEchoFilter, type EchoFilter } from './push-writeback';
import type { Checkpoint } from '../../../shared/contract/sync/wire/pull';
import { replicationIdentifier } from './replication-meta';
import { createStatusTracker } from './sync-status-tracker';
import { createSyncSideTables } from './sync-side-tables';
import type { TokenStore } from './token-store';

export type SyncEngineOptions = {
  readonly db: CrmDatabase;
  /** The SQLite connection of the database file (side tables live next to the documents). */
  readonly connection: () => BetterSqlite3.Database;
  readonly tokenStore: TokenStore;
  readonly now?: () => number;
  readonly log: (message: string, error: unknown) => void;
  /** Who owns records written before the first sign-in; the signed-in rep adopts them. */
  readonly localActor?: Actor;
  /** Tests shorten the idle health probe. */
  readonly healthyProbeMs?: number;
};

type Run = {
  readonly controller: AbortController;
  readonly connectivity: Connectivity;
  readonly replications: Map<CrmCollectionName, RxReplicationState<SyncDoc, Checkpoint>>;
  readonly echoes: Map<CrmCollectionName, EchoFilter>;
  readonly subscription: Subscription;
};

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/**
 * Recounts follow a burst of events 300 ms after it settles, and every three seconds while it
 * lasts: an upload writes back every few hundred milliseconds, and a plain debounce would hold the
 * count until the very end.
 */
function quieted(events: Observable<unknown>): Observable<unknown> {
  return merge(events.pipe(debounceTime(300)), events.pipe(auditTime(3000)));
}

/** Records adopted per storage write (see adoptLocalRecords). */
const ADOPT_CHUNK = 5_000;

/** Who the signed-in user writes as: the server accepts records of this owner and team. */
function actorOf(session: { readonly user: { readonly userId: string; readonly teamId?: string | null } } | undefined): Actor | undefined {
  return session ? { ownerId: session.user.userId, teamId: session.user.teamId ?? session.user.userId } : undefined;
}

/**
 * Owns sign-in and the twelve replications: starts them after sign-in (or at start-up when a
 * stored session exists, offline included), stops them on sign-out, and turns their many signals
 * into one status. Conflicts and rejections are kept in side tables (sync-side-tables.ts).
 */
export function createSyncEngine(options: SyncEngineOptions) {
  const now = options.now ?? Date.now;
  const tables = createSyncSideTables(options.connection(), now);
  const sinks = new Set<EventSink>();
  const broadcast: EventSink = (event, payload) => {
    for (const sink of sinks) sink(event, payload);
  };
  const tracker = createStatusTracker((status) => broadcast('sync.status', status), now);
  const auth = createAuthSessionManager(options.tokenStore, {
    onExpired: (error) => {
      void stop(false).then(() => {
        tracker.update((i) => ((i.signedIn = false), (i.fatal = error)));
        recountPending();
      });
    },
  });
  let run: Run | undefined;
  let closed = false;
  const pending = createPendingReader({
    db: options.db,
    tables,
    replications: () => run?.replications,
    confirmed: (name) => run?.echoes.get(name),
    identity: () => {
      const s = auth.current();
      return s ? { serverUrl: s.serverUrl, userId: s.user.userId } : tables.lastIdentity();
    },
  });
  // Local writes change what is pending whether or not anyone is signed in; debounced, it scans the store.
  const localWrites = quieted(merge(...CRM_COLLECTION_NAMES.map((name) => options.db[name].eventBulks$))).subscribe(() => recountPending());

  const conflictsChanged = (): void => broadcast('conflicts.changed', { total: tables.openConflictCount() });
  const refreshRejected = (): void => tracker.update((i) => (i.rejectedChanges = tables.rejectionCount()));

  function start(): void {
    const session = auth.current();
    if (!session || run || closed) return;
    tables.rememberIdentity({ serverUrl: session.serverUrl, userId: session.user.userId });
    const controller = new AbortController();
    // Every request, stream and backoff of the twelve replications listens on this one signal.
    setMaxListeners(0, controller.signal);
    const connectivity = createConnectivity({
      serverUrl: () => auth.current()?.serverUrl,
      onChange: (state) => tracker.update((i) => (i.online = state === 'online')),
      healthyProbeMs: options.healthyProbeMs,
      log: options.log,
    });
    const replications = new Map<CrmCollectionName, RxReplicationState<SyncDoc, Checkpoint>>();
    const echoes = new Map<CrmCollectionName, EchoFilter>();
    const subscription = new Subscription();
    const startingUp: CrmCollectionName[] = [];
    const reporter = {
      ok: () => tracker.update((i) => (i.transient = undefined)),
      transient: (error: SyncError) => tracker.update((i) => (i.transient = error)),
      fatal: (error: SyncError) => tracker.update((i) => (i.fatal = error)),
      progress: (collection: CrmCollectionName, pulled: number, done: boolean, total?: number, held?: number) =>
        tracker.progress(collection, { pulled, done, ...(total === undefined ? {} : { total }), ...(held ? { held } : {}) }),
      pushed: (_collection: CrmCollectionName, count: number) => tracker.pushed(count),
      streamConnected: () => undefined,
      conflictsChanged,
      rejectionsChanged: refreshRejected,
    };
    for (const name of CRM_COLLECTION_NAMES) {
      echoes.set(name, createEchoFilter());
      const replication = startCollectionReplication({
        name,
        version: crmCollections[name].version,
        collection: options.db[name] as unknown as RxCollection<SyncDoc>,
        identifier: replicationIdentifier({ serverUrl: session.serverUrl, userId: session.user.userId }, name),
        auth,
        connectivity,
        tables,
        reporter,
        signal: controller.signal,
        echoes: echoes.get(name) as EchoFilter,
        ...(options.localActor ? { adopt: { from: options.localActor.ownerId, to: () => actorOf(auth.current()) } } : {}),
        log: options.log,
      });
      replications.set(name, replication);
      startingUp.push(name);
      replication.awaitInitialReplication().then(
        () => {
          if (run?.replications.get(name) !== replication) return;
          tracker.update((i) => i.starting.delete(name));
          void adoptLocalRecords(name).catch((error: unknown) => {
            if (!controller.signal.aborted) options.log(`adopting local records of ${name} failed`, error);
          });
        },
        // It rejects when the replication is cancelled (sign-out, close): only otherwise worth a line.
        (error: unknown) => {
          if (!controller.signal.aborted) options.log(`first replication of ${name} failed`, error);
        },
      );
      subscription.add(replication.active$.subscribe((active) => tracker.update((i) => i.active.set(name, active))));
      subscription.add(
        replication.error$.subscribe((error) => {
          if (!controller.signal.aborted) options.log(`replication of ${name} reported an error`, error);
        }),
      );
    }
    // ... and replication progress (a push confirmed) too.
    const triggers: Observable<unknown>[] = [...replications.values()].flatMap((r) => [r.active$, r.sent$]);
    subscription.add(quieted(merge(...triggers)).subscribe(() => recountPending()));
    run = { controller, connectivity, replications, echoes, subscription };
    tracker.reset(true);
    tracker.update((i) => startingUp.forEach((name) => i.starting.add(name)));
    refreshRejected();
    recountPending();
  }

  async function stop(wipe: boolean): Promise<void> {
    const current = run;
    run = undefined;
    if (!current) return;
    current.controller.abort(new Error('sync stopped'));
    current.connectivity.stop();
    current.subscription.unsubscribe();
    // remove() also drops RxDB's replication meta (assumed master states, checkpoints).
    await Promise.all([...current.replications.values()].map((r) => (wipe ? r.remove() : r.cancel())));
  }

  let recounting: Promise<void> | undefined;
  let recountAgain = false;
  /** One count at a time; a request meanwhile runs once more afterwards (it may have missed a write). */
  function recountPending(): void {
    if (closed) return;
    if (recounting) {
      recountAgain = true;
      return;
    }
    recounting = countOnce().finally(() => {
      recounting = undefined;
      if (recountAgain) {
        recountAgain = false;
        recountPending();
      }
    });
  }

  async function countOnce(): Promise<void> {
    try {
      const count = await pending.count();
      tracker.update((i) => (i.pendingChanges = count));
    } catch (error) {
      if (!closed) options.log('counting pending changes failed', error);
    }
  }

  /**
   * Records written while signed out (local-only mode) belong to the local actor, which the server
   * would refuse as another owner's. The upload sends them as the signed-in rep's, and its
   * write-back makes the rep their local owner (adoptForPush in collection-replication.ts): one
   * write per record on the way up. Whatever still belongs to the local actor once a collection's
   * first replication is done (a record the server refused, say) is adopted here: chunks found by
   * a storage query (no RxDocument is made for them), each rewritten in one transaction that reads
   * every row once. The rewrite is below RxDB's wrapper, so it stamps the revision and write time
   * as RxDB would: the records are new changes for the next push.
   */
  async function adoptLocalRecords(name: CrmCollectionName): Promise<void> {
    const rep = actorOf(auth.current());
    const local = options.localActor;
    if (!rep || !local) return;
    const collection = options.db[name] as unknown as RxCollection<SyncDoc>;
    const schema = collection.schema.jsonSchema;
    const token = collection.database.token;
    const instance = collection.storageInstance.originalStorageInstance as RxStorageInstance<SyncDoc, unknown, unknown, unknown>;
    const query = prepareQuery(
      schema,
      normalizeMangoQuery(schema, { selector: { ownerId: local.ownerId, _deleted: { $eq: false } }, limit: ADOPT_CHUNK }),
    );
    for (;;) {
      const { documents } = await instance.query(query);
      if (documents.length === 0) break;
      const adopted = await modifyDocuments(
        instance,
        documents.map((doc) => String(doc.id)),
        (doc) =>
          doc.ownerId === local.ownerId && !doc._deleted
            ? { ...doc, ...rep, _rev: createRevision(token, doc), _meta: { ...doc._meta, lwt: writeTime() } }
            : undefined,
        OWNERSHIP_ADOPTION_CONTEXT,
      );
      if (adopted.length === 0) throw new Error(`adopting ${name}: ${documents.length} records found but none could be rewritten`);
    }
  }

  async function wipeLocalData(): Promise<void> {
    for (const name of CRM_COLLECTION_NAMES) {
      const collection = options.db[name] as unknown as RxCollection<SyncDoc>;
      await collection.find().remove();
      // Tombstones too: a later sign-in must not push the previous user's deletes.
      await collection.storageInstance.cleanup(0);
    }
    tables.wipe();
  }

  return {
    tables,
    subscribe(sink: EventSink): () => void {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async start(): Promise<void> {
      await auth.restore();
      if (auth.current()) start();
      else recountPending();
    },
    status: (): SyncStatus => tracker.current(),
    session(): AuthSession {
      const s = auth.current();
      return s ? { signedIn: true, serverUrl: s.serverUrl, user: s.user } : { signedIn: false };
    },
    /** Who writes new records: the signed-in user, so the server accepts them. */
    actor: (): Actor | undefined => actorOf(auth.current()),
    async signIn(serverUrl: string, email: string, password: string): Promise<SignInResult> {
      const result = await auth.signIn(serverUrl, email, password, AbortSignal.timeout(20_000));
      if (!result.signedIn) return result;
      await stop(false);
      start();
      return result;
    },
    async signOut(wipe: boolean): Promise<void> {
      await stop(wipe);
      await auth.signOut(AbortSignal.timeout(5_000)).catch((error: unknown) => options.log('sign-out request failed', error));
      if (wipe) await wipeLocalData();
      tracker.reset(false);
      refreshRejected();
      conflictsChanged();
      recountPending();
    },
    syncNow(): SyncStatus {
      if (run) {
        run.connectivity.kick();
        for (const replication of run.replications.values()) replication.reSync();
      }
      return tracker.current();
    },
    /** The newest `limit` unconfirmed or refused changes, and how many there are. */
    pendingChanges: (limit: number) => pending.page(limit),
    /** Tests and the bench: resolves when every collection has pulled and pushed what it knows of. */
    async awaitInSync(): Promise<void> {
      if (run) await Promise.all([...run.replications.values()].map((r) => r.awaitInSync()));
    },
    conflictsChanged,
    async close(): Promise<void> {
      closed = true;
      localWrites.unsubscribe();
      await stop(false);
      await recounting;
      sinks.clear();
    },
  };
}
