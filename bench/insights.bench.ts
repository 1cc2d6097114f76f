/**
 * `npm run bench:insights`: customer insight. Prints ONE JSON line on stdout; progress goes to
 * stderr. Never fails on a time: a benchmark reports, the reader judges.
 *
 * - insights_100k_ms: the analytics workers' 'insights' job, its two halves on two threads as the
 *   core runs it (every model: CLV with its holdout
 *   calibration, RFM, churn with its held-out check, recommendations with their evaluation, cohorts)
 *   over 100,000 accounts and their repeat orders from the seed's purchase generator, with the
 *   service events the seed writes for them (cases with their SLA outcomes, CSAT and NPS answers,
 *   done calls, meetings and visits; `--orders-only` leaves them out), in a real worker thread,
 *   structured-clone transfer included. Churn AUC and recommendation hit rates come from that
 *   run's model summary.
 * - account_insight_p95_ms: `insight.account` through a real core's dispatcher on a database seeded
 *   by the demo seed (default 5,000 accounts), after the core's own run finished.
 * - forecast_1000_series_ms: the same measurement as bench:forecast.
 * - dedup_precision / dedup_recall: the duplicate detection's own evaluation (shared/dedup/evaluate.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Result } from '../shared/contract';
import type { InsightModelSummary } from '../shared/contract/insight/insight-requests';
import { evaluateDuplicateDetection } from '../shared/dedup/evaluate';
import { dayOfEpochMs, type ServiceEvents, type Transaction } from '../shared/insight/transactions';
import type { AccountTier, Case } from '../shared/schemas';
import { AnalyticsWorkerPool } from '../electron/core/analytics/analytics-worker-pool';
import { createCore } from '../electron/core/core';
import { orderTransaction, profileOf } from '../electron/core/insight/extract-insight-data';
import { runInsightsOnPool } from '../electron/core/insight/insight-service';
import type { SessionContext } from '../electron/core/rpc/handler-types';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { generateDataset } from '../electron/core/seed/generate-dataset';
import { generatePurchaseBench } from '../electron/core/seed/generate-purchases';
import { writeDataset } from '../electron/core/seed/write-dataset';
import { createRandom, nowMs, percentile, pick, progress, round } from './bench-stats';
import { measureForecast1000, warmForecastPool } from './forecast-workload';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '100000' },
    'db-accounts': { type: 'string', default: '5000' },
    requests: { type: 'string', default: '500' },
    /** Comma-separated subset of job,account,forecast,dedup (default all). */
    phases: { type: 'string', default: 'job,account,forecast,dedup' },
    /** The job without the service events (cases, surveys, activities): repeat orders only. */
    'orders-only': { type: 'boolean', default: false },
  },
});
const PHASES = new Set(String(args.phases).split(','));
/** The acceptance sizes by default; smaller ones (`-- --accounts 5000 --db-accounts 500`) for a quick check. */
const SIZE = { accounts: Number(args.accounts), dbAccounts: Number(args['db-accounts']), requests: Number(args.requests) };
const SEED = 42;
const WITH_SERVICE = args['orders-only'] !== true;
/** The activities the core counts as looking after an account (loadInsightInput's selection). */
const CONTACT_ACTIVITY_TYPES: ReadonlySet<string> = new Set(['call', 'meeting', 'visit']);
/** The datasets' "now", and the core's clock while it is measured. */
const NOW = Date.UTC(2025, 5, 2, 14, 0);
const DAY_MS = 86_400_000;
/** Base records per entity for the duplicate-detection check (a quarter re-entered, a tenth look-alikes). */
const DEDUP_RECORDS = 10_000;

