import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/stats';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';
import { AnalyticsWorkerPool } from './analytics-worker-pool';
import { createAnalyticsService, type WinModelState } from './analytics-service';
import { simulateDeals } from '../../../tests/support/simulated-deals';
import { simulateSeries } from '../../../tests/support/simulated-series';

const NOW = Date.UTC(2025, 5, 30);

describe('analytics worker pool', () => {
  const pool = new AnalyticsWorkerPool({ size: 2 });
  afterAll(() => pool.close());

  it('forecasts in worker threads, keeping series order across chunks', async () => {
    const rand = seededRandom(5);
    const series = Array.from({ length: 9 }, (_, i) => ({ key: `s${i}`, values: simulateSeries('trend', 36, rand).values }));
    const out = await pool.forecast(series, 6);
    expect(out.map((f) => f.key)).toEqual(series.map((s) => s.key));
    expect(out.every((f) => f.points.length === 6)).toBe(true);
  });

  it('does not block the calling thread while it trains', async () => {
    const { deals, activities } = simulateDeals(4000, seededRandom(6), { signal: true });
    const order: string[] = [];
    const training = pool.run({ kind: 'trainWinModel', closed: deals, activities, now: NOW }).then((result) => {
      order.push('trained');
      return result;
    });
    // Training on this thread would finish before a timer queued after it could run.
    const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('timer')), 0));
    const result = await training;
    await timer;
    expect(result.model.kind).toBe('logistic');
    expect(order).toEqual(['timer', 'trained']);
  });

  it('returns a failed job as an error value and keeps working', async () => {
    const bad = pool.run({ kind: 'forecast', series: [{ key: 'x', values: [1, 2, 3] }], horizon: -1 });
    await expect(bad).rejects.toMatchObject({ code: 'analytics_failed' });
    const ok = await pool.forecast([{ key: 'y', values: [5, 5, 5, 5] }], 2);
    expect(ok[0]?.model).toBe('mean');
  });
});

describe('analytics service over the local database', () => {
  const dir = tempDirectory('crm-analytics-');
  let db: CrmDatabase;
  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 40, seed: 9, referenceDate: NOW }));
  });
  afterAll(async () => {
    await db.close();
    dir.cleanup();
  });

  it('rolls up, forecasts and retrains (debounced, coalesced) from seeded data', async () => {
    const states: WinModelState[] = [];
    const service = createAnalyticsService({
      db,
      scope: () => ({}),
      now: () => NOW,
      retrainDebounceMs: 20,
      onWinModelChanged: (s) => states.push(s),
    });
    try {
      const rows = await service.pipelineRollup({ period: 'quarter', groupBy: 'region' });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.bestCase >= r.commit && r.pipeline >= r.bestCase)).toBe(true);

      const currency = rows[0]?.currency ?? 'USD';
      const forecasts = await service.forecastRevenue({ dimension: 'all', currency, horizon: 6 });
      expect(forecasts).toHaveLength(1);
      expect(forecasts[0]?.points[0]?.period).toBe('2025-06');

      for (let i = 0; i < 5; i++) service.requestRetrain();
      await new Promise((r) => setTimeout(r, 60));
      const state = await service.retrainNow();
      expect(state.status).toBe('ready');
      expect(state.model?.reason.length).toBeGreaterThan(0);
      expect(state.scores.size).toBeGreaterThan(0);
      // Five requests inside the quiet period made one training (plus the explicit one, coalesced or after).
      expect(states.filter((s) => s.status === 'training').length).toBeLessThanOrEqual(2);
    } finally {
      await service.close();
    }
  });

  it("scores one rep's open deals with a model learnt from the team while the rep's history is short", async () => {
    const some = (await db.opportunities.find({ selector: { stage: 'proposal' }, limit: 1 }).exec())[0];
    expect(some).toBeDefined();
    const scope = { ownerId: some?.ownerId ?? '', teamId: some?.teamId ?? '' };
    const service = createAnalyticsService({ db, scope: () => scope, now: () => NOW });
    try {
      const state = await service.retrainNow();
      expect(state.trainedOn).toBe('team');
      const own = await db.opportunities.find({ selector: { ownerId: scope.ownerId } }).exec();
      const ownOpen = new Set(own.filter((o) => o.stage !== 'closed_won' && o.stage !== 'closed_lost').map((o) => o.id));
      expect(state.scores.size).toBe(ownOpen.size);
      for (const id of state.scores.keys()) expect(ownOpen.has(id)).toBe(true);
    } finally {
      await service.close();
    }
  });
});
