import { describe, expect, it } from 'vitest';
import { evaluateRecommender, REGULAR_PURCHASE_DAYS, trainRecommender } from './recommendations';
import { simulatePreferences } from './simulate-behaviour';
import type { AccountProfile, Transaction } from './transactions';

const data = simulatePreferences({ accounts: 3000, products: 150, seed: 7 });

const profile = (accountId: string, industry: string | null, size: string | null = '50-249', region = 'north'): AccountProfile => ({
  accountId,
  industry,
  region,
  tier: 'standard',
  size,
  currency: 'EUR',
});

describe('evaluateRecommender', () => {
  it('beats the popularity baseline by at least a fifth on a time split of latent-preference data', () => {
    const e = evaluateRecommender(data);
    expect(e.testAccounts).toBeGreaterThan(1000);
    expect(e.hitRateAt5).not.toBeNull();
    expect(e.hitRateAt5 ?? 0).toBeGreaterThanOrEqual(1.2 * (e.popularityHitRateAt5 ?? 1));
    expect(e.ndcgAt5 ?? 0).toBeGreaterThan(e.popularityNdcgAt5 ?? 1);
    for (const v of [e.hitRateAt5, e.ndcgAt5, e.popularityHitRateAt5, e.popularityNdcgAt5]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('has no test accounts, and no figures, when nobody bought anything new after the split', () => {
    const e = evaluateRecommender({
      transactions: data.transactions.filter((t) => t.day < data.splitDay),
      profiles: data.profiles,
      splitDay: data.splitDay,
    });
    expect(e).toEqual({ hitRateAt5: null, ndcgAt5: null, popularityHitRateAt5: null, popularityNdcgAt5: null, testAccounts: 0 });
  });
});

describe('trainRecommender', () => {
  const model = trainRecommender(data);

  it('never recommends a product the account buys regularly (two or more purchase days, or any in the last year)', () => {
    const days = new Map<string, Map<string, Set<number>>>();
    for (const t of data.transactions) {
      const byProduct = days.get(t.accountId) ?? new Map<string, Set<number>>();
      days.set(t.accountId, byProduct);
      for (const p of t.productIds) byProduct.set(p, (byProduct.get(p) ?? new Set<number>()).add(t.day));
    }
    let checked = 0;
    let onceLongAgo = 0;
    for (const { accountId } of data.profiles) {
      const bought = days.get(accountId) ?? new Map<string, Set<number>>();
      for (const r of model.recommend(accountId, 10)) {
        const ds = bought.get(r.productId);
        if (ds) {
          expect(ds.size).toBe(1);
          expect(data.todayDay - Math.max(...ds)).toBeGreaterThanOrEqual(REGULAR_PURCHASE_DAYS);
          onceLongAgo++;
        }
        checked++;
      }
    }
    expect(checked).toBe(30_000);
    // Products bought once, long ago, are allowed back, and some do come back.
    expect(onceLongAgo).toBeGreaterThan(0);
  });

  it('gives lists scored 1 down to above 0, each collaborative item explained by products the account bought', () => {
    for (const { accountId } of data.profiles.slice(0, 300)) {
      const recs = model.recommend(accountId, 5);
      expect(recs).toHaveLength(5);
      expect(new Set(recs.map((r) => r.productId)).size).toBe(5);
      expect(recs[0]?.score).toBe(1);
      recs.forEach((r, i) => {
        expect(r.score).toBeGreaterThan(0);
        if (i > 0) expect(r.score).toBeLessThanOrEqual(recs[i - 1]?.score ?? 1);
        if (r.source === 'collaborative') {
          expect(r.becauseOf.length).toBeGreaterThan(0);
          expect(r.becauseOf.length).toBeLessThanOrEqual(3);
          for (const p of r.becauseOf) expect(model.hasBought(accountId, p)).toBe(true);
        } else expect(r.becauseOf).toEqual([]);
      });
    }
  });

  it('recommends what accounts buying the same products buy, naming the product that led to it', () => {
    const tx: Transaction[] = [];
    // Twenty accounts buy A and B together; twenty buy C and D; the account under test buys A and E.
    for (let i = 0; i < 20; i++) {
      tx.push({ accountId: `ab-${i}`, day: 100, amount: 1, productIds: ['A', 'B'] });
      tx.push({ accountId: `cd-${i}`, day: 100, amount: 1, productIds: ['C', 'D'] });
    }
    tx.push({ accountId: 'me', day: 950, amount: 1, productIds: ['A'] }, { accountId: 'me', day: 960, amount: 1, productIds: ['E'] });
    const small = trainRecommender({ transactions: tx, profiles: [], todayDay: 1000 });
    const [first, ...rest] = small.recommend('me', 3);
    expect(first).toEqual({ productId: 'B', score: 1, source: 'collaborative', becauseOf: ['A'] });
    // C and D are not linked to A or E: they only fill the list, by popularity.
    expect(rest.map((r) => r.source)).toEqual(['popular', 'popular']);
    expect(rest.map((r) => r.productId).sort()).toEqual(['C', 'D']);
  });

  it('falls back to products popular with similar accounts for an account with one product, and to popular ones without a profile', () => {
    const industry = data.profiles[0]?.industry ?? null;
    const newcomers: Transaction[] = [
      { accountId: 'new-1', day: data.todayDay - 400, amount: 1, productIds: ['prod-0'] },
      { accountId: 'new-2', day: data.todayDay - 400, amount: 1, productIds: ['prod-0'] },
    ];
    const withNew = trainRecommender({
      transactions: [...data.transactions, ...newcomers],
      profiles: [...data.profiles, profile('new-1', industry), profile('new-3', industry)],
      todayDay: data.todayDay,
    });
    const recs = withNew.recommend('new-1', 5);
    expect(recs.map((r) => r.source)).toEqual(['content', 'content', 'content', 'content', 'content']);
    // No purchase at all, but a profile: the same kind of list.
    expect(withNew.recommend('new-3', 5).every((r) => r.source === 'content')).toBe(true);
    // Without a profile there is nothing to compare with but everyone.
    expect(withNew.recommend('new-2', 5).every((r) => r.source === 'popular')).toBe(true);
    expect(withNew.recommend('stranger', 5).every((r) => r.source === 'popular')).toBe(true);

    // The content list follows the industry: it shares most of its products with the industry's own favourites.
    const inIndustry = new Set(data.profiles.filter((p) => p.industry === industry).map((p) => p.accountId));
    const buyers = new Map<string, Set<string>>();
    for (const t of data.transactions) {
      if (!inIndustry.has(t.accountId)) continue;
      for (const p of t.productIds) buyers.set(p, (buyers.get(p) ?? new Set<string>()).add(t.accountId));
    }
    const favourites = new Set(
      [...buyers]
        .sort((x, y) => y[1].size - x[1].size)
        .slice(0, 10)
        .map(([p]) => p),
    );
    expect(recs.filter((r) => favourites.has(r.productId)).length).toBeGreaterThanOrEqual(3);
    const otherIndustry = data.profiles.find((p) => p.industry !== industry)?.industry ?? null;
    const other = trainRecommender({
      transactions: data.transactions,
      profiles: [...data.profiles, profile('new-4', otherIndustry)],
      todayDay: data.todayDay,
    }).recommend('new-4', 5);
    expect(other.map((r) => r.productId)).not.toEqual(recs.map((r) => r.productId));
  });

  it('counts the products most often recommended over a set of accounts', () => {
    const ids = data.profiles.slice(0, 200).map((p) => p.accountId);
    const top = model.topProducts(ids, 5);
    expect(top).toHaveLength(5);
    const expected = new Map<string, number>();
    for (const id of ids) for (const r of model.recommend(id, 5)) expected.set(r.productId, (expected.get(r.productId) ?? 0) + 1);
    for (const t of top) expect(t.accounts).toBe(expected.get(t.productId));
    expect(Math.max(...expected.values())).toBe(top[0]?.accounts);
  });

  it('refuses a list length that is not a positive whole number', () => {
    expect(() => model.recommend('acc-1', 0)).toThrow(/k must be/);
    expect(() => model.recommend('acc-1', 2.5)).toThrow(/k must be/);
  });
});
