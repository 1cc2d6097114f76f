import { isoDateOfEpoch, monthIndex, monthKeyOfIndex } from '../../../shared/analytics/periods';
import { rollUpPipeline, type RollupOptions, type RollupRow } from '../../../shared/analytics/pipeline-rollup';
import { buildRevenueSeries, type RevenueSeriesOptions } from '../../../shared/analytics/revenue-series';
import type { WinModel, WinScore } from '../../../shared/analytics/win-model';
import type { CrmDatabase } from '../db/open-crm-database';
import { AnalyticsWorkerPool } from './analytics-worker-pool';
import { loadAccountRegions, loadDealActivities, loadOpportunities, type AnalyticsScope } from './extract-analytics-data';
import type { SeriesForecast, SeriesInput } from './forecast-series';

/** Closed deals of the rep's own needed before their model is trained on them alone. */
export const OWN_HISTORY_MIN = 200;

export type WinModelState = {
  readonly status: 'untrained' | 'training' | 'ready' | 'failed';
  readonly model: WinModel | null;
  /** Latest scores by opportunity id; kept while a retrain runs so the UI always has numbers. */
  readonly scores: ReadonlyMap<string, WinScore>;
  readonly trainedAt: number | null;
  /** Whose closed deals the current model learnt from. */
  readonly trainedOn?: 'owner' | 'team';
  readonly error?: { readonly code: string; readonly message: string };
};

export type AnalyticsServiceOptions = {
  readonly db: CrmDatabase;
  /**
   * Whose deals: evaluated at each use, so sign-in changes take effect without a restart. Roll-ups
   * and forecasts read exactly this scope; the win model scores the owner's open deals but learns
   * from the team's closed ones until the owner has OWN_HISTORY_MIN of their own.
   */
  readonly scope: () => AnalyticsScope;
  readonly pool?: AnalyticsWorkerPool;
  readonly now?: () => number;
  /** Data changes arrive in bursts (sync pulls, imports); one retrain per quiet period is enough. */
  readonly retrainDebounceMs?: number;
  readonly onWinModelChanged?: (state: WinModelState) => void;
  readonly log?: (message: string, error: unknown) => void;
};

export type RevenueForecastRequest = Omit<RevenueSeriesOptions, 'endPeriod' | 'accountRegions'> & {
  readonly horizon?: number;
  readonly endPeriod?: string;
};

export type AnalyticsService = {
  pipelineRollup(options: Omit<RollupOptions, 'accountRegions'>): Promise<RollupRow[]>;
  forecastRevenue(request: RevenueForecastRequest): Promise<SeriesForecast[]>;
  /** Full model selection on series the caller built (the dashboard applies its own filters). */
  forecastSeries(series: readonly SeriesInput[], horizon: number): Promise<SeriesForecast[]>;
  /** Debounced and coalesced: call it on every relevant change; never throws, never waits. */
  requestRetrain(): void;
  /** Trains now (still in the worker) and resolves with the new state. */
  retrainNow(): Promise<WinModelState>;
  winModelState(): WinModelState;
  close(): Promise<void>;
};

export function createAnalyticsService(options: AnalyticsServiceOptions): AnalyticsService {
  const pool = options.pool ?? new AnalyticsWorkerPool();
  const ownsPool = options.pool === undefined;
  const now = options.now ?? Date.now;
  const debounceMs = options.retrainDebounceMs ?? 3_000;
  const log = options.log ?? ((message, error) => console.error(`[analytics] ${message}`, error));
  let state: WinModelState = { status: 'untrained', model: null, scores: new Map(), trainedAt: null };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<WinModelState> | undefined;
  let again = false;
  let closed = false;

  const setState = (next: WinModelState): WinModelState => {
    state = next;
    options.onWinModelChanged?.(state);
    return state;
  };

  async function train(): Promise<WinModelState> {
    setState({ ...state, status: 'training' });
    try {
      const scope = options.scope();
      // Read the whole team (or everything) and decide below whose closed deals to learn from.
      const teamScope = scope.teamId === undefined ? {} : { teamId: scope.teamId };
      const [opps, activities] = await Promise.all([loadOpportunities(options.db, teamScope), loadDealActivities(options.db)]);
      const isClosed = (o: { stage: string }): boolean => o.stage === 'closed_won' || o.stage === 'closed_lost';
      const mine = (o: { ownerId: string }): boolean => scope.ownerId === undefined || o.ownerId === scope.ownerId;
      const ownClosed = opps.filter((o) => isClosed(o) && mine(o));
      // A rep's own history is the better teacher once there is enough of it; until then the team's.
      const trainedOn: WinModelState['trainedOn'] = scope.ownerId !== undefined && ownClosed.length >= OWN_HISTORY_MIN ? 'owner' : 'team';
      const closedDeals = trainedOn === 'owner' ? ownClosed : opps.filter(isClosed);
      const open = opps.filter((o) => !isClosed(o) && mine(o));
      const result = await pool.run({ kind: 'trainWinModel', closed: closedDeals, open, activities, now: now() });
      return setState({
        status: 'ready',
        model: result.model,
        trainedOn,
        scores: new Map(result.scores.map((s) => [s.opportunityId, s])),
        trainedAt: result.model.trainedAt,
      });
    } catch (error) {
      log('win model training failed', error);
      return setState({
        ...state,
        status: 'failed',
        error: { code: 'analytics_failed', message: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  /** One training at a time; a request during a run schedules exactly one more afterwards. */
  function retrainNow(): Promise<WinModelState> {
    if (running) {
      again = true;
      return running;
    }
    running = train().finally(() => {
      running = undefined;
      if (again && !closed) {
        again = false;
        void retrainNow();
      }
    });
    return running;
  }

  return {
    async pipelineRollup(rollup) {
      const [opps, accountRegions] = await Promise.all([loadOpportunities(options.db, options.scope()), loadAccountRegions(options.db)]);
      return rollUpPipeline(opps, { ...rollup, accountRegions });
    },
    async forecastRevenue(request) {
      const [opps, accountRegions] = await Promise.all([loadOpportunities(options.db, options.scope()), loadAccountRegions(options.db)]);
      // Default end: the last complete month; the current one is still filling up and would read as a drop.
      const endPeriod = request.endPeriod ?? monthKeyOfIndex(monthIndex(isoDateOfEpoch(now())) - 1);
      const series = buildRevenueSeries(opps, { ...request, endPeriod, accountRegions });
      return pool.forecast(
        series.map((s) => ({ key: s.key, values: s.values, startPeriod: s.startPeriod })),
        request.horizon ?? 12,
      );
    },
    forecastSeries: (series, horizon) => pool.forecast(series, horizon),
    requestRetrain() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void retrainNow();
      }, debounceMs);
      timer.unref?.();
    },
    retrainNow,
    winModelState: () => state,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
      if (ownsPool) await pool.close();
    },
  };
}
