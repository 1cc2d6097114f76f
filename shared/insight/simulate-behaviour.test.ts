import { describe, expect, it } from 'vitest';
import { simulateChurnData, simulatePreferences } from './simulate-behaviour';
import type { Transaction } from './transactions';

/**
 * Per labelled account (active at the split day: a purchase in the year up to it): churned in the
 * window after it, and its mean CSAT in the half-year before.
 */
function labelled(data: ReturnType<typeof simulateChurnData>): Array<{ churned: boolean; csat: number | null }> {
  const split = data.todayDay - 180;
  const before = new Set<string>();
  const after = new Set<string>();
  for (const t of data.transactions) {
    if (t.day > split) after.add(t.accountId);
    else if (t.day > split - 365) before.add(t.accountId);
  }
  const csat = new Map<string, number[]>();
  for (const s of data.events.surveys) {
    if (s.kind === 'csat' && s.day <= split && s.day > split - 182) csat.set(s.accountId, [...(csat.get(s.accountId) ?? []), s.score]);
  }
  return [...before].map((id) => {
    const scores = csat.get(id);
    return { churned: !after.has(id), csat: scores ? scores.reduce((a, b) => a + b, 0) / scores.length : null };
  });
}

const meanCsat = (rows: Array<{ csat: number | null }>): number => {
  const xs = rows.flatMap((r) => (r.csat === null ? [] : [r.csat]));
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};

describe('simulateChurnData', () => {
  it('repeats exactly for a seed', () => {
    const a = simulateChurnData({ accounts: 50, seed: 3, signal: true });
    expect(simulateChurnData({ accounts: 50, seed: 3, signal: true })).toEqual(a);
    expect(simulateChurnData({ accounts: 50, seed: 4, signal: true })).not.toEqual(a);
  });

  it('with signal, accounts about to churn were less satisfied; without, they were not', () => {
    const withSignal = labelled(simulateChurnData({ accounts: 1500, seed: 5, signal: true }));
    const churned = withSignal.filter((r) => r.churned);
    expect(churned.length).toBeGreaterThan(150);
    expect(meanCsat(churned)).toBeLessThan(meanCsat(withSignal.filter((r) => !r.churned)) - 0.5);

    const without = labelled(simulateChurnData({ accounts: 1500, seed: 5, signal: false }));
    const share = without.filter((r) => r.churned).length / without.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);
    expect(Math.abs(meanCsat(without.filter((r) => r.churned)) - meanCsat(without.filter((r) => !r.churned)))).toBeLessThan(0.15);
  });
});

describe('simulatePreferences', () => {
  const data = simulatePreferences({ accounts: 600, products: 80, seed: 9 });

  it('gives every account a profile and buys from the catalogue, some of it new after the split', () => {
    expect(data.profiles).toHaveLength(600);
    const products = new Set(data.transactions.flatMap((t) => t.productIds));
    expect(products.size).toBeLessThanOrEqual(80);
    for (const t of data.transactions) expect(new Set(t.productIds).size).toBe(t.productIds.length);
    const before = new Map<string, Set<string>>();
    for (const t of data.transactions.filter((x) => x.day < data.splitDay)) {
      before.set(t.accountId, new Set([...(before.get(t.accountId) ?? []), ...t.productIds]));
    }
    const newAfter = data.transactions.filter((t) => t.day >= data.splitDay && t.productIds.some((p) => !before.get(t.accountId)?.has(p)));
    expect(new Set(newAfter.map((t) => t.accountId)).size).toBeGreaterThan(100);
  });

  it('makes accounts of one industry buy alike', () => {
    const industryOf = new Map(data.profiles.map((p) => [p.accountId, p.industry]));
    const share = (pick: (t: Transaction) => boolean): Map<string, number> => {
      const counts = new Map<string, number>();
      let n = 0;
      for (const t of data.transactions.filter(pick)) {
        for (const p of t.productIds) counts.set(p, (counts.get(p) ?? 0) + 1);
        n += t.productIds.length;
      }
      return new Map([...counts].map(([p, c]) => [p, c / n]));
    };
    const industries = [...new Set(data.profiles.map((p) => p.industry))];
    const a = share((t) => industryOf.get(t.accountId) === industries[0]);
    const b = share((t) => industryOf.get(t.accountId) === industries[1]);
    // Total variation distance between the two industries' product mixes is large.
    const products = new Set([...a.keys(), ...b.keys()]);
    const tv = [...products].reduce((s, p) => s + Math.abs((a.get(p) ?? 0) - (b.get(p) ?? 0)), 0) / 2;
    expect(tv).toBeGreaterThan(0.3);
  });
});
