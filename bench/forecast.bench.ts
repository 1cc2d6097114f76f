import { availableParallelism, loadavg } from 'node:os';
import { AnalyticsWorkerPool } from '../electron/core/analytics/analytics-worker-pool';
import { simulateDeals } from '../tests/support/simulated-deals';
import { seededRandom } from '../shared/analytics/stats';
import { nowMs, progress, round } from './bench-stats';
import { FORECAST_SERIES, measureForecast1000, warmForecastPool } from './forecast-workload';

const DEALS = 10_000;

/**
 * Forecasting and win-model training measured through the same worker pool the core uses (so the
 * figures include structured-clone transfer), after the threads have started and compiled the wasm.
 * Prints one JSON line; never fails on time.
 */
async function main(): Promise<void> {
  const startedAt = nowMs();
  const pool = new AnalyticsWorkerPool();
  try {
    // Warm-up: one small job per thread loads the code and instantiates the augurs wasm.
    await warmForecastPool(pool);
    const startupMs = nowMs() - startedAt;
    progress(`${pool.size} worker(s) ready in ${round(startupMs, 0)} ms`);

    const { ms: forecastMs, cpuMs: forecastCpuMs, models } = await measureForecast1000(pool);
    progress(`forecast ${FORECAST_SERIES} series in ${round(forecastMs, 0)} ms: ${JSON.stringify(models)}`);

    const { deals, activities } = simulateDeals(DEALS, seededRandom(7), { signal: true });
    const t1 = nowMs();
    const cpu1 = process.cpuUsage();
    const trained = await pool.run({ kind: 'trainWinModel', closed: deals, activities, now: Date.UTC(2025, 0, 1) });
    const trainMs = nowMs() - t1;
    const trainCpuMs = cpuMs(process.cpuUsage(cpu1));
    const ev = trained.model.evaluation;
    progress(`win model (${activities.length} activities) in ${round(trainMs, 0)} ms: ${trained.model.reason}`);

    console.log(
      JSON.stringify({
        forecast_1000_series_ms: round(forecastMs, 0),
        train_win_model_10k_ms: round(trainMs, 0),
        train_win_model_in_worker_ms: round(trained.trainMs, 0),
        // CPU time of the whole process (all threads) over each phase: on a shared machine wall time
        // mostly measures the neighbours, CPU time what the work costs.
        forecast_1000_series_cpu_ms: round(forecastCpuMs, 0),
        train_win_model_10k_cpu_ms: round(trainCpuMs, 0),
        workers: pool.size,
        worker_startup_ms: round(startupMs, 0),
        models,
        win_model: { kind: trained.model.kind, auc: round(ev.auc?.auc ?? Number.NaN, 3), brier: round(ev.brier ?? Number.NaN, 3) },
        cpus: availableParallelism(),
        load1: round(loadavg()[0] ?? 0, 1),
      }),
    );
  } finally {
    await pool.close();
  }
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

await main();
