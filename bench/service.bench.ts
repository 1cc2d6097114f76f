/**
 * `npm run bench:service`: service screens at 200,000 cases, 20,000 knowledge articles (English
 * and Chinese) and 50,000 survey answers. Prints ONE JSON line on stdout; progress goes to stderr.
 * Never fails on a time: a benchmark reports, the reader judges.
 *
 * The database is written by the seed's generators into a temp data directory, then opened by a
 * real core (`createCore`, as the hosts open it) and asked through its dispatcher, so every figure
 * includes validation, the handler and the store: the first page of each case queue, knowledge
 * searches, the service dashboard; and the SLA of every case recomputed with the SLA reference
 * (what the core does on its worker thread, off the UI thread).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RequestName } from '../shared/contract';
import type { ParamsOf } from '../shared/contract/requests';
import { CASE_QUEUES } from '../shared/contract/service/cases-requests';
import type { Case } from '../shared/schemas';
import { createCore, type Core } from '../electron/core/core';
import { readKeyFile } from '../electron/core/security/database-key';
import { buildSlaReference, createSlaReferenceSource } from '../electron/core/service/sla-reference';
import type { SessionContext } from '../electron/core/rpc/handler-types';
import { median, nowMs, percentile, progress, round } from './bench-stats';
import { seedServiceBench } from './service-seed';
import { knowledgeSearches } from './service-workload';

const { values: sizeArgs } = parseArgs({
  options: {
    cases: { type: 'string', default: '200000' },
    articles: { type: 'string', default: '20000' },
    surveys: { type: 'string', default: '50000' },
  },
});
/** The acceptance sizes by default; smaller ones (`-- --cases 2000`) for a quick check of the harness. */
const SIZE = { cases: Number(sizeArgs.cases), articles: Number(sizeArgs.articles), surveys: Number(sizeArgs.surveys) };
const SEED = 42;
/** A Monday morning in New York: the dataset's "now", and the core's clock while it is measured. */
const NOW = Date.UTC(2025, 5, 2, 14, 0);
const QUEUE_RUNS = 40;
const PAGE = 50;
const SORTS = [
  { field: 'openedAt', direction: 'desc' },
  { field: 'updatedAt', direction: 'desc' },
  { field: 'priority', direction: 'desc' },
  { field: 'caseNumber', direction: 'asc' },
] as const;

const context: SessionContext = { sessionId: 'bench', emit: () => undefined, onClose: () => undefined };

/** The core's loop turns between requests, as it does between messages in the app (see bench-child). */
const betweenRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Collects the previous phase's garbage (npm run bench:service passes --expose-gc), so a phase
 * does not pay for the seeding's or an earlier phase's heap inside its own timings.
 */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

type Timed<T> = { ms: number; value: T | undefined; error?: string };

async function call<K extends RequestName>(core: Core, name: K, params: ParamsOf<K>): Promise<Timed<unknown>> {
  await betweenRequests();
  const start = nowMs();
  const result = await core.dispatcher.dispatch(name, params, context);
  const ms = nowMs() - start;
  return result.ok
    ? { ms, value: result.value }
    : { ms, value: undefined, error: `${name}: ${result.error.code}: ${result.error.message}` };
}

