import { mkdirSync } from 'node:fs';
import type { AppInfo } from '../../shared/contract';
import { createAnalyticsHandlers } from './analytics/analytics-handlers';
import { createAccountSummaryHandlers } from './customers/account-summary-handlers';
import { createAccountsHandlers } from './customers/accounts-handlers';
import { createActivitiesHandlers } from './customers/activities-handlers';
import { createContactsHandlers } from './customers/contacts-handlers';
import { createDuplicatesHandlers } from './customers/duplicates/duplicates-handlers';
import { createImportHandlers } from './customers/import/import-handlers';
import { createInsightHandlers } from './insight/insight-handlers';
import { createMarketingDashboardHandlers } from './marketing/dashboard/marketing-dashboard-handlers';
import { createDiscoverHandlers } from './marketing/discover/discover-handlers';
import { createListFilterOptionsHandlers } from './customers/list-filter-options';
import { createOutboxHandlers } from './marketing/outbox/outbox-handlers';
import { createCampaignFiguresSource } from './marketing/campaigns/campaign-figures-source';
import { createCampaignsHandlers } from './marketing/campaigns/campaigns-handlers';
import { createTemplatesHandlers } from './marketing/templates/templates-handlers';
import { createSegmentEngine, type SegmentEngine } from './marketing/segments/segment-engine';
import { createSegmentsHandlers } from './marketing/segments/segments-handlers';
import { createSegmentFilter } from './marketing/segments/segment-filter';
import type { Actor } from './customers/record-store';
import { CRM_DATABASE_NAME, openCrmDatabase, type CrmDatabase } from './db/open-crm-database';
import { createCoreHandlers } from './rpc/core-handlers';
import { createDispatcher, type Dispatcher } from './rpc/dispatcher';
import { createLiveHandlers } from './rpc/live-handlers';
import { liveTriggers } from './rpc/live-sources';
import { createReportHandlers } from './reports/report-handlers';
import type { ReportPrinter } from './reports/report-printer';
import { createSession, type EventSink, type Session } from './rpc/session';
import { createAgendaHandlers } from './sales/agenda-handlers';
import { createCatalogHandlers } from './sales/catalog-handlers';
import { createLeadsHandlers } from './sales/leads-handlers';
import { createOpportunitiesHandlers } from './sales/opportunities-handlers';
import { createQuotaHandlers } from './sales/quota-handlers';
import { createQuotesHandlers } from './sales/quotes-handlers';
import { createSearchHook, SearchIndex } from './search';
import { createCaseProjection } from './service/case-projection';
import { createCasesHandlers } from './service/cases-handlers';
import { createKnowledgeHandlers } from './service/knowledge-handlers';
import type { ServiceDeps } from './service/service-deps';
import { createServiceSettingsHandlers } from './service/service-settings-handlers';
import { createSlaReferenceSource } from './service/sla-reference';
import { createSurveysHandlers } from './service/surveys-handlers';
import { createServiceDashboardHandlers } from './reports/service-dashboard-handlers';
import { getRxStorageSqlite } from './storage/sqlite';
import { createFileTokenStore } from './sync/file-token-store';
import { createSyncEngine, type SyncEngine } from './sync/sync-engine';
import { createSyncHandlers } from './sync/sync-handlers';
import type { TokenStore } from './sync/token-store';

export type CoreOptions = {
  /** The user's data directory; the database is `<dataDir>/crm.sqlite` (where `npm run seed -- --dir` writes too). */
  readonly dataDir: string;
  /** The database's raw cipher key (32 bytes); the host keeps it (OS key store or a 0600 key file). */
  readonly databaseKey: Uint8Array;
  /** How the host keeps that key (AppInfo.keyProtection); the browser host and scripts use a key file. */
  readonly keyProtection?: AppInfo['keyProtection'];
  readonly host: AppInfo['host'];
  readonly appVersion: string;
  readonly actor?: Actor;
  readonly liveDebounceMs?: number;
  readonly now?: () => number;
  readonly log?: (message: string, error: unknown) => void;
  /** Tests only: where sync tokens live. Default: the session file encrypted under databaseKey. */
  readonly tokenStore?: TokenStore;
  /** Quiet time after a deal or activity write before the win model retrains (default 3 s). */
  readonly analyticsDebounceMs?: number;
  /** Quiet time after a purchase, account or service write before customer insight reruns (default 5 s). */
  readonly insightDebounceMs?: number;
  /** How this host prints report PDFs (system Chromium or a hidden Electron window); absent: export refuses. */
  readonly printer?: ReportPrinter;
};

