import { describe, expect, it } from 'vitest';
import {
  packInsightInput,
  packInsightResult,
  RESULT_CHUNK_ACCOUNTS,
  runInSlices,
  unpackInsightInput,
  unpackInsightResult,
  unpackInsightResultSliced,
} from './insight-job-pack';
import type { InsightJobInput, InsightJobResult } from './insight-job-types';

describe('packed insight input', () => {
  it('comes back equal after packing and a structured clone', () => {
    const input: InsightJobInput = {
      todayDay: 20_000,
      part: 'customers',
      profiles: [
        { accountId: 'a1', industry: 'retail', region: 'emea', tier: 'key', size: '50-249', currency: 'EUR' },
        { accountId: 'a2', industry: null, region: 'apac', tier: 'small', size: null, currency: 'JPY' },
      ],
      transactions: [
        { accountId: 'a1', day: 19_900, amount: 12_345, productIds: ['p1', 'p2'] },
        { accountId: 'a1', day: 19_950, amount: 0.5, productIds: [] },
        { accountId: 'a3', day: 19_960, amount: 700, productIds: ['p2'] },
      ],
      events: {
        cases: [
          { accountId: 'a2', openedDay: 19_000, resolvedDay: null, breached: true },
          { accountId: 'a1', openedDay: 19_100, resolvedDay: 19_102, breached: false },
        ],
        surveys: [
          { accountId: 'a1', day: 19_103, kind: 'csat', score: 4 },
          { accountId: 'a2', day: 19_104, kind: 'nps', score: 0 },
        ],
        activities: [{ accountId: 'a2', day: 19_105 }],
      },
    };
    const packed = structuredClone(packInsightInput(input));
    expect(packed.transactions.account).toBeInstanceOf(Int32Array);
    expect(unpackInsightInput(packed)).toEqual(input);
  });

  it('defaults the part to the whole job', () => {
    const packed = packInsightInput({ todayDay: 1, profiles: [], transactions: [], events: { cases: [], surveys: [], activities: [] } });
    expect(unpackInsightInput(packed)).toEqual({
      todayDay: 1,
      part: 'all',
      profiles: [],
      transactions: [],
      events: { cases: [], surveys: [], activities: [] },
    });
  });
});

describe('packed insight result', () => {
  it('crosses as chunks of accounts and reads back equal, one chunk per slice', async () => {
    const n = RESULT_CHUNK_ACCOUNTS * 2 + 7;
    const result: InsightJobResult = {
      accounts: Array.from({ length: n }, (_, i) => ({
        accountId: `a${i}`,
        clv: i % 2 === 0 ? { expectedPurchases12m: 1.5, pAlive: 0.25, expectedSpend: 100, clv12m: 140 } : null,
        churn: null,
        rfm: { recency: 1, frequency: 2, monetary: 3, segment: 'champions' },
        recommendations: [{ productId: 'p1', score: 0.5, source: 'popular', becauseOf: [] }],
      })),
      clv: null,
      churn: null,
      recommendations: null,
      cohorts: [],
      churnRate: [],
      calibration: null,
      computeMs: 12.5,
    };
    const packed = structuredClone(packInsightResult(result));
    expect(packed.accounts).toHaveLength(3);
    expect(unpackInsightResult(packed)).toEqual(result);

    let slices = 0;
    const steps = unpackInsightResultSliced(packed);
    const counted: typeof steps = {
      ...steps,
      next: () => {
        slices++;
        return steps.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    };
    expect(await runInSlices(counted)).toEqual(result);
    // Three chunks: three slices, then the end.
    expect(slices).toBe(4);
  });
});
