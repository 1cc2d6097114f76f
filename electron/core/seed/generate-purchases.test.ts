import { describe, expect, it } from 'vitest';
import { evaluateRecommender } from '../../../shared/insight/recommendations';
import { dayOfEpochMs, type Transaction } from '../../../shared/insight/transactions';
import { crmCollections, lineItemTotal, type CrmDocOf, type Order } from '../../../shared/schemas';
import { generateDataset } from './generate-dataset';
import { CHURNED_QUIET_DAYS } from './generate-deals';
import { buildWorld, HISTORY_MONTHS } from './generate-org';
import { generatePurchaseBench, PURCHASE_GROUPS, PURCHASE_NEED_SKUS, type AccountServiceDocs } from './generate-purchases';
import { DAY_MS } from './seed-random';
import { CATALOG, FULL_CATALOG } from './seed-tables';

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

  it('sells the whole range through repeat orders, while deals and quotes keep to the core lines', () => {
    expect(FULL_CATALOG.length).toBeGreaterThanOrEqual(100);
    expect(FULL_CATALOG.length).toBeLessThanOrEqual(150);
    expect(new Set(FULL_CATALOG.map((p) => p.sku)).size).toBe(FULL_CATALOG.length);
    expect(FULL_CATALOG.slice(0, CATALOG.length)).toEqual(CATALOG);
    for (const p of FULL_CATALOG) expect(['Hardware', 'Software', 'Services', 'Support']).toContain(p.family);
    const world = buildWorld({ accounts: 300, seed: 5, referenceDate: ref });
    expect(world.dealProducts.map((p) => p.sku)).toEqual(CATALOG.map((p) => p.sku));
    const core = new Set(world.dealProducts.map((p) => p.id));
    const bought = new Set(bench.orders.flatMap((o) => o.lines.map((l) => l.productId)));
    expect(bought.size).toBeGreaterThan(0.9 * FULL_CATALOG.length);
    for (const batch of generateDataset({ accounts: 300, seed: 5, referenceDate: ref })) {
      if (batch.collection === 'opportunities')
        for (const o of batch.docs) for (const l of o.lineItems) expect(core.has(l.productId)).toBe(true);
      if (batch.collection === 'sales_docs')
        for (const d of batch.docs) if (d.opportunityId !== undefined) for (const l of d.lines) expect(core.has(l.productId)).toBe(true);
    }
  });

  it('extends what an account buys from its needs: most products it first buys after its first order belong to them', () => {
    const world = buildWorld({ accounts: 2000, seed: 11, referenceDate: ref });
    const skuOf = new Map(world.products.map((p) => [p.id, p.sku]));
    let inNeeds = 0;
    let later = 0;
    let chance = 0;
    bench.accounts.forEach((a, i) => {
      const orders = byAccount.get(a.id) ?? [];
      const needs = bench.traits[i]?.needs ?? [];
      const ofNeeds = new Set(needs.flatMap((n) => PURCHASE_NEED_SKUS[n] ?? []));
      const seen = new Set(orders[0]?.lines.map((l) => l.productId) ?? []);
      for (const o of orders.slice(1))
        for (const l of o.lines) {
          if (seen.has(l.productId)) continue;
          seen.add(l.productId);
          later++;
          chance += ofNeeds.size / FULL_CATALOG.length;
          if (ofNeeds.has(skuOf.get(l.productId) ?? '')) inNeeds++;
        }
    });
    expect(later).toBeGreaterThan(5000);
    // By chance a new product would be one of its needs' about one time in ten (their share of the range).
    expect(inNeeds / later).toBeGreaterThan(0.7);
    expect(inNeeds / later).toBeGreaterThan(4 * (chance / later));
    // Every need's products are in the catalogue, and every need is someone's.
    for (const skus of Object.values(PURCHASE_NEED_SKUS))
      for (const sku of skus) expect(FULL_CATALOG.some((p) => p.sku === sku)).toBe(true);
    expect(new Set(bench.traits.flatMap((t) => t?.needs ?? []))).toEqual(new Set(PURCHASE_GROUPS));
    for (const t of bench.traits) if (t) expect(t.needs.length).toBeGreaterThanOrEqual(1);
  });

  it('lets a time-split recommender beat popularity by more than a fifth', () => {
    const transactions: Transaction[] = bench.orders.map((o) => ({
      accountId: o.accountId,
      day: dayOfEpochMs(Date.parse(`${o.orderDate}T00:00:00Z`)),
      amount: o.total,
      productIds: o.lines.map((l) => l.productId),
    }));
    const profiles = bench.accounts.map((a) => ({
      accountId: a.id,
      industry: a.industry ?? null,
      region: a.region,
      tier: a.tier,
      size: null,
      currency: a.currency,
    }));
    const e = evaluateRecommender({ transactions, profiles, splitDay: dayOfEpochMs(ref) - 180 });
    expect(e.testAccounts).toBeGreaterThan(300);
    expect(e.hitRateAt5 ?? 0).toBeGreaterThan(1.2 * (e.popularityHitRateAt5 ?? 1));
  });

  it('hands the bench each account’s service records exactly as the dataset writes them', () => {
    const accounts = 60;
    const seen: AccountServiceDocs[] = [];
    const withService = generatePurchaseBench({ accounts, seed: 21, referenceDate: ref, onService: (docs) => seen.push(docs) });
    expect(withService.orders).toEqual(generatePurchaseBench({ accounts, seed: 21, referenceDate: ref }).orders);
    const cases: CrmDocOf<'cases'>[] = [];
    const surveys: CrmDocOf<'surveys'>[] = [];
    const activities = new Map<string, CrmDocOf<'activities'>>();
    for (const batch of generateDataset({ accounts, seed: 21, referenceDate: ref })) {
      if (batch.collection === 'cases') cases.push(...batch.docs);
      if (batch.collection === 'surveys') surveys.push(...batch.docs);
      if (batch.collection === 'activities') for (const a of batch.docs) activities.set(a.id, a);
    }
    expect(seen.map((d) => d.account.id)).toEqual(withService.accounts.map((a) => a.id));
    expect(seen.flatMap((d) => d.cases)).toEqual(cases);
    expect(seen.flatMap((d) => d.surveys)).toEqual(surveys);
    const benchActivities = seen.flatMap((d) => d.activities);
    expect(benchActivities.length).toBeGreaterThan(accounts);
    for (const a of benchActivities) expect(activities.get(a.id)).toEqual(a);
  });

  it('rejects a bad account count', () => {
    expect(() => generatePurchaseBench({ accounts: -1, seed: 1 })).toThrow(/accounts/);
  });
});
