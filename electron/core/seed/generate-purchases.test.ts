import { describe, expect, it } from 'vitest';
import { crmCollections, lineItemTotal, type CrmDocOf, type Order } from '../../../shared/schemas';
import { generateDataset } from './generate-dataset';
import { CHURNED_QUIET_DAYS } from './generate-deals';
import { buildWorld, HISTORY_MONTHS } from './generate-org';
import { generatePurchaseBench, PURCHASE_GROUPS } from './generate-purchases';
import { DAY_MS } from './seed-random';

const ref = Date.UTC(2025, 5, 30);
const bench = generatePurchaseBench({ accounts: 2000, seed: 11, referenceDate: ref });
const byAccount = new Map<string, Order[]>();
for (const o of bench.orders) byAccount.set(o.accountId, [...(byAccount.get(o.accountId) ?? []), o]);
const customers = bench.accounts.filter((a) => a.status !== 'prospect');

const mean = (xs: ReadonlyArray<number>) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: ReadonlyArray<number>) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe('generatePurchaseHistory', () => {
  it('writes valid repeat orders priced from the account’s price book, with exact totals', () => {
    const world = buildWorld({ accounts: 2000, seed: 11, referenceDate: ref });
    const accounts = new Map(bench.accounts.map((a) => [a.id, a]));
    const windowStart = ref - HISTORY_MONTHS * 30 * DAY_MS;
    for (const o of bench.orders.slice(0, 3000)) {
      const parsed = crmCollections.sales_docs.parse(o);
      if (!parsed.ok) throw new Error(`${o.id}: ${parsed.error.message}`);
      const account = accounts.get(o.accountId);
      expect(account?.status).not.toBe('prospect');
      expect(o.currency).toBe(account?.currency);
      expect(o.opportunityId).toBeUndefined();
      expect(o.lines.length).toBeGreaterThanOrEqual(1);
      expect(o.lines.length).toBeLessThanOrEqual(4);
      expect(new Set(o.lines.map((l) => l.productId)).size).toBe(o.lines.length);
      for (const l of o.lines) {
        expect(l.unitPrice).toBe(world.prices.get(l.productId)?.get(o.currency)?.unitPrice);
        expect(l.total).toBe(lineItemTotal(l));
      }
      expect(o.subtotal).toBe(o.lines.reduce((s, l) => s + l.total, 0));
      expect(o.total).toBe(o.subtotal - o.discountAmount + o.taxAmount);
      expect(o.createdAt).toBeGreaterThanOrEqual(Math.max(windowStart, account?.createdAt ?? 0));
      expect(o.updatedAt).toBeLessThanOrEqual(ref);
      // Still being delivered only if ordered in the last three weeks.
      if (o.status === 'confirmed') expect(o.createdAt).toBeGreaterThan(ref - 21 * DAY_MS);
      else expect(o.status).toBe('fulfilled');
    }
    expect(new Set(bench.orders.map((o) => o.orderNumber)).size).toBe(bench.orders.length);
    expect(new Set(bench.orders.map((o) => o.id)).size).toBe(bench.orders.length);
    expect(bench.orders.filter((o) => o.status === 'fulfilled').length / bench.orders.length).toBeGreaterThan(0.9);
    expect(bench.orders.some((o) => o.status === 'confirmed')).toBe(true);
  });

  it('is deterministic and yields the same orders as the dataset', () => {
    const again = generatePurchaseBench({ accounts: 80, seed: 11, referenceDate: ref });
    expect(again.orders).toEqual(bench.orders.filter((o) => again.accounts.some((a) => a.id === o.accountId)));
    expect(generatePurchaseBench({ accounts: 80, seed: 12, referenceDate: ref }).orders[0]?.id).not.toBe(again.orders[0]?.id);
    const fromDataset: CrmDocOf<'sales_docs'>[] = [];
    for (const batch of generateDataset({ accounts: 80, seed: 11, referenceDate: ref, batchSize: 30 }))
      if (batch.collection === 'sales_docs')
        fromDataset.push(...batch.docs.filter((d) => d.kind === 'order' && d.opportunityId === undefined));
    expect(fromDataset).toEqual(again.orders);
  });

  it('gives about ten order lines per account, none to prospects', () => {
    const lines = bench.orders.reduce((s, o) => s + o.lines.length, 0);
    expect(lines / bench.accounts.length).toBeGreaterThan(8);
    expect(lines / bench.accounts.length).toBeLessThan(12.5);
    expect(bench.orders.length / bench.accounts.length).toBeGreaterThan(3);
    expect(bench.orders.length / bench.accounts.length).toBeLessThan(5.5);
    for (const a of bench.accounts) if (a.status === 'prospect') expect(byAccount.has(a.id)).toBe(false);
    // Bigger tiers buy more often.
    const perTier = (tier: string) => mean(customers.filter((a) => a.tier === tier).map((a) => byAccount.get(a.id)?.length ?? 0));
    expect(perTier('key')).toBeGreaterThan(perTier('standard'));
    expect(perTier('standard')).toBeGreaterThan(perTier('small'));
  });

  it('keeps churned accounts quiet for their last months, deal orders included', () => {
    const quietSince = ref - CHURNED_QUIET_DAYS * DAY_MS;
    const churned = customers.filter((a) => a.status === 'churned');
    expect(churned.length).toBeGreaterThan(50);
    for (const a of churned) for (const o of byAccount.get(a.id) ?? []) expect(o.createdAt).toBeLessThan(quietSince);
    const data = generateDataset({ accounts: 300, seed: 5, referenceDate: ref });
    const accounts: CrmDocOf<'accounts'>[] = [];
    const orders: Order[] = [];
    for (const batch of data) {
      if (batch.collection === 'accounts') accounts.push(...batch.docs);
      if (batch.collection === 'sales_docs') orders.push(...batch.docs.filter((d): d is Order => d.kind === 'order'));
    }
    const churnedIds = new Set(accounts.filter((a) => a.status === 'churned').map((a) => a.id));
    const theirs = orders.filter((o) => churnedIds.has(o.accountId));
    expect(theirs.some((o) => o.opportunityId !== undefined)).toBe(true);
    for (const o of theirs) expect(Date.parse(o.orderDate)).toBeLessThan(quietSince);
  });

  it('draws heterogeneous purchase rates, dropouts and spend (far from Poisson)', () => {
    // Within one tier and status, orders per account vary much more than a common Poisson rate would.
    const counts = customers.filter((a) => a.tier === 'standard' && a.status === 'active').map((a) => byAccount.get(a.id)?.length ?? 0);
    expect(variance(counts) / mean(counts)).toBeGreaterThan(3);
    const traits = bench.traits.filter((t) => t !== null);
    const stopped = traits.filter((t) => t.stoppedAt !== null).length / traits.length;
    expect(stopped).toBeGreaterThan(0.15);
    expect(stopped).toBeLessThan(0.6);
    const spend = traits.map((t) => t.meanSpendUsd);
    expect(Math.sqrt(variance(spend)) / mean(spend)).toBeGreaterThan(0.8);
  });

  it('makes about a quarter of the accounts seasonal, ordering mostly in their peak quarters', () => {
    let inPeak = 0;
    let seasonalOrders = 0;
    let accounts = 0;
    bench.accounts.forEach((a, i) => {
      const peaks = bench.traits[i]?.peakQuarters ?? [];
      if (peaks.length === 0) return;
      accounts++;
      for (const o of byAccount.get(a.id) ?? []) {
        seasonalOrders++;
        if (peaks.includes(Math.floor(new Date(o.createdAt).getUTCMonth() / 3))) inPeak++;
      }
    });
    expect(accounts / customers.length).toBeGreaterThan(0.18);
    expect(accounts / customers.length).toBeLessThan(0.32);
    expect(inPeak / seasonalOrders).toBeGreaterThan(0.7);
  });

  it('has co-purchase structure: item-based neighbours beat popularity at a held-out product', () => {
    const baskets = customers
      .map((a) => [...new Set((byAccount.get(a.id) ?? []).flatMap((o) => o.lines.map((l) => l.productId)))])
      .filter((b) => b.length >= 3 && b.length <= 12);
    const held = baskets.map((b, i) => b[i % b.length] ?? '');
    const train = baskets.map((b, i) => b.filter((p) => p !== held[i]));
    const count = new Map<string, number>();
    const pair = new Map<string, number>();
    for (const b of train) {
      for (const p of b) count.set(p, (count.get(p) ?? 0) + 1);
      for (const p of b) for (const q of b) if (p !== q) pair.set(`${p}|${q}`, (pair.get(`${p}|${q}`) ?? 0) + 1);
    }
    const products = [...count.keys()];
    const cosine = (p: string, q: string) => (pair.get(`${p}|${q}`) ?? 0) / Math.sqrt((count.get(p) ?? 1) * (count.get(q) ?? 1));
    const hits = { cf: 0, popular: 0 };
    train.forEach((owned, i) => {
      const candidates = products.filter((p) => !owned.includes(p));
      const top = (score: (p: string) => number) =>
        [...candidates]
          .sort((x, y) => score(y) - score(x))
          .slice(0, 2)
          .includes(held[i] ?? '');
      if (top((c) => owned.reduce((s, p) => s + cosine(p, c), 0))) hits.cf++;
      if (top((c) => count.get(c) ?? 0)) hits.popular++;
    });
    expect(hits.cf).toBeGreaterThan(hits.popular * 1.3);
    expect(PURCHASE_GROUPS.length).toBe(bench.traits.find((t) => t !== null)?.taste.length);
  });

  it('shows accounts that stop buying in their service data first', () => {
    const accounts = 600;
    const seed = 21;
    const traits = generatePurchaseBench({ accounts, seed, referenceDate: ref }).traits;
    const cases: CrmDocOf<'cases'>[] = [];
    const nps: CrmDocOf<'surveys'>[] = [];
    const ids: string[] = [];
    for (const batch of generateDataset({ accounts, seed, referenceDate: ref })) {
      if (batch.collection === 'accounts') ids.push(...batch.docs.map((a) => a.id));
      if (batch.collection === 'cases') cases.push(...batch.docs);
      if (batch.collection === 'surveys') nps.push(...batch.docs.filter((s) => s.survey === 'nps'));
    }
    const window = 120 * DAY_MS;
    const stats = { stopped: { accounts: 0, cases: 0, breached: 0 }, alive: { accounts: 0, cases: 0, breached: 0 } };
    const npsScores = { stopped: [] as number[], alive: [] as number[] };
    ids.forEach((id, i) => {
      const t = traits[i];
      if (!t) return;
      // Cases in the 120 days before the last order of a leaver, or in the 120 days before a fixed day for the rest.
      const to = t.stoppedAt ?? ref - window;
      const side = t.stoppedAt === null ? 'alive' : 'stopped';
      stats[side].accounts++;
      for (const c of cases)
        if (c.accountId === id && c.openedAt >= to - window && c.openedAt <= to) {
          stats[side].cases++;
          if (c.slaOutcome && !(c.slaOutcome.firstResponseMet && c.slaOutcome.resolutionMet)) stats[side].breached++;
        }
      for (const s of nps) if (s.accountId === id) npsScores[side].push(s.score);
    });
    const rate = (s: { accounts: number; cases: number }) => s.cases / s.accounts;
    expect(rate(stats.stopped)).toBeGreaterThan(3 * rate(stats.alive));
    expect(stats.stopped.breached / stats.stopped.cases).toBeGreaterThan(stats.alive.breached / Math.max(1, stats.alive.cases));
    expect(mean(npsScores.stopped)).toBeLessThan(mean(npsScores.alive) - 0.5);
  });

  it('rejects a bad account count', () => {
    expect(() => generatePurchaseBench({ accounts: -1, seed: 1 })).toThrow(/accounts/);
  });
});
