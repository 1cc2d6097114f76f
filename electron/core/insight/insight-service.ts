import { isoDateOfEpoch } from '../../../shared/analytics/periods';
import type {
  AccountInsight,
  InsightModelSummary,
  InsightStatus,
  ProductRecommendation,
  PurchaseHistorySummary,
} from '../../../shared/contract/insight/insight-requests';
import { DAY_MS, type Transaction } from '../../../shared/insight/transactions';
import type { AnalyticsWorkerPool } from '../analytics/analytics-worker-pool';
import type { CrmDatabase } from '../db/open-crm-database';
import type { SlaReference } from '../service/sla-reference';
import { loadInsightInput, type InsightAccount, type InsightInput, type InsightProduct } from './extract-insight-data';
import type { InsightJobInput, InsightJobResult } from './insight-job-types';
import { packInsightInputSliced, runInSlices, runWhole, unpackInsightResultSliced, type Sliced } from './insight-job-pack';
import { mergeInsightParts } from './run-insight-job';

/** One finished run: every account's answer ready to hand out, and what the dashboard aggregates. */
export type InsightSnapshot = {
  readonly computedAt: number;
  readonly todayDay: number;
  readonly model: Omit<InsightModelSummary, 'status' | 'error'>;
  readonly accounts: ReadonlyMap<string, InsightAccount>;
  /** Answers of `insight.account` without the status (the status is the service's, read at answer time). */
  readonly insights: ReadonlyMap<string, Omit<AccountInsight, 'status'>>;
  /** Purchases by account (day order), for cohort and churn-rate figures over a filtered set of accounts. */
  readonly transactionsByAccount: ReadonlyMap<string, readonly Transaction[]>;
  readonly cohorts: InsightJobResult['cohorts'];
  readonly churnRate: InsightJobResult['churnRate'];
};

export type InsightState = {
  readonly status: InsightStatus;
  /** The last successful run; kept while a rerun runs and after a failed one. */
  readonly snapshot: InsightSnapshot | null;
  readonly error: string | null;
  /** Bumped by every finished run (success or failure), so memoised aggregates know they are stale. */
  readonly version: number;
};

export type InsightServiceOptions = {
  readonly db: CrmDatabase;
  readonly pool: AnalyticsWorkerPool;
  readonly now?: () => number;
  /** The SLA policies in force, so open cases' breaches count (see loadInsightInput). */
  readonly sla?: () => Promise<SlaReference>;
  /** Data changes arrive in bursts (sync pulls, imports); one run per quiet period is enough. */
  readonly debounceMs?: number;
  readonly onChanged?: (state: InsightState) => void;
  readonly log?: (message: string, error: unknown) => void;
};

export type InsightService = {
  state(): InsightState;
  /** Debounced and coalesced: call it on every relevant change; never throws, never waits. */
  requestRecompute(): void;
  /** Runs now (the models in the worker) and resolves with the state after it. */
  recomputeNow(): Promise<InsightState>;
  close(): Promise<void>;
};

/**
 * The insight job on the pool: with two threads or more, its two independent halves at once
 * (see runInsightJob), else the whole job on one.
 */
export async function runInsightsOnPool(pool: AnalyticsWorkerPool, input: InsightJobInput): Promise<InsightJobResult> {
  // Packing and reading the result run in slices: the core's thread answers requests in between.
  const packed = await runInSlices(packInsightInputSliced(input));
  if (pool.size < 2) return runInSlices(unpackInsightResultSliced(await pool.run({ kind: 'insights', input: { ...packed, part: 'all' } })));
  const [customers, products] = await Promise.all([
    pool.run({ kind: 'insights', input: { ...packed, part: 'customers' } }),
    pool.run({ kind: 'insights', input: { ...packed, part: 'products' } }),
  ]);
  return mergeInsightParts(await runInSlices(unpackInsightResultSliced(customers)), await runInSlices(unpackInsightResultSliced(products)));
}