const context: SessionContext = { sessionId: 'bench', emit: () => undefined, onClose: () => undefined };
const betweenRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The 100,000-account job in a worker of its own, as the core runs it. */
async function measureInsightJob(): Promise<Record<string, number | null>> {
  progress(`generating ${SIZE.accounts} accounts with their repeat orders${WITH_SERVICE ? ', contacts, deals and service records' : ''}`);
  const cases: ServiceEvents['cases'][number][] = [];
  const surveys: ServiceEvents['surveys'][number][] = [];
  const activities: ServiceEvents['activities'][number][] = [];
  const openCases: { readonly doc: Case; readonly tier: AccountTier; readonly at: number }[] = [];
  const bench = generatePurchaseBench({
    accounts: SIZE.accounts,
    seed: SEED,
    referenceDate: NOW,
    // The service events the core reads from the database (loadInsightInput), built from the same records.
    onService: WITH_SERVICE
      ? (docs) => {
          for (const c of docs.cases) {
            const finished = c.status === 'resolved' || c.status === 'closed';
            const resolvedAt = c.resolvedAt ?? c.closedAt;
            if (!finished || !c.slaOutcome) openCases.push({ doc: c, tier: docs.account.tier, at: cases.length });
            cases.push({
              accountId: c.accountId,
              openedDay: dayOfEpochMs(c.openedAt),
              resolvedDay: finished && resolvedAt !== undefined ? dayOfEpochMs(resolvedAt) : null,
              breached: finished && c.slaOutcome ? !c.slaOutcome.firstResponseMet || !c.slaOutcome.resolutionMet : false,
            });
          }
          for (const v of docs.surveys)
            surveys.push({ accountId: v.accountId, day: dayOfEpochMs(v.respondedAt), kind: v.survey, score: v.score });
          for (const a of docs.activities)
            if (a.accountId !== undefined && a.doneAt !== undefined && CONTACT_ACTIVITY_TYPES.has(a.type))
              activities.push({ accountId: a.accountId, day: dayOfEpochMs(a.doneAt) });
        }
      : undefined,
  });
  // Cases without a frozen outcome are judged by the SLA policy as it stands now, as the core does.
  for (const open of openCases) {
    const event = cases[open.at];
    if (event !== undefined) cases[open.at] = { ...event, breached: bench.sla.slaOf(open.doc, open.tier, NOW).state === 'breached' };
  }
  progress(`${cases.length} cases, ${surveys.length} survey answers, ${activities.length} calls, meetings and visits`);
  const transactions: Transaction[] = [];
  let lines = 0;
  for (const order of bench.orders) {
    const t = orderTransaction(order);
    if (!t) continue;
    transactions.push(t);
    lines += order.lines.length;
  }
  const profiles = bench.accounts.map(profileOf);
  progress(`${transactions.length} purchases, ${lines} order lines`);

  // The pool the core's insight service starts (two threads with two cores or more).
  const pool = new AnalyticsWorkerPool({ size: Math.min(2, availableParallelism()) });
  try {
    await warmForecastPool(pool);
    const input = { transactions, profiles, events: { cases, surveys, activities }, todayDay: Math.floor(NOW / DAY_MS) };
    const t0 = nowMs();
    const cpu0 = process.cpuUsage();
    const result = await runInsightsOnPool(pool, input);
    const ms = nowMs() - t0;
    // CPU time of the whole process (every thread): on a shared machine wall time mostly measures the neighbours.
    const usage = process.cpuUsage(cpu0);
    const cpuMs = (usage.user + usage.system) / 1000;
    progress(`insights job ${round(ms, 0)} ms (in worker ${round(result.computeMs, 0)} ms); churn ${JSON.stringify(result.churn)}`);
    progress(`recommendations ${JSON.stringify(result.recommendations)}`);
    progress(`clv bgnbd ${JSON.stringify(result.clv?.bgnbd)} calibration MAE ${result.clv?.calibration?.meanAbsoluteError ?? 'n/a'}`);
    return {
      insights_100k_ms: round(ms, 0),
      insights_100k_in_worker_ms: round(result.computeMs, 0),
      insights_100k_cpu_ms: round(cpuMs, 0),
      insights_accounts: SIZE.accounts,
      insights_order_lines: lines,
      recs_hit_rate_at5: nullableRound(result.recommendations?.hitRateAt5),
      recs_popularity_hit_rate_at5: nullableRound(result.recommendations?.popularityHitRateAt5),
      recs_ndcg_at5: nullableRound(result.recommendations?.ndcgAt5),
      churn_auc: nullableRound(result.churn?.auc),
      churn_brier: nullableRound(result.churn?.brier),
      churn_base_brier: nullableRound(result.churn?.baseBrier),
      clv_holdout_mae: nullableRound(result.clv?.calibration?.meanAbsoluteError),
    };
  } finally {
    await pool.close();
  }
}

