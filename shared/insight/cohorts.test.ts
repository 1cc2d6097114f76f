import { describe, expect, it } from 'vitest';
import { churnRateByQuarter, cohortRetention } from './cohorts';
import { DAY_MS, type Transaction } from './transactions';

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const buys = (accountId: string, ...dates: string[]): Transaction[] =>
  dates.map((d) => ({ accountId, day: day(d), amount: 100, productIds: [] }));

describe('cohortRetention', () => {
  const tx = [
    ...buys('A', '2025-01-10', '2025-04-05', '2025-10-01', '2025-10-20'),
    ...buys('B', '2025-02-01'),
    ...buys('C', '2025-05-01', '2025-08-01'),
    // First bought before the first cohort shown: in no row.
    ...buys('D', '2024-06-01', '2025-03-01'),
    // The purchase after endDay is ignored.
    ...buys('E', '2025-11-15', '2026-01-05'),
  ];

  it('gives each first-purchase quarter the share of its accounts buying in each quarter after', () => {
    expect(cohortRetention(tx, { endDay: day('2025-12-31'), quarters: 4 })).toEqual([
      { cohort: '2025-Q1', size: 2, retention: [1, 0.5, 0, 0.5] },
      { cohort: '2025-Q2', size: 1, retention: [1, 1, 0] },
      { cohort: '2025-Q4', size: 1, retention: [1] },
    ]);
  });

  it('shows eight quarters by default and counts the current quarter so far', () => {
    const rows = cohortRetention(tx, { endDay: day('2025-10-10') });
    expect(rows.map((r) => r.cohort)).toEqual(['2024-Q2', '2025-Q1', '2025-Q2']);
    expect(rows[0]).toEqual({ cohort: '2024-Q2', size: 1, retention: [1, 0, 0, 1, 0, 0, 0] });
    expect(rows[1]?.retention).toEqual([1, 0.5, 0, 0.5]);
  });

  it('refuses a bad number of quarters', () => {
    expect(() => cohortRetention(tx, { endDay: day('2025-12-31'), quarters: 0 })).toThrow(/quarters/);
  });
});

describe('churnRateByQuarter', () => {
  const tx = [
    // Active all along: a purchase 179 days before Q4 and another on its first day.
    ...buys('A', '2025-01-10', '2025-04-05', '2025-10-01'),
    // Active at the start of Q3 (150 days since its purchase), churns on 2025-07-31, in Q3.
    ...buys('B', '2025-02-01'),
    // Keeps buying within 180 days: never churns.
    ...buys('C', '2025-05-01', '2025-08-01'),
    // Churns on 2025-08-28, in Q3.
    ...buys('D', '2024-06-01', '2025-03-01'),
    // Won in Q3: not in Q3's figures; active in Q4 and does not churn by its end.
    ...buys('E', '2025-07-15'),
    // Active at the start of both quarters; churns on 2025-12-17, in Q4.
    ...buys('F', '2025-06-01', '2025-06-20'),
  ];

  it('counts accounts active at the quarter start and those of them that churned in it', () => {
    expect(churnRateByQuarter(tx, { endDay: day('2025-12-31'), inactiveDays: 180, quarters: 2 })).toEqual([
      { period: '2025-Q3', active: 5, churned: 2, rate: 0.4 },
      { period: '2025-Q4', active: 4, churned: 1, rate: 0.25 },
    ]);
  });

  it('shows complete quarters only', () => {
    const rows = churnRateByQuarter(tx, { endDay: day('2025-12-30'), inactiveDays: 180, quarters: 2 });
    expect(rows.map((r) => r.period)).toEqual(['2025-Q2', '2025-Q3']);
    expect(rows[1]).toEqual({ period: '2025-Q3', active: 5, churned: 2, rate: 0.4 });
  });

  it('gives rate 0 to a quarter without active accounts, and follows the inactivity threshold', () => {
    const early = churnRateByQuarter(tx, { endDay: day('2025-12-31'), quarters: 8 });
    expect(early).toHaveLength(8);
    expect(early[0]).toEqual({ period: '2024-Q1', active: 0, churned: 0, rate: 0 });
    // With 90 days, C (61 days since its purchase) and E (78) are active at the start of Q4 and both
    // lapse in it; A's purchase on the quarter's first day is not before it, and its previous one is too old.
    expect(churnRateByQuarter(tx, { endDay: day('2025-12-31'), inactiveDays: 90, quarters: 1 })).toEqual([
      { period: '2025-Q4', active: 2, churned: 2, rate: 1 },
    ]);
  });

  it('refuses a bad inactivity threshold', () => {
    expect(() => churnRateByQuarter(tx, { endDay: day('2025-12-31'), inactiveDays: 0 })).toThrow(/inactiveDays/);
  });
});
