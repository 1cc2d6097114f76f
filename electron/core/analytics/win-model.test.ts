import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/analytics/stats';
import { scoreOpenDeals, trainWinModel } from '../../../shared/analytics/win-model';
import { simulateDeals } from '../../../tests/support/simulated-deals';

const NOW = Date.UTC(2024, 6, 1);

describe('win probability model', () => {
  it('learns a real signal: held-out AUC > 0.75, calibrated, with reasons', () => {
    const { deals, activities } = simulateDeals(3000, seededRandom(21), { signal: true });
    const model = trainWinModel({ closed: deals, activities, now: NOW });
    const ev = model.evaluation;
    console.info('win model (signal)', {
      auc: ev.auc,
      brier: ev.brier,
      stageAuc: ev.stageAuc?.auc,
      stageBrier: ev.stageBrier,
      bins: ev.reliability.map((b) => [b.meanPredicted.toFixed(2), b.observedRate.toFixed(2), b.count]),
    });
    expect(model.kind).toBe('logistic');
    expect(ev.auc?.auc).toBeGreaterThan(0.75);
    expect(ev.brier).toBeLessThan(0.2);
    // Calibration: every well-populated reliability bin within 0.1 of its observed rate.
    for (const bin of ev.reliability.filter((b) => b.count >= 40)) expect(Math.abs(bin.meanPredicted - bin.observedRate)).toBeLessThan(0.1);

    const open = simulateDeals(50, seededRandom(22), { signal: true, open: true, idPrefix: 'o' });
    const scores = scoreOpenDeals(model, open.deals, open.activities, NOW);
    expect(scores).toHaveLength(50);
    for (const s of scores) {
      expect(s.source).toBe('model');
      expect(s.probability).toBeGreaterThanOrEqual(0);
      expect(s.probability).toBeLessThanOrEqual(1);
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.reasons[0]?.text).toMatch(/(raises|lowers) the chance$/);
    }
  });

  it('claims no signal where there is none: falls back to stage win rates and says why', () => {
    const { deals, activities } = simulateDeals(2000, seededRandom(31), { signal: false });
    const model = trainWinModel({ closed: deals, activities, now: NOW });
    console.info('win model (no signal)', { auc: model.evaluation.auc, brier: model.evaluation.brier, reason: model.reason });
    expect(model.kind).toBe('stage');
    expect(model.reason).toMatch(/No reliable signal/);
    const open = simulateDeals(5, seededRandom(32), { signal: false, open: true, idPrefix: 'o' });
    const scores = scoreOpenDeals(model, open.deals, open.activities, NOW);
    for (const s of scores) {
      expect(s.source).toBe('stage');
      expect(s.explanation).toMatch(/Stage-based/);
    }
  });

  it('falls back when there are too few closed deals', () => {
    const { deals, activities } = simulateDeals(25, seededRandom(41), { signal: true });
    const model = trainWinModel({ closed: deals, activities, now: NOW });
    expect(model.kind).toBe('stage');
    expect(model.reason).toMatch(/Only 25 closed deals/);
  });
});
