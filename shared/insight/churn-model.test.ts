import { describe, expect, it } from 'vitest';
import { CHURN_REASON_CODES } from '../contract/insight/insight-requests';
import { churnBand, trainChurnModel } from './churn-model';
import { simulateChurnData } from './simulate-behaviour';

describe('trainChurnModel', () => {
  it('finds the churn signal put into the data, calibrated, and names reasons a rep can act on', () => {
    const data = simulateChurnData({ accounts: 3000, seed: 11, signal: true });
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

    const buyers = new Set(data.transactions.filter((t) => t.day <= data.todayDay).map((t) => t.accountId));
    expect(scores.size).toBe(buyers.size);
    const all = [...scores.values()];
    for (const s of all) {
      expect(s.risk).toBeGreaterThanOrEqual(0);
      expect(s.risk).toBeLessThanOrEqual(1);
      expect(s.band).toBe(churnBand(s.risk));
      expect(s.reasons.length).toBeLessThanOrEqual(3);
      for (const r of s.reasons) {
        expect(CHURN_REASON_CODES).toContain(r.code);
        for (const v of Object.values(r.params)) expect(Number.isFinite(v)).toBe(true);
      }
    }
    const high = all.filter((s) => s.band === 'high');
    expect(high.length).toBeGreaterThan(0);
    expect(high.every((s) => s.reasons.length > 0)).toBe(true);
    const codes = new Set(high.flatMap((s) => s.reasons.map((r) => r.code)));
    expect(codes.has('no_recent_purchase')).toBe(true);
    const noPurchase = high.flatMap((s) => s.reasons).find((r) => r.code === 'no_recent_purchase');
    expect(noPurchase?.params.days).toBeGreaterThan(0);
    // Every reason's figure is bad in plain terms.
    for (const r of all.flatMap((s) => s.reasons)) {
      if (r.code === 'open_cases' || r.code === 'breached_cases') expect(r.params.count).toBeGreaterThan(0);
      if (r.code === 'detractor_nps') expect(r.params.score).toBeLessThanOrEqual(6);
      if (r.code === 'fewer_purchases') expect(r.params.recent).toBeLessThan(r.params.previous ?? 0);
    }
  });

  it('reports no signal, and scores nobody, when the outcome does not depend on the features', () => {
    const data = simulateChurnData({ accounts: 3000, seed: 12, signal: false });
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

  it('refuses a window that is not a whole number of days', () => {
    const data = simulateChurnData({ accounts: 10, seed: 15, signal: true });
    expect(() => trainChurnModel({ ...data, windowDays: 12.5 })).toThrow(/windowDays/);
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
