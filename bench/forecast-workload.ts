import type { AnalyticsWorkerPool } from '../electron/core/analytics/analytics-worker-pool';
import type { SeriesInput } from '../electron/core/analytics/forecast-series';
import { seededRandom } from '../shared/analytics/stats';
import { simulateSeries, type SimulatedKind } from '../tests/support/simulated-series';
import { nowMs } from './bench-stats';

export const FORECAST_SERIES = 1_000;
const LENGTH = 60;
const HORIZON = 12;
const KINDS: readonly SimulatedKind[] = ['trend', 'seasonal', 'flat', 'random_walk', 'intermittent'];

/** One small job per thread, so the measured run does not pay for loading code and the augurs wasm. */
export async function warmForecastPool(pool: AnalyticsWorkerPool): Promise<void> {
  await Promise.all(
    Array.from({ length: pool.size }, () =>
      pool.run({ kind: 'forecast', series: [{ key: 'w', values: simulateSeries('seasonal', 36, seededRandom(1)).values }], horizon: 3 }),
    ),
  );
}

/**
 * 1,000 simulated monthly series (five shapes, 60 months) forecast 12 months ahead with full model
 * selection through the pool: wall and whole-process CPU time, and which model each series got.
 */
export async function measureForecast1000(
  pool: AnalyticsWorkerPool,
): Promise<{ readonly ms: number; readonly cpuMs: number; readonly models: Record<string, number> }> {
  const rand = seededRandom(2024);
  const series: SeriesInput[] = Array.from({ length: FORECAST_SERIES }, (_, i) => ({
    key: `s${i}`,
    values: simulateSeries(KINDS[i % KINDS.length] ?? 'flat', LENGTH, rand).values,
    startPeriod: '2020-01',
  }));
  const t0 = nowMs();
  const cpu0 = process.cpuUsage();
  const forecasts = await pool.forecast(series, HORIZON);
  const ms = nowMs() - t0;
  const usage = process.cpuUsage(cpu0);
  const models: Record<string, number> = {};
  for (const f of forecasts) models[f.model] = (models[f.model] ?? 0) + 1;
  return { ms, cpuMs: (usage.user + usage.system) / 1000, models };
}
