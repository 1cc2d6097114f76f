import { describe, expect, it } from 'vitest';
import type { RfmSegment } from '../../../../shared/contract/insight/insight-requests';
import type { ChurnRiskValue, ClvBand } from '../../../../shared/marketing/segment-conditions';
import { discoverClusters, meanSilhouette, type DiscoverAccount } from './discover-clusters';

/** Deterministic noise in −1..1. */
function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 2 - 1;
  };
}

type Profile = {
  readonly prefix: string;
  readonly recency: number;
  readonly frequency: number;
  readonly spend: number;
  readonly clv: number;
  readonly churn: number;
  readonly tenure: number;
  readonly rfm: RfmSegment;
  readonly churnValue: ChurnRiskValue;
  readonly clvBand: ClvBand;
};

/** Three groups far apart on every feature: loyal big buyers, lapsed small buyers, new accounts. */
const PROFILES: Profile[] = [
  {
    prefix: 'loyal',
    recency: 10,
    frequency: 24,
    spend: 5_000_000,
    clv: 2_000_000,
    churn: 0.05,
    tenure: 1000,
    rfm: 'champions',
    churnValue: 'low',
    clvBand: 'top_10',
  },
  {
    prefix: 'lapsed',
    recency: 420,
    frequency: 2,
    spend: 40_000,
    clv: 5_000,
    churn: 0.92,
    tenure: 700,
    rfm: 'lost',
    churnValue: 'high',
    clvBand: 'bottom_25',
  },
  {
    prefix: 'new',
    recency: 40,
    frequency: 2,
    spend: 300_000,
    clv: 200_000,
    churn: 0.35,
    tenure: 50,
    rfm: 'new_customers',
    churnValue: 'medium',
    clvBand: 'middle',
  },
];

function accounts(perGroup: number): DiscoverAccount[] {
  const r = noise(7);
  const result: DiscoverAccount[] = [];
  for (const p of PROFILES) {
    for (let i = 0; i < perGroup; i++) {
      const jitter = (value: number, share = 0.1): number => Math.max(0, value * (1 + share * r()));
      result.push({
        id: `${p.prefix}-${String(i).padStart(3, '0')}`,
        currency: i % 4 === 0 ? 'EUR' : 'USD',
        recencyDays: Math.round(jitter(p.recency)),
        frequency: Math.max(1, Math.round(jitter(p.frequency))),
        spend: Math.round(jitter(p.spend)),
        clv12m: Math.round(jitter(p.clv)),
        churnRisk: Math.min(1, jitter(p.churn, 0.05)),
        tenureDays: Math.round(jitter(p.tenure)),
        rfmSegment: p.rfm,
        churnValue: p.churnValue,
        clvBand: p.clvBand,
      });
    }
  }
  return result;
}

describe('discover segments', () => {
  it('recovers well-separated clusters, picks k = 3 by silhouette and names what sets each apart', () => {
    const input = accounts(60);
    const result = discoverClusters(input);
    expect(result.enough).toBe(true);
    expect(result.k).toBe(3);
    expect(result.silhouettes.map((s) => s.k)).toEqual([3, 4, 5, 6]);
    expect(result.clusters.map((c) => c.size)).toEqual([60, 60, 60]);

    const traitsOf = (profile: string) => {
      // Each cluster holds one group whole: find it by its suggestion's RFM value.
      const wanted = PROFILES.find((p) => p.prefix === profile)!.rfm;
      const cluster = result.clusters.find((c) => JSON.stringify(c.suggestion?.definition).includes(`"${wanted}"`))!;
      expect(cluster.suggestion).toMatchObject({ matched: 60, recall: 1, precision: 1 });
      return Object.fromEntries(cluster.traits.map((t) => [t.feature, t.direction]));
    };
    const loyal = traitsOf('loyal');
    expect(loyal['frequency'] ?? loyal['monetary'] ?? loyal['clv']).toBe('high');
    const lapsed = traitsOf('lapsed');
    expect(lapsed['recency'] ?? lapsed['churn']).toBe('high');
    const fresh = traitsOf('new');
    expect(fresh['tenure']).toBe('low');
  });

  it('the suggested segment uses the conditions segments offer', () => {
    const result = discoverClusters(accounts(60));
    const loyal = result.clusters.find((c) => JSON.stringify(c.suggestion?.definition).includes('champions'))!;
    expect(loyal.suggestion!.definition).toEqual({
      target: 'accounts',
      root: {
        op: 'and',
        items: [
          { field: 'rfmSegment', op: 'in', values: ['champions'] },
          { field: 'churnRisk', op: 'in', values: ['low'] },
          { field: 'clvBand', op: 'in', values: ['top_10'] },
        ],
      },
    });
  });

  it('says when there is too little data and is the same for the same input', () => {
    expect(discoverClusters(accounts(10))).toMatchObject({ enough: false, accounts: 30, minimumAccounts: 50, clusters: [] });
    expect(discoverClusters(accounts(40))).toEqual(discoverClusters(accounts(40)));
  });

  it('silhouette is 1 for far-apart tight pairs and near 0 for one blob split in two', () => {
    expect(meanSilhouette([[0], [0.001], [10], [10.001]], [0, 0, 1, 1], 2)).toBeCloseTo(1, 3);
    expect(meanSilhouette([[0], [1], [2], [3]], [0, 0, 1, 1], 2)).toBeLessThan(0.5);
  });
});
