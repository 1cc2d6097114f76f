import { availableParallelism } from 'node:os';
import { Subject, merge, type Observable, type Subscription } from 'rxjs';
import type { AccountInsight, CustomersDashboard, CustomersDashboardFilter } from '../../../shared/contract/insight/insight-requests';
import { ok } from '../../../shared/contract/result';
import { AnalyticsWorkerPool } from '../analytics/analytics-worker-pool';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import type { HandlerGroup } from '../rpc/handler-types';
import type { SlaReference } from '../service/sla-reference';
import { buildDashboard } from './insight-dashboard';
import { createInsightService, modelSummaryOf, type InsightService } from './insight-service';
import { domainChanges } from '../db/domain-changes';

export type InsightHandlerDeps = {
  readonly db: CrmDatabase;
  /** Threads to run the models on; default: a pool of its own (two threads with two cores or more). */
  readonly pool?: AnalyticsWorkerPool;
  readonly now?: () => number;
  readonly sla?: () => Promise<SlaReference>;
  readonly debounceMs?: number;
  readonly log?: (message: string, error: unknown) => void;
};

export type InsightHandlers = {
  readonly handlers: HandlerGroup;
  readonly service: InsightService;
  /** Fires when a run finished (or failed): every insight answer may have changed. */
  readonly insightChanged$: Observable<void>;
  close(): Promise<void>;
};

/** Dashboards answered per filter until the next run (a few filters are in use at a time). */
const DASHBOARD_CACHE = 16;

/**
 * Customer insight as the core serves it: computed in an analytics worker shortly after start and
 * again (debounced) after any purchase, account or service change; every request answers from the
 * last finished run, so none waits for a model.
 */
export function createInsightHandlers(deps: InsightHandlerDeps): InsightHandlers {
  // Two threads where there are two cores: the job's two halves run at once (runInsightsOnPool).
  // The core's own thread only waits while they run.
  const pool = deps.pool ?? new AnalyticsWorkerPool({ size: Math.min(2, availableParallelism()) });
  const ownsPool = deps.pool === undefined;
  const changed = new Subject<void>();
  const dashboards = new Map<string, { readonly version: number; readonly answer: CustomersDashboard }>();
  const service = createInsightService({
    db: deps.db,
    pool,
    now: deps.now,
    sla: deps.sla,
    debounceMs: deps.debounceMs,
    log: deps.log,
    onChanged: () => {
      dashboards.clear();
      changed.next();
    },
  });
  const { db } = deps;
  const changes: Subscription = merge(
    domainChanges(db.sales_docs),
    domainChanges(db.opportunities),
    domainChanges(db.accounts),
    domainChanges(db.cases),
    domainChanges(db.surveys),
    domainChanges(db.activities),
  ).subscribe(() => service.requestRecompute());
  // Debounced like a change, so the first run does not compete with the first screen.
  service.requestRecompute();

  const handlers = defineHandlers({
    'insight.account': async ({ accountId }) => {
      const state = service.state();
      const cached = state.snapshot?.insights.get(accountId);
      if (cached) return ok<AccountInsight>({ ...cached, status: state.status });
      // An account created since the last run has no figures yet; one that does not exist is an error.
      const doc = await db.accounts.findOne(accountId).exec();
      if (!doc) throw new HandlerError('not_found', `No account with id ${accountId}`);
      return ok<AccountInsight>({
        accountId,
        status: state.status === 'failed' ? 'failed' : 'computing',
        currency: doc.currency,
        history: { transactions: 0, firstPurchase: null, lastPurchase: null, totalSpend: 0 },
        clv: null,
        churn: null,
        rfm: null,
        recommendations: [],
        computedAt: null,
      });
    },
    'insight.dashboard': async (filter: CustomersDashboardFilter) => {
      const state = service.state();
      const key = JSON.stringify([filter.ownerId, filter.teamId, filter.region, filter.segment]);
      const hit = dashboards.get(key);
      if (hit && hit.version === state.version) return ok(hit.answer);
      const answer = buildDashboard(state.snapshot, modelSummaryOf(state), filter);
      if (dashboards.size >= DASHBOARD_CACHE) dashboards.delete(dashboards.keys().next().value as string);
      dashboards.set(key, { version: state.version, answer });
      return ok(answer);
    },
    'insight.model': async () => ok(modelSummaryOf(service.state())),
    'insight.recompute': async () => ok(modelSummaryOf(await service.recomputeNow())),
  });

  return {
    handlers,
    service,
    insightChanged$: changed.asObservable(),
    async close() {
      changes.unsubscribe();
      // Our own threads end at once (a running job is abandoned, not awaited: it may take seconds).
      const closing = service.close();
      if (ownsPool) await pool.close();
      await closing;
      changed.complete();
      dashboards.clear();
    },
  };
}
