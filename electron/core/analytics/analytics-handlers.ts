import { merge, Subject, type Observable, type Subscription } from 'rxjs';
import { winReasonMessage } from '../../../shared/analytics/win-reason-message';
import type { WinModelSummary, WinProbability } from '../../../shared/contract/analytics/analytics-requests';
import { ok } from '../../../shared/contract/result';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import type { HandlerGroup } from '../rpc/handler-types';
import type { EventSink } from '../rpc/session';
import { AnalyticsWorkerPool } from './analytics-worker-pool';
import { createAnalyticsService, type AnalyticsService, type WinModelState } from './analytics-service';
import type { AnalyticsScope } from './extract-analytics-data';
import { domainChanges } from '../db/domain-changes';

export type AnalyticsHandlerDeps = {
  readonly db: CrmDatabase;
  /** Read at every training, so a sign-in changes whose deals are scored without a restart. */
  readonly scope: () => AnalyticsScope;
  readonly retrainDebounceMs?: number;
  readonly now?: () => number;
  readonly pool?: AnalyticsWorkerPool;
  readonly log?: (message: string, error: unknown) => void;
};

export type AnalyticsHandlers = {
  readonly handlers: HandlerGroup;
  readonly service: AnalyticsService;
  /** Fires when a retrain finished (or failed): scores read from the service have changed. */
  readonly modelChanged$: Observable<void>;
  /** Every session hears about retrains; returns the unsubscribe. */
  subscribe(sink: EventSink): () => void;
  close(): Promise<void>;
};

/**
 * The analytics service as the core runs it: trained in worker threads shortly after start and
 * again (debounced) after any deal or activity write, answering from the last finished model so a
 * request never waits for a training.
 */
export function createAnalyticsHandlers(deps: AnalyticsHandlerDeps): AnalyticsHandlers {
  const sinks = new Set<EventSink>();
  const modelChanged = new Subject<void>();
  const service = createAnalyticsService({
    db: deps.db,
    scope: deps.scope,
    pool: deps.pool,
    retrainDebounceMs: deps.retrainDebounceMs,
    now: deps.now,
    log: deps.log,
    onWinModelChanged: (state) => {
      // "training" would only make every page re-request the same scores.
      if (state.status === 'training') return;
      const summary = summarizeWinModel(state);
      for (const sink of sinks) sink('analytics.winModelChanged', summary);
      modelChanged.next();
    },
  });
  const changes: Subscription = merge(domainChanges(deps.db.opportunities), domainChanges(deps.db.activities)).subscribe(() =>
    service.requestRetrain(),
  );
  // Debounced like a change, so the first training does not compete with the first screen.
  service.requestRetrain();

  const handlers = defineHandlers({
    'analytics.winProbabilities': async ({ ids }) => {
      const state = service.winModelState();
      const wanted = ids === undefined ? [...state.scores.keys()] : ids;
      const scores: WinProbability[] = [];
      for (const id of wanted) {
        const score = state.scores.get(id);
        if (score)
          scores.push({
            opportunityId: id,
            probability: score.probability,
            source: score.source,
            reasons: score.reasons.map(winReasonMessage),
          });
      }
      return ok({ model: summarizeWinModel(state), scores });
    },
  });

  return {
    handlers,
    service,
    modelChanged$: modelChanged.asObservable(),
    subscribe(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    async close() {
      changes.unsubscribe();
      modelChanged.complete();
      sinks.clear();
      await service.close();
    },
  };
}

export function summarizeWinModel(state: WinModelState): WinModelSummary {
  const model = state.model;
  const evaluation = model?.evaluation;
  const fallback = model?.kind === 'stage' ? (evaluation?.auc ? 'no_signal' : 'not_enough_deals') : null;
  return {
    status: state.status,
    kind: model?.kind ?? null,
    fallback,
    auc: evaluation?.auc?.auc ?? null,
    aucLower95: evaluation?.auc?.lower95 ?? null,
    aucUpper95: evaluation?.auc?.upper95 ?? null,
    brier: evaluation?.brier ?? null,
    stageAuc: evaluation?.stageAuc?.auc ?? null,
    stageBrier: evaluation?.stageBrier ?? null,
    closedDeals: evaluation?.closedDeals ?? 0,
    heldOutDeals: evaluation?.testRows ?? 0,
    trainedAt: state.trainedAt,
    trainedOn: state.trainedOn ?? null,
    error: state.error?.message ?? null,
  };
}