/** Everything the worker job needs, taken from what the core read. */
export function jobInputOf(input: InsightInput, todayDay: number): InsightJobInput {
  return { transactions: input.transactions, profiles: input.profiles, events: input.events, todayDay };
}

/**
 * Customer insight in the core: one run reads the local database, hands everything to one
 * analytics-worker job (all models there, off the core's thread) and keeps the answers in memory by
 * account, so requests are map look-ups. Runs after start and again, debounced, after changes.
 */
export function createInsightService(options: InsightServiceOptions): InsightService {
  const now = options.now ?? Date.now;
  const debounceMs = options.debounceMs ?? 5_000;
  const log = options.log ?? ((message, error) => console.error(`[insight] ${message}`, error));
  let state: InsightState = { status: 'computing', snapshot: null, error: null, version: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<InsightState> | undefined;
  let queued: Promise<InsightState> | undefined;
  let closed = false;

  const setState = (next: InsightState): InsightState => {
    state = next;
    options.onChanged?.(state);
    return state;
  };

  async function run(): Promise<InsightState> {
    try {
      const at = now();
      const todayDay = Math.floor(at / DAY_MS);
      const sla = options.sla ? await options.sla() : undefined;
      const input = await loadInsightInput(options.db, { now: at, ...(sla ? { sla } : {}) });
      const result = await runInsightsOnPool(options.pool, jobInputOf(input, todayDay));
      const snapshot = await runInSlices(buildSnapshotSliced(input, result, { computedAt: now(), todayDay }));
      return setState({ status: 'ready', snapshot, error: null, version: state.version + 1 });
    } catch (error) {
      // Closing stops the threads under a running job: that is no failure to report.
      if (closed) return state;
      log('customer insight run failed', error);
      const message = error instanceof Error ? error.message : String(error);
      // A failed rerun keeps the last good answers: the figures are older, not wrong.
      return setState({
        status: state.snapshot ? 'ready' : 'failed',
        snapshot: state.snapshot,
        error: message,
        version: state.version + 1,
      });
    }
  }

  /**
   * One run at a time. A call during a run waits for one more run after it (its change may have
   * come after the running one read the database); any number of such calls share that one run.
   */
  function recomputeNow(): Promise<InsightState> {
    if (closed) return Promise.resolve(state);
    if (!running) {
      running = run().finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return recomputeNow();
    });
    return queued;
  }

  return {
    state: () => state,
    requestRecompute() {
      if (closed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void recomputeNow();
      }, debounceMs);
      timer.unref?.();
    },
    recomputeNow,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await (queued ?? running)?.catch(() => undefined);
    },
  };
}

const isoDay = (day: number): string => isoDateOfEpoch(day * DAY_MS);

/** Accounts handled between two checkpoints of buildSnapshotSliced (purchases: ten times as many): ~3 ms. */
const SNAPSHOT_CHECKPOINT = 300;

/** Turns a run's input and the worker's result into the per-account answers and the model summary. */
export function buildSnapshot(
  input: InsightInput,
  result: InsightJobResult,
  at: { readonly computedAt: number; readonly todayDay: number },
): InsightSnapshot {
  return runWhole(buildSnapshotSliced(input, result, at));
}