/** insight.account through a real core over a seeded database, answered from the core's cache. */
async function measureAccountRequests(): Promise<Record<string, number>> {
  const directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-insight-bench-'));
  try {
    const databaseKey = loadOrCreateKeyFile(directory);
    // Long quiet times: the seeding below must not start runs; the measured run is asked for explicitly.
    const core = await createCore({
      dataDir: directory,
      databaseKey,
      host: 'browser',
      appVersion: 'bench',
      now: () => NOW,
      analyticsDebounceMs: 3_600_000,
      insightDebounceMs: 3_600_000,
      log: () => undefined,
    });
    try {
      progress(`seeding ${SIZE.dbAccounts} accounts into ${directory}`);
      const seedStart = nowMs();
      await writeDataset(core.db, generateDataset({ accounts: SIZE.dbAccounts, seed: SEED, referenceDate: NOW }));
      progress(`seeded in ${round((nowMs() - seedStart) / 1000, 1)} s`);
      const runStart = nowMs();
      const run = (await core.dispatcher.dispatch('insight.recompute', {}, context)) as Result<InsightModelSummary>;
      if (!run.ok) throw new Error(`insight.recompute: ${run.error.message}`);
      const runMs = nowMs() - runStart;
      progress(`core run (read + worker) ${round(runMs, 0)} ms: status ${run.value.status}`);
      const ids = (await core.db.accounts.find().exec()).map((d) => d.id);
      const random = createRandom(SEED);
      const times: number[] = [];
      for (let i = 0; i < SIZE.requests; i++) {
        await betweenRequests();
        const start = nowMs();
        const answer = await core.dispatcher.dispatch('insight.account', { accountId: pick(random, ids) }, context);
        times.push(nowMs() - start);
        if (!answer.ok) throw new Error(`insight.account: ${answer.error.message}`);
      }
      const dashStart = nowMs();
      await core.dispatcher.dispatch('insight.dashboard', {}, context);
      const dashboardMs = nowMs() - dashStart;
      return {
        account_insight_p95_ms: round(percentile(times, 95), 2),
        account_insight_p50_ms: round(percentile(times, 50), 2),
        account_insight_db_accounts: SIZE.dbAccounts,
        core_insight_run_ms: round(runMs, 0),
        dashboard_first_ms: round(dashboardMs, 1),
      };
    } finally {
      await core.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function measureForecast(): Promise<Record<string, number>> {
  const pool = new AnalyticsWorkerPool();
  try {
    await warmForecastPool(pool);
    const { ms, cpuMs } = await measureForecast1000(pool);
    return { forecast_1000_series_ms: round(ms, 0), forecast_1000_series_cpu_ms: round(cpuMs, 0) };
  } finally {
    await pool.close();
  }
}

/** Duplicate detection's precision and recall on generated records with known duplicates (accounts and contacts). */
function measureDedup(): Record<string, number> {
  const result = evaluateDuplicateDetection({ records: DEDUP_RECORDS, seed: SEED });
  progress(`dedup: ${result.pairs} pairs found, ${result.truePairs} true, in ${round(result.ms, 0)} ms`);
  return { dedup_precision: round(result.precision, 3), dedup_recall: round(result.recall, 3), dedup_records_per_entity: DEDUP_RECORDS };
}

function nullableRound(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : round(value, 3);
}

async function main(): Promise<void> {
  const job = PHASES.has('job') ? await measureInsightJob() : {};
  const account = PHASES.has('account') ? await measureAccountRequests() : {};
  const forecast = PHASES.has('forecast') ? await measureForecast() : {};
  const dedup = PHASES.has('dedup') ? measureDedup() : {};
  console.log(
    JSON.stringify({
      ...job,
      ...account,
      ...forecast,
      ...dedup,
      cpus: availableParallelism(),
      load1: round(loadavg()[0] ?? 0, 1),
    }),
  );
}

await main();