async function main(): Promise<void> {
  const directory = mkdtempSync(path.join(tmpdir(), 'fieldcrm-service-bench-'));
  const errors = new Set<string>();
  const note = (t: Timed<unknown>) => {
    if (t.error) errors.add(t.error);
    return t;
  };
  try {
    progress(`seeding ${SIZE.cases} cases, ${SIZE.articles} articles, ${SIZE.surveys} surveys into ${directory}`);
    const seedStart = nowMs();
    const counts = await seedServiceBench(directory, SIZE, SEED, NOW, progress);
    const seedMs = nowMs() - seedStart;
    progress(`seeded in ${round(seedMs / 1000, 1)} s: ${JSON.stringify(counts)}`);

    collectGarbage();
    const databaseKey = readKeyFile(directory);
    if (!databaseKey) throw new Error(`no key file in ${directory}`);
    const openStart = nowMs();
    const core = await createCore({
      dataDir: directory,
      databaseKey,
      host: 'browser',
      appVersion: 'bench',
      now: () => NOW,
      log: () => undefined,
    });
    const openMs = nowMs() - openStart;
    try {
      // The first list answer loads the case projection every queue and the dashboard read.
      const first = note(await call(core, 'cases.list', { queue: 'open', limit: PAGE }));
      progress(`first cases.list (projection load) ${round(first.ms, 0)} ms`);

      collectGarbage();
      const perQueue: Record<string, number> = {};
      const queueTimes: number[] = [];
      const queueTotals: Record<string, number> = {};
      for (const queue of CASE_QUEUES) {
        const times: number[] = [];
        for (let i = 0; i < QUEUE_RUNS; i++) {
          const sort = SORTS[i % SORTS.length] ?? SORTS[0];
          const t = note(await call(core, 'cases.list', { queue, sort: { ...sort }, offset: 0, limit: PAGE }));
          times.push(t.ms);
          queueTotals[queue] = (t.value as { total?: number } | undefined)?.total ?? -1;
        }
        perQueue[queue] = round(percentile(times, 95), 2);
        queueTimes.push(...times);
      }
      progress(`case queues p95 ${JSON.stringify(perQueue)} totals ${JSON.stringify(queueTotals)}`);

      collectGarbage();
      const searches = knowledgeSearches(SEED);
      const searchTimes: number[] = [];
      let hits = 0;
      for (const text of searches) {
        const t = note(await call(core, 'knowledge.search', { text, limit: 20 }));
        searchTimes.push(t.ms);
        hits += (t.value as { hits?: unknown[] } | undefined)?.hits?.length ?? 0;
      }
      progress(`knowledge.search p95 ${round(percentile(searchTimes, 95), 2)} ms over ${searches.length} searches`);

      collectGarbage();
      const dashboardCold = note(await call(core, 'service.dashboard', { filters: {} }));
      const dashboardCached = note(await call(core, 'service.dashboard', { filters: {} }));
      const filtered: number[] = [];
      for (const priority of ['urgent', 'high', 'medium', 'low'] as const) {
        filtered.push(note(await call(core, 'service.dashboard', { filters: { priority } })).ms);
        filtered.push(note(await call(core, 'service.dashboard', { filters: { priority, from: '2024-06', to: '2025-05' } })).ms);
      }
      progress(`service.dashboard cold ${round(dashboardCold.ms, 0)} ms, filtered median ${round(median(filtered), 0)} ms`);

      collectGarbage();
      const sla = await slaRecompute(core);
      progress(`SLA of ${sla.cases} cases: ${round(sla.ms, 0)} ms (runs ${sla.runs.map((x) => round(x, 0)).join(', ')})`);

      console.log(
        JSON.stringify({
          case_queue_p95_ms: round(percentile(queueTimes, 95), 2),
          kb_search_p95_ms: round(percentile(searchTimes, 95), 2),
          service_dashboard_ms: round(dashboardCold.ms, 1),
          sla_recompute_200k_ms: round(sla.ms, 1),
          case_queue_p50_ms: round(percentile(queueTimes, 50), 2),
          case_queue_p95_by_queue_ms: perQueue,
          case_queue_totals: queueTotals,
          case_projection_first_list_ms: round(first.ms, 1),
          kb_search_p50_ms: round(percentile(searchTimes, 50), 2),
          kb_search_avg_hits: round(hits / searches.length, 1),
          service_dashboard_cached_ms: round(dashboardCached.ms, 2),
          service_dashboard_filtered_p50_ms: round(median(filtered), 1),
          service_dashboard_filtered_max_ms: round(Math.max(...filtered), 1),
          sla_recompute_runs_ms: sla.runs.map((x) => round(x, 1)),
          sla_states: sla.states,
          counts: { ...counts, cases_measured: sla.cases },
          seed_s: round(seedMs / 1000, 1),
          core_open_ms: round(openMs, 0),
          rss_mb: round(process.memoryUsage().rss / 1024 / 1024, 0),
          errors: [...errors],
          cpus: availableParallelism(),
          load1: round(loadavg()[0] ?? 0, 1),
        }),
      );
    } finally {
      await core.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/**
 * Every case's SLA at "now" from the synced policies and calendars (the reference the core
 * builds, fresh each run), with its account's tier: the loop is timed three times; the figure is the median.
 */
async function slaRecompute(core: Core): Promise<{ ms: number; runs: number[]; cases: number; states: Record<string, number> }> {
  const source = createSlaReferenceSource(core.db);
  try {
    const { policies, calendars } = await source.current();
    const tiers = new Map((await core.db.accounts.find().exec()).map((doc) => [doc.id, doc.tier]));
    const cases = (await core.db.cases.find().exec()).map((doc) => doc.toMutableJSON(false) as Case);
    const states: Record<string, number> = {};
    const runs: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = nowMs();
      // A fresh reference each run: after a policy or calendar change the clocks start cold.
      const reference = buildSlaReference(policies, calendars);
      for (const c of cases) {
        const state = reference.slaOf(c, tiers.get(c.accountId), NOW).state;
        if (run === 0) states[state] = (states[state] ?? 0) + 1;
      }
      runs.push(nowMs() - start);
    }
    return { ms: median(runs), runs, cases: cases.length, states };
  } finally {
    source.close();
  }
}

await main();