/** buildSnapshot with a checkpoint every SNAPSHOT_CHECKPOINT accounts (see runInSlices). */
export function* buildSnapshotSliced(
  input: InsightInput,
  result: InsightJobResult,
  at: { readonly computedAt: number; readonly todayDay: number },
): Sliced<InsightSnapshot> {
  const products = new Map<string, InsightProduct>(input.products.map((p) => [p.id, p]));
  let done = 0;
  const accounts = new Map<string, InsightAccount>();
  for (const a of input.accounts) {
    accounts.set(a.id, a);
    if (++done % (SNAPSHOT_CHECKPOINT * 10) === 0) yield;
  }
  const transactionsByAccount = new Map<string, Transaction[]>();
  for (const t of input.transactions) {
    const list = transactionsByAccount.get(t.accountId);
    if (list) list.push(t);
    else transactionsByAccount.set(t.accountId, [t]);
    if (++done % (SNAPSHOT_CHECKPOINT * 10) === 0) yield;
  }
  const byAccount = new Map<string, InsightJobResult['accounts'][number]>();
  for (const a of result.accounts) {
    byAccount.set(a.accountId, a);
    if (++done % (SNAPSHOT_CHECKPOINT * 10) === 0) yield;
  }
  const nameOf = (id: string): string => products.get(id)?.name ?? id;

  let historyStart: number | null = null;
  let historyEnd: number | null = null;
  const insights = new Map<string, Omit<AccountInsight, 'status'>>();
  for (const account of input.accounts) {
    const own = transactionsByAccount.get(account.id) ?? [];
    const first = own[0]?.day;
    const last = own.at(-1)?.day;
    if (first !== undefined && (historyStart === null || first < historyStart)) historyStart = first;
    if (last !== undefined && (historyEnd === null || last > historyEnd)) historyEnd = last;
    const history: PurchaseHistorySummary = {
      // Same-day purchases are one transaction, as the models count them.
      transactions: new Set(own.map((t) => t.day)).size,
      firstPurchase: first === undefined ? null : isoDay(first),
      lastPurchase: last === undefined ? null : isoDay(last),
      totalSpend: own.reduce((sum, t) => sum + t.amount, 0),
    };
    const computed = byAccount.get(account.id);
    const recommendations: ProductRecommendation[] = (computed?.recommendations ?? []).map((r) => ({
      productId: r.productId,
      productName: nameOf(r.productId),
      sku: products.get(r.productId)?.sku ?? '',
      score: r.score,
      source: r.source,
      becauseOf: r.becauseOf.slice(0, 3).map((id) => ({ productId: id, productName: nameOf(id) })),
    }));
    insights.set(account.id, {
      accountId: account.id,
      currency: account.currency,
      history,
      // Money in whole minor units, as everywhere else in the contract.
      clv: computed?.clv
        ? { ...computed.clv, expectedSpend: Math.round(computed.clv.expectedSpend), clv12m: Math.round(computed.clv.clv12m) }
        : null,
      churn: computed?.churn ?? null,
      rfm: computed?.rfm ?? null,
      recommendations,
      computedAt: at.computedAt,
    });
    if (++done % SNAPSHOT_CHECKPOINT === 0) yield;
  }

  const accountsWithPurchases = transactionsByAccount.size;
  return {
    computedAt: at.computedAt,
    todayDay: at.todayDay,
    model: {
      computedAt: at.computedAt,
      computeMs: Math.round(result.computeMs),
      accounts: input.accounts.length,
      accountsWithPurchases,
      transactions: input.transactions.length,
      historyStart: historyStart === null ? null : isoDay(historyStart),
      historyEnd: historyEnd === null ? null : isoDay(historyEnd),
      clv: result.clv,
      churn: result.churn,
      recommendations: result.recommendations,
    },
    accounts,
    insights,
    transactionsByAccount,
    cohorts: result.cohorts,
    churnRate: result.churnRate,
  };
}

/** The model summary as `insight.model` answers it. */
export function modelSummaryOf(state: InsightState): InsightModelSummary {
  const model = state.snapshot?.model;
  return {
    status: state.status,
    computedAt: model?.computedAt ?? null,
    computeMs: model?.computeMs ?? null,
    accounts: model?.accounts ?? 0,
    accountsWithPurchases: model?.accountsWithPurchases ?? 0,
    transactions: model?.transactions ?? 0,
    historyStart: model?.historyStart ?? null,
    historyEnd: model?.historyEnd ?? null,
    clv: model?.clv ?? null,
    churn: model?.churn ?? null,
    recommendations: model?.recommendations ?? null,
    error: state.error,
  };
}
