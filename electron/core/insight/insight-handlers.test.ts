import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName, Result, ResultOf } from '../../../shared/contract';
import type { ParamsOf } from '../../../shared/contract/requests';
import { CHURN_BANDS, RFM_SEGMENTS } from '../../../shared/contract/insight/insight-requests';
import { DAY_MS } from '../../../shared/insight/transactions';
import type { Order } from '../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { AnalyticsWorkerPool } from '../analytics/analytics-worker-pool';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { createDispatcher, type Dispatcher } from '../rpc/dispatcher';
import type { SessionContext } from '../rpc/handler-types';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';
import { loadInsightInput } from './extract-insight-data';
import { createInsightHandlers, type InsightHandlers } from './insight-handlers';
import { jobInputOf } from './insight-service';
import { mergeInsightParts, runInsightJob } from './run-insight-job';

const NOW = Date.UTC(2025, 5, 30, 12);
const TODAY = '2025-06-30';
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };

describe('customer insight handlers over the local database', () => {
  const dir = tempDirectory('crm-insight-');
  let db: CrmDatabase;
  let pool: AnalyticsWorkerPool;
  let insight: InsightHandlers;
  let dispatcher: Dispatcher;
  const call = <K extends RequestName>(name: K, params: ParamsOf<K>) =>
    dispatcher.dispatch(name, params, context) as Promise<Result<ResultOf<K>>>;
  const must = async <K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>> => {
    const r = await call(name, params);
    if (!r.ok) throw new Error(`${name}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };

  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 120, seed: 11, referenceDate: NOW }));
    pool = new AnalyticsWorkerPool({ size: 1 });
    // A short quiet time, so the run after a change comes within the test.
    insight = createInsightHandlers({ db, pool, now: () => NOW, debounceMs: 300, log: () => undefined });
    dispatcher = createDispatcher([insight.handlers]);
  });
  afterAll(async () => {
    await insight.close();
    await pool.close();
    await db.close();
    dir.cleanup();
  });

  it('says "computing" before the first run and answers an existing account without figures', async () => {
    const model = await must('insight.model', {});
    expect(model.status).toBe('computing');
    const id = (await db.accounts.findOne().exec())?.id ?? '';
    const account = await must('insight.account', { accountId: id });
    expect(account).toMatchObject({ accountId: id, status: 'computing', clv: null, churn: null, rfm: null, recommendations: [] });
  });

  it('computes every model in the worker and serves the contract shapes from memory', async () => {
    const model = await must('insight.recompute', {});
    expect(model.status).toBe('ready');
    expect(model.accounts).toBe(120);
    expect(model.accountsWithPurchases).toBeGreaterThan(30);
    expect(model.clv?.annualDiscountRate).toBe(0.1);
    expect(model.clv?.bgnbd.r).toBeGreaterThan(0);
    expect(model.churn?.windowMonths).toBe(6);
    expect(model.recommendations).not.toBeNull();
    expect(model.computeMs).toBeGreaterThanOrEqual(0);

    const buyers = (await db.sales_docs.find({ selector: { kind: 'order', status: 'fulfilled' } }).exec()).map((d) => d.toJSON() as Order);
    const buyer = buyers[0];
    expect(buyer).toBeDefined();
    const account = await must('insight.account', { accountId: buyer?.accountId ?? '' });
    const stored = await db.accounts.findOne(buyer?.accountId ?? '').exec();
    expect(account.status).toBe('ready');
    expect(account.currency).toBe(stored?.currency);
    expect(account.history.transactions).toBeGreaterThan(0);
    expect(account.history.totalSpend).toBeGreaterThan(0);
    expect(account.history.firstPurchase! <= account.history.lastPurchase!).toBe(true);
    expect(account.clv?.pAlive).toBeGreaterThanOrEqual(0);
    expect(account.clv?.pAlive).toBeLessThanOrEqual(1);
    expect(Number.isInteger(account.clv?.clv12m)).toBe(true);
    expect(RFM_SEGMENTS).toContain(account.rfm?.segment);
    expect(account.recommendations.length).toBeGreaterThan(0);
    const products = new Map((await db.catalog.find({ selector: { kind: 'product' } }).exec()).map((d) => [d.id, d.toJSON()]));
    for (const r of account.recommendations) {
      const product = products.get(r.productId);
      expect(r.productName).toBe(product && 'name' in product ? product.name : undefined);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
    }
  });

  it('computes the same in two halves (two threads) as in one job', async () => {
    const input = jobInputOf(await loadInsightInput(db, { now: NOW }), Math.floor(NOW / DAY_MS));
    const whole = runInsightJob({ ...input, part: 'all' });
    const merged = mergeInsightParts(runInsightJob({ ...input, part: 'customers' }), runInsightJob({ ...input, part: 'products' }));
    expect({ ...merged, computeMs: 0 }).toEqual({ ...whole, computeMs: 0 });
    expect(whole.clv?.calibration).not.toBeNull();
  });

  it('refuses an unknown account with not_found', async () => {
    const answer = await call('insight.account', { accountId: 'no-such-account' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('not_found');
  });

  it('aggregates the dashboard over the filtered accounts', async () => {
    const all = await must('insight.dashboard', {});
    expect(all.segments.map((s) => s.segment)).toEqual([...RFM_SEGMENTS]);
    expect(Object.keys(all.churnBands).sort()).toEqual([...CHURN_BANDS].sort());
    const segmented = all.segments.reduce((sum, s) => sum + s.accounts, 0);
    expect(segmented).toBeGreaterThan(0);
    expect(all.clvDistribution.length).toBeGreaterThan(0);
    for (const d of all.clvDistribution) {
      expect(d.buckets.at(-1)?.to).toBeNull();
      expect(d.buckets.every((b, i) => i === 0 || b.from === d.buckets[i - 1]?.to)).toBe(true);
    }
    expect(all.cohorts.length).toBeGreaterThan(0);
    expect(all.atRisk.every((r, i) => i === 0 || r.risk <= (all.atRisk[i - 1]?.risk ?? 1))).toBe(true);
    expect(all.topRecommendations.every((p) => p.productName.length > 0)).toBe(true);

    const region = (await db.accounts.findOne().exec())?.region ?? 'emea';
    const inRegion = await must('insight.dashboard', { region });
    const regional = inRegion.segments.reduce((sum, s) => sum + s.accounts, 0);
    expect(regional).toBeLessThan(segmented);
    const champions = await must('insight.dashboard', { segment: 'champions' });
    expect(champions.segments.filter((s) => s.segment !== 'champions').every((s) => s.accounts === 0)).toBe(true);
  });

  it('keeps the last answers while a rerun runs, and reruns on its own after a new order', async () => {
    const order = (await db.sales_docs.find({ selector: { kind: 'order', status: 'fulfilled' } }).exec())[0]?.toJSON() as Order;
    const before = await must('insight.account', { accountId: order.accountId });

    const rerun = insight.service.recomputeNow();
    const during = await must('insight.account', { accountId: order.accountId });
    expect(during.status).toBe('ready');
    expect(during.clv).toEqual(before.clv);
    await rerun;

    const changed = firstValueFrom(insight.insightChanged$);
    await db.sales_docs.insert({
      ...order,
      id: 'order-today',
      orderNumber: 'SO-TODAY',
      orderDate: TODAY,
      status: 'confirmed',
      createdAt: NOW,
      updatedAt: NOW,
    });
    // Nobody asks: the write alone schedules the run.
    await changed;
    const after = await must('insight.account', { accountId: order.accountId });
    expect(after.history.lastPurchase).toBe(TODAY);
    expect(after.history.totalSpend).toBe(before.history.totalSpend + order.total);
  });
});
