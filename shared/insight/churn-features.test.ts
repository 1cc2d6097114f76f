import { describe, expect, it } from 'vitest';
import {
  churnFeatureNames,
  churnFeatureRow,
  churnSnapshotAt,
  indexChurnInput,
  lastPurchaseDayAsOf,
  MAX_ACTIVITY_GAP_DAYS,
} from './churn-features';
import type { ServiceEvents, Transaction } from './transactions';

const tx = (accountId: string, day: number, amount: number): Transaction => ({ accountId, day, amount, productIds: [] });

const transactions = [tx('X', 300, 2000), tx('X', 100, 1000), tx('X', 500, 700), tx('X', 100, 500), tx('Y', 50, 10)];
const events: ServiceEvents = {
  cases: [
    { accountId: 'X', openedDay: 450, resolvedDay: 510, breached: true },
    { accountId: 'X', openedDay: 400, resolvedDay: null, breached: false },
    { accountId: 'X', openedDay: 100, resolvedDay: 110, breached: true },
    { accountId: 'X', openedDay: 530, resolvedDay: null, breached: true },
    { accountId: 'nobody', openedDay: 500, resolvedDay: null, breached: true },
  ],
  surveys: [
    { accountId: 'X', day: 480, kind: 'csat', score: 4 },
    { accountId: 'X', day: 200, kind: 'csat', score: 2 },
    { accountId: 'X', day: 100, kind: 'csat', score: 1 },
    { accountId: 'X', day: 600, kind: 'csat', score: 5 },
    { accountId: 'X', day: 300, kind: 'nps', score: 9 },
    { accountId: 'X', day: 510, kind: 'nps', score: 3 },
    { accountId: 'X', day: 530, kind: 'nps', score: 10 },
  ],
  activities: [
    { accountId: 'X', day: 515 },
    { accountId: 'X', day: 490 },
    { accountId: 'X', day: 525 },
  ],
};

describe('churnSnapshotAt', () => {
  const index = indexChurnInput(transactions, events);
  const x = index.accountOf.get('X') ?? -1;

  it('sees only what happened up to the day, with same-day purchases as one', () => {
    const calls: Array<{ x: number; tx: number; T: number }> = [];
    const snap = churnSnapshotAt(index, x, 520, (c) => {
      calls.push(c);
      return 0.4;
    });
    expect(snap).toEqual({
      daysSincePurchase: 20,
      purchases6m: 1,
      purchasesPrev6m: 1,
      spend6m: 700,
      spendPrev6m: 2000,
      tenureDays: 420,
      openCases: 1,
      breachedCases6m: 1,
      csatMean: 3,
      npsLatest: 3,
      daysSinceActivity: 5,
      pAlive: 0.4,
    });
    expect(calls).toEqual([{ x: 2, tx: 400 / 7, T: 420 / 7 }]);
  });

  it('has no snapshot before the first purchase, and marks missing surveys and activities', () => {
    expect(churnSnapshotAt(index, x, 99)).toBeNull();
    const y = churnSnapshotAt(index, index.accountOf.get('Y') ?? -1, 50 + 1000);
    expect(y).toMatchObject({ csatMean: null, npsLatest: null, daysSinceActivity: MAX_ACTIVITY_GAP_DAYS, openCases: 0, pAlive: null });
    const row = churnFeatureRow(y ?? expect.fail('no snapshot'), false);
    const names = churnFeatureNames(false);
    expect(row).toHaveLength(names.length);
    expect(row[names.indexOf('csat_mean')]).toBeNaN();
    expect(row[names.indexOf('csat_missing')]).toBe(1);
    expect(row[names.indexOf('nps_missing')]).toBe(1);
    expect(row[names.indexOf('purchase_trend')]).toBe(0);
  });

  it('turns the snapshot into model inputs in feature order', () => {
    const snap = churnSnapshotAt(index, x, 520, () => 0.4);
    const names = churnFeatureNames(true);
    const row = churnFeatureRow(snap ?? expect.fail('no snapshot'), true);
    expect(names.at(-1)).toBe('p_alive');
    expect(row[names.indexOf('log_days_since_purchase')]).toBeCloseTo(Math.log(21));
    expect(row[names.indexOf('purchase_trend')]).toBe(0);
    expect(row[names.indexOf('order_value_trend')]).toBeCloseTo((700 - 2000) / 2700);
    expect(row[names.indexOf('p_alive')]).toBe(0.4);
    expect(churnFeatureNames(false)).not.toContain('p_alive');
  });

  it('finds the last purchase day up to a day, that day included', () => {
    expect(lastPurchaseDayAsOf(index, x, 99)).toBeNull();
    expect(lastPurchaseDayAsOf(index, x, 100)).toBe(100);
    expect(lastPurchaseDayAsOf(index, x, 499)).toBe(300);
    expect(lastPurchaseDayAsOf(index, x, 10_000)).toBe(500);
  });

  it('refuses a transaction without a numeric day', () => {
    expect(() => indexChurnInput([tx('Z', Number.NaN, 1)], { cases: [], surveys: [], activities: [] })).toThrow(/non-numeric/);
  });
});
