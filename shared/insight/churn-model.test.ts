import { describe, expect, it } from 'vitest';
import { CHURN_REASON_CODES } from '../contract/insight/insight-requests';
import { ACTIVE_LOOKBACK_DAYS, churnBand, trainChurnModel } from './churn-model';
import { simulateChurnData } from './simulate-behaviour';
import type { Transaction } from './transactions';

const purchase = (accountId: string, day: number): Transaction => ({ accountId, day, amount: 10_000, productIds: [] });

/** Days since each account's last purchase up to `day`. */
function daysSinceLastPurchase(transactions: readonly Transaction[], day: number): Map<string, number> {
  const last = new Map<string, number>();
  for (const t of transactions) if (t.day <= day && t.day > (last.get(t.accountId) ?? -Infinity)) last.set(t.accountId, t.day);
  return new Map([...last].map(([id, d]) => [id, day - d]));
}

describe('trainChurnModel', () => {
  it('finds the churn signal put into the data, calibrated, and names reasons a rep can act on', () => {
    // Sized so the held-out part of the active-at-split population fills at least three reliability bins.
    const data = simulateChurnData({ accounts: 5000, seed: 11, signal: true });
    const { summary, scores, reliability } = trainChurnModel(data);

    expect(summary.status).toBe('ready');
    expect(summary.auc).toBeGreaterThanOrEqual(0.75);
    expect(summary.aucLower95).toBeGreaterThan(0.55);
    expect(summary.testAccounts).toBeGreaterThan(600);
    expect(summary.windowMonths).toBe(6);
    expect(summary.splitDate).toBe('2025-07-05');
    expect(summary.brier).toBeLessThan(summary.baseBrier ?? 0);
    // Calibrated: the reliability bins lie near the diagonal, overall (expected calibration error)
    // and in every well-filled bin.
    const n = reliability.reduce((s, b) => s + b.count, 0);
    const ece = reliability.reduce((s, b) => s + (b.count / n) * Math.abs(b.observedRate - b.meanPredicted), 0);
    expect(n).toBe(summary.testAccounts);
    expect(ece).toBeLessThan(0.05);
    const filled = reliability.filter((b) => b.count >= 50);
    expect(filled.length).toBeGreaterThanOrEqual(3);
    for (const bin of filled) expect(Math.abs(bin.observedRate - bin.meanPredicted)).toBeLessThan(0.1);

    // Every buyer gets an answer: the model's when active today, the plain lapsed one otherwise.
    const since = daysSinceLastPurchase(data.transactions, data.todayDay);
    expect(scores.size).toBe(since.size);
    const lapsedIds = [...since].filter(([, days]) => days >= ACTIVE_LOOKBACK_DAYS).map(([id]) => id);
    expect(lapsedIds.length).toBeGreaterThan(0);
    expect(lapsedIds.map((id) => scores.get(id))).toEqual(
      lapsedIds.map((id) => ({
        risk: 1,
        band: 'high',
        lapsed: true,
        reasons: [{ code: 'no_recent_purchase', params: { days: since.get(id) } }],
      })),
    );
    const lapsedSet = new Set(lapsedIds);
    const all = [...scores].filter(([id]) => !lapsedSet.has(id)).map(([, s]) => s);
    expect(all.every((s) => s.risk < 1)).toBe(true);
    const malformed = all.filter(
      (s) =>
        !(s.risk >= 0 && s.risk <= 1) ||
        s.band !== churnBand(s.risk) ||
        s.reasons.length > 3 ||
        s.reasons.some((r) => !CHURN_REASON_CODES.includes(r.code) || !Object.values(r.params).every(Number.isFinite)),
    );
    expect(malformed).toEqual([]);
    const high = all.filter((s) => s.band === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((s) => s.reasons.length > 0)).toBe(true);
    const codes = new Set(high.flatMap((s) => s.reasons.map((r) => r.code)));
    expect(codes.has('no_recent_purchase')).toBe(true);
    const noPurchase = high.flatMap((s) => s.reasons).find((r) => r.code === 'no_recent_purchase');
    expect(noPurchase?.params.days).toBeGreaterThan(0);
    // Every reason's figure is bad in plain terms.
    const notBad = all
      .flatMap((s) => s.reasons)
      .filter(
        (r) =>
          ((r.code === 'open_cases' || r.code === 'breached_cases') && !((r.params.count ?? 0) > 0)) ||
          (r.code === 'detractor_nps' && !((r.params.score ?? 10) <= 6)) ||
          (r.code === 'low_csat' && !((r.params.score ?? 5) < 3.5)) ||
          (r.code === 'low_p_alive' && !((r.params.percent ?? 100) < 50)) ||
          ((r.code === 'no_recent_purchase' || r.code === 'no_recent_activity') && !((r.params.days ?? 0) >= 90)) ||
          (r.code === 'fewer_purchases' && !((r.params.recent ?? 0) < (r.params.previous ?? 0))),
      );
    expect(notBad).toEqual([]);
  });

  it('reports no signal, and answers for nobody (not even lapsed accounts), when the outcome does not depend on the features', () => {
    const simulated = simulateChurnData({ accounts: 3000, seed: 12, signal: false });
    const data = { ...simulated, transactions: [...simulated.transactions, purchase('gone', simulated.todayDay - 900)] };
    const { summary, scores } = trainChurnModel(data);
    expect(summary.status).toBe('no_signal');
    expect(summary.auc).not.toBeNull();
    expect(summary.aucLower95).toBeLessThanOrEqual(0.55);
    expect(scores.size).toBe(0);
  });

  it('uses P(alive) as a feature when the CLV model gives it', () => {
    const data = simulateChurnData({ accounts: 1500, seed: 13, signal: true });
    const calls: Array<{ x: number; tx: number; T: number }> = [];
    const { summary, scores } = trainChurnModel({
      ...data,
      pAlive: (c) => {
        calls.push(c);
        return Math.exp(-Math.max(0, c.T - c.tx) / 20);
      },
    });
    expect(summary.status).toBe('ready');
    expect(calls.length).toBeGreaterThan(1500);
    for (const c of calls) {
      expect(c.x).toBeGreaterThanOrEqual(0);
      expect(c.tx).toBeLessThanOrEqual(c.T);
    }
    const lowAlive = [...scores.values()].flatMap((s) => s.reasons).find((r) => r.code === 'low_p_alive');
    expect(lowAlive?.params.percent).toBeGreaterThanOrEqual(0);
  });

  it('says there is not enough data for a handful of accounts', () => {
    const data = simulateChurnData({ accounts: 60, seed: 14, signal: true });
    const { summary, scores } = trainChurnModel(data);
    expect(summary.status).toBe('not_enough_data');
    expect(summary.auc).toBeNull();
    expect(scores.size).toBe(0);
  });

  it('refuses a window that is not a whole number of days, or not shorter than the activity lookback', () => {
    const data = simulateChurnData({ accounts: 10, seed: 15, signal: true });
    expect(() => trainChurnModel({ ...data, windowDays: 12.5 })).toThrow(/windowDays/);
    expect(() => trainChurnModel({ ...data, windowDays: ACTIVE_LOOKBACK_DAYS })).toThrow(/lookback/);
  });

  it('trains on accounts active at the split only, and answers an account lapsed today as lapsed', () => {
    const data = simulateChurnData({ accounts: 1500, seed: 17, signal: true });
    const split = data.todayDay - 180;
    const base = trainChurnModel(data);
    expect(base.summary.status).toBe('ready');
    const labelled = (r: ReturnType<typeof trainChurnModel>): number => r.summary.testAccounts + r.summary.trainAccounts;

    // Lapsed two years before the split: not labelled, so the training population and its figures are unchanged.
    const gone = trainChurnModel({
      ...data,
      transactions: [...data.transactions, purchase('gone', split - 2 * 365 - 120), purchase('gone', split - 2 * 365)],
    });
    expect(labelled(gone)).toBe(labelled(base));
    expect(gone.summary.baseRate).toBe(base.summary.baseRate);
    expect(gone.summary.auc).toBe(base.summary.auc);
    expect(gone.scores.get('gone')).toEqual({
      risk: 1,
      band: 'high',
      lapsed: true,
      reasons: [{ code: 'no_recent_purchase', params: { days: 2 * 365 + 180 } }],
    });

    // Active at the split (bought 200 days before it) and silent since: labelled as a churner, lapsed today.
    const stopped = trainChurnModel({ ...data, transactions: [...data.transactions, purchase('stopped', split - 200)] });
    expect(labelled(stopped)).toBe(labelled(base) + 1);
    expect(stopped.scores.get('stopped')).toEqual({
      risk: 1,
      band: 'high',
      lapsed: true,
      reasons: [{ code: 'no_recent_purchase', params: { days: 380 } }],
    });
  });

  it('takes features as of the split day only: later events do not change the held-out figures', () => {
    const data = simulateChurnData({ accounts: 800, seed: 16, signal: true });
    const split = data.todayDay - 180;
    const a = trainChurnModel(data);
    const b = trainChurnModel({
      ...data,
      events: {
        ...data.events,
        cases: [...data.events.cases, ...data.events.cases.filter((c) => c.openedDay > split).map((c) => ({ ...c, breached: true }))],
      },
    });
    expect(b.summary.auc).toBe(a.summary.auc);
    expect(b.summary.brier).toBe(a.summary.brier);
  });
});
