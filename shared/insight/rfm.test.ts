import { describe, expect, it } from 'vitest';
import { seededRandom } from '../analytics/stats';
import { RFM_SEGMENTS } from '../contract/insight/insight-requests';
import type { CustomerSummary } from './customer-summary';
import { computeRfm, rfmSegment } from './rfm';

const TODAY = 1000;

function customer(accountId: string, lastDay: number, count: number, total: number): CustomerSummary {
  return { accountId, x: count - 1, tx: 0, T: 0, monetary: 0, count, total, firstDay: lastDay, lastDay };
}

describe('computeRfm', () => {
  it('finds the champion and the lost account in a small book', () => {
    const book = [
      customer('champion', 998, 12, 90_000), // bought two days ago, often, a lot
      customer('lost', 300, 1, 500), // one small purchase long ago
      customer('regular-1', 950, 4, 12_000),
      customer('regular-2', 900, 3, 8_000),
      customer('regular-3', 850, 5, 15_000),
      customer('old-big', 320, 10, 80_000),
      customer('new', 999, 1, 700),
      customer('middling-1', 700, 2, 3_000),
      customer('middling-2', 650, 2, 2_500),
      customer('middling-3', 600, 3, 4_000),
    ];
    const rfm = computeRfm(book, TODAY);
    expect(rfm.get('champion')).toEqual({ recency: 5, frequency: 5, monetary: 5, segment: 'champions' });
    expect(rfm.get('lost')).toEqual({ recency: 1, frequency: 1, monetary: 1, segment: 'lost' });
    expect(rfm.get('old-big')?.segment).toBe('cannot_lose');
    expect(rfm.get('new')?.segment).toBe('new_customers');
  });

  it('cuts equal-sized quintiles (within one) even when most values tie, the same way on every run', () => {
    const rand = seededRandom(42);
    const book = Array.from({ length: 1003 }, (_, i) => {
      const count = rand() < 0.6 ? 1 : 2 + Math.floor(rand() * 6);
      return customer(`acc-${i}`, TODAY - Math.floor(rand() * 400), count, Math.round(count * 100 * (0.5 + rand())));
    });
    const rfm = computeRfm(book, TODAY);
    for (const key of ['recency', 'frequency', 'monetary'] as const) {
      const sizes = [1, 2, 3, 4, 5].map((s) => [...rfm.values()].filter((v) => v[key] === s).length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    const shuffled = [...book].sort(() => (rand() < 0.5 ? -1 : 1));
    expect(computeRfm(shuffled, TODAY)).toEqual(rfm);
    // Higher measure, never a lower score.
    const sorted = [...book].sort((a, b) => a.total - b.total);
    for (let i = 1; i < sorted.length; i++) {
      const [lower, higher] = [sorted[i - 1], sorted[i]];
      if (!lower || !higher || higher.total === lower.total) continue;
      expect(rfm.get(higher.accountId)?.monetary ?? 0).toBeGreaterThanOrEqual(rfm.get(lower.accountId)?.monetary ?? 0);
    }
  });

  it('scores on a caller-given monetary value', () => {
    const book = [customer('eur', 990, 2, 100), customer('jpy', 990, 2, 15_000)];
    const rfm = computeRfm(book, TODAY, { monetary: (c) => (c.accountId === 'jpy' ? c.total / 150 : c.total * 2) });
    expect((rfm.get('eur')?.monetary ?? 0) > (rfm.get('jpy')?.monetary ?? 0)).toBe(true);
  });
});

describe('rfmSegment', () => {
  it('maps every score to a named segment, and every segment is reachable', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        for (let m = 1; m <= 5; m++) {
          const s = rfmSegment(r, f, m);
          expect(RFM_SEGMENTS).toContain(s);
          seen.add(s);
        }
      }
    }
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});