/** The core as the hosts see it: sessions in, events out. Plain TypeScript, no Electron. */
export type Core = {
  /** One per connected page; `sink` receives that page's events. */
  openSession(sink: EventSink): Session;
  close(): Promise<void>;
  readonly db: CrmDatabase;
  readonly dispatcher: Dispatcher;
  readonly sync: SyncEngine;
  /** Saved segments' index: counts and ids of the records a segment selects (campaigns, dashboards, lists). */
  readonly segments: SegmentEngine;
};

/** Until sign-in exists every local write belongs to this rep (see docs of the sync work). */
export const LOCAL_ACTOR: Actor = { ownerId: 'local-user', teamId: 'local-team' };

export async function createCore(options: CoreOptions): Promise<Core> {
  const directory = options.dataDir;
  mkdirSync(directory, { recursive: true });
  const log = options.log ?? ((message, error) => console.error(`[core] ${message}`, error));

  // The storage is created here, not inside openCrmDatabase, because full-text search reads the
  // same SQLite connection the storage writes (reads see committed writes at once).
  const storage = getRxStorageSqlite({
    directory,
    hooks: [createSearchHook()],
    databaseKey: options.databaseKey,
    onBackgroundError: log,
  });
  const db = await openCrmDatabase({ directory, storage });

  let searchIndex: SearchIndex | undefined;
  const search = (): SearchIndex => {
    if (searchIndex) return searchIndex;
    const connection = storage.getConnection(CRM_DATABASE_NAME);
    if (!connection) throw new Error('The database connection is closed');
    searchIndex = new SearchIndex(connection);
    return searchIndex;
  };

  const sync = createSyncEngine({
    db,
    connection: () => {
      const connection = storage.getConnection(CRM_DATABASE_NAME);
      if (!connection) throw new Error('The database connection is closed');
      return connection;
    },
    tokenStore: options.tokenStore ?? createFileTokenStore({ directory, databaseKey: options.databaseKey, log }),
    localActor: options.actor ?? LOCAL_ACTOR,
    now: options.now,
    log,
  });

  // A getter: records created after sign-in belong to the signed-in user, or the server refuses them.
  const storeDeps = {
    db,
    get actor(): Actor {
      return sync.actor() ?? options.actor ?? LOCAL_ACTOR;
    },
    now: options.now ?? Date.now,
  };
  // A saved segment filters the customer lists; the engine is created further down (read at request time).
  const segmentFilter = createSegmentFilter(db, () => segments);
  const accounts = createAccountsHandlers(storeDeps, { segments: segmentFilter });
  const contacts = createContactsHandlers(storeDeps, { segments: segmentFilter });
  const activities = createActivitiesHandlers(storeDeps);
  // Signed in: the rep's own deals (learning from the team's). Not signed in: the local database
  // holds only what this user may see, so all of it (seeded and imported data belong to many reps).
  const analytics = createAnalyticsHandlers({
    db,
    scope: () => {
      const actor = sync.actor() ?? options.actor;
      return actor ? { ownerId: actor.ownerId, teamId: actor.teamId } : {};
    },
    retrainDebounceMs: options.analyticsDebounceMs,
    now: options.now,
    log,
  });
  const reports = createReportHandlers({
    db,
    now: storeDeps.now,
    printer: options.printer,
    debounceMs: options.liveDebounceMs,
    forecast: analytics.service.forecastSeries,
    log,
  });
  const info = (): AppInfo => ({
    name: 'FieldCRM',
    version: options.appVersion,
    host: options.host,
    dataDir: options.dataDir,
    collections: Object.keys(db.collections),
    keyProtection: options.keyProtection ?? 'key-file',
  });

  // Catalogue and quota writes need a manager or an admin: the role comes from the sign-in session.
  const editorDeps = {
    db,
    get actor(): Actor {
      return storeDeps.actor;
    },
    now: storeDeps.now,
    session: () => sync.session(),
  };

  // Service read models: SLA policies and calendars, and every case's queue and dashboard facts.
  const slaReference = createSlaReferenceSource(db);
  const caseProjection = createCaseProjection(db, { log });
  const serviceDisposers: Array<() => void> = [];
  const serviceDeps: ServiceDeps = {
    db,
    get actor(): Actor {
      return storeDeps.actor;
    },
    now: storeDeps.now,
    session: () => sync.session(),
    sla: slaReference,
    cases: caseProjection,
    search,
    log,
    onClose: (dispose) => serviceDisposers.push(dispose),
  };

  // Customer insight: every model in one worker job after start and after changes, answered from memory.
  const insight = createInsightHandlers({
    db,
    now: storeDeps.now,
    sla: () => slaReference.current(),
    debounceMs: options.insightDebounceMs,
    log,
  });

  // Segments: every account, contact and lead in an in-memory index kept current from the change streams.
  const segments = createSegmentEngine({
    db,
    insight: { current: () => insight.service.state().snapshot?.insights ?? null, changed$: insight.insightChanged$ },
    now: storeDeps.now,
    log,
  });

  // Duplicate warnings, queue and merge; the follower keeps children with merged records from the start.
  const duplicates = createDuplicatesHandlers({ db, now: storeDeps.now, session: () => sync.session(), log });

  // Campaign figures (ROI under each attribution model, funnel): computed once per change, shared by screens and the dashboard.
  const campaignFigures = createCampaignFiguresSource(db, { log });
  const campaignDeps = {
    db,
    get actor(): Actor {
      return storeDeps.actor;
    },
    now: storeDeps.now,
    figures: campaignFigures,
    segments,
  };

  // Live reads re-run through the dispatcher, which is built from the handlers below.
  let dispatcher: Dispatcher | undefined = undefined;
  const built = createDispatcher(
    [
      createCoreHandlers({ info, search }),
      accounts.handlers,
      contacts.handlers,
      activities.handlers,
      createAccountSummaryHandlers(storeDeps),
      createLiveHandlers({
        run: (name, params, session) => {
          if (!dispatcher) throw new Error('The core is still starting');
          return dispatcher.dispatch(name, params, session);
        },
        triggers: liveTriggers(db, {
          forecastReady$: reports.forecastReady$,
          winModelChanged$: analytics.modelChanged$,
          insightChanged$: insight.insightChanged$,
          segmentsChanged$: segments.changed$,
        }),
        debounceMs: options.liveDebounceMs,
        onError: (error) => log('live query failed', error),
      }),
      createSyncHandlers({ engine: sync, db, now: options.now ?? Date.now }),
      createListFilterOptionsHandlers({ db }),
      createImportHandlers({ db, actor: () => storeDeps.actor, now: storeDeps.now, duplicates: duplicates.service }),
      duplicates.handlers,
      reports.handlers,
      createLeadsHandlers(storeDeps, { search, duplicates: duplicates.service }),
      createOpportunitiesHandlers(storeDeps, { deals: async () => (await reports.projection.snapshot()).opportunities }),
      createQuotesHandlers(storeDeps),
      createAgendaHandlers(storeDeps),
      createCatalogHandlers(editorDeps),
      createQuotaHandlers(editorDeps),
      analytics.handlers,
      createCasesHandlers(serviceDeps),
      createKnowledgeHandlers(serviceDeps),
      createServiceSettingsHandlers(serviceDeps),
      createSurveysHandlers(serviceDeps),
      createServiceDashboardHandlers(serviceDeps),
      insight.handlers,
      createDiscoverHandlers({ insight: insight.service, onClose: (dispose) => serviceDisposers.push(dispose) }),
      createMarketingDashboardHandlers({
        db,
        figures: campaignFigures,
        now: storeDeps.now,
        log,
        segments,
        onClose: (dispose) => serviceDisposers.push(dispose),
      }),
      createOutboxHandlers(storeDeps),
      createCampaignsHandlers(campaignDeps),
      createTemplatesHandlers(storeDeps),
      createSegmentsHandlers({
        db,
        get actor(): Actor {
          return storeDeps.actor;
        },
        now: storeDeps.now,
        engine: segments,
      }),
    ],
    { requireAll: true, onInternalError: (name, error) => log(`${name} failed`, error) },
  );
  dispatcher = built;

  const sessions = new Set<Session>();
  let closed = false;
  // Queues and the service dashboard answer from memory: load the cases now, without waiting for it.
  caseProjection.warm();
  segments.warm();
  // Offline-first: a stored session starts replication without waiting for the network.
  await sync.start();

  return {
    db,
    dispatcher: built,
    sync,
    segments,
    openSession(sink) {
      const session = createSession(built, sink);
      const close = session.close;
      const unsubscribeSync = sync.subscribe(sink);
      const unsubscribeAnalytics = analytics.subscribe(sink);
      const tracked: Session = {
        ...session,
        close() {
          sessions.delete(tracked);
          unsubscribeSync();
          unsubscribeAnalytics();
          close();
        },
      };
      sessions.add(tracked);
      return tracked;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const session of [...sessions]) session.close();
      reports.close();
      duplicates.close();
      for (const dispose of serviceDisposers) dispose();
      caseProjection.close();
      campaignFigures.close();
      segments.close();
      slaReference.close();
      await insight.close();
      await analytics.close();
      await sync.close();
      await db.close();
    },
  };
}
