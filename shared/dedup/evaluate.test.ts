import { describe, expect, it } from 'vitest';
import { evaluateDuplicateDetection } from './evaluate';

describe('evaluateDuplicateDetection', () => {
  it('finds generated duplicates with precision ≥ 0.95 and recall ≥ 0.90 at the default threshold', () => {
    // 2,000 base accounts and 2,000 base contacts, a quarter of each entered again once or twice,
    // a tenth given a look-alike that is someone else: about 2,800 records per entity.
    const result = evaluateDuplicateDetection({ records: 2_000, seed: 7 });
    for (const entity of ['account', 'contact'] as const) {
      const part = result.byEntity[entity];
      expect(part.records).toBeGreaterThan(2_600);
      expect(part.truePairs).toBeGreaterThan(500);
      expect(part.precision).toBeGreaterThanOrEqual(0.95);
      expect(part.recall).toBeGreaterThanOrEqual(0.9);
    }
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
    expect(result.pairs).toBe(result.byEntity.account.pairs + result.byEntity.contact.pairs);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('holds on another seed', () => {
    const result = evaluateDuplicateDetection({ records: 1_000, seed: 2024 });
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('refuses a bad record count', () => {
    expect(() => evaluateDuplicateDetection({ records: 1.5, seed: 1 })).toThrow(/records/);
  });
});
