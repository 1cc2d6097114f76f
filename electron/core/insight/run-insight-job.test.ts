import { describe, expect, it } from 'vitest';
import type { AccountProfile, Transaction } from '../../../shared/insight/transactions';
import { mergeInsightParts, runInsightJob } from './run-insight-job';
import type { InsightJobInput } from './insight-job-types';

const TODAY = 20_000;
const noEvents = { cases: [], surveys: [], activities: [] };
const PRODUCTS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

const profile = (accountId: string, currency: string): AccountProfile => ({
  accountId,
  industry: 'retail',
  region: 'emea',
  tier: 'standard',
  size: '50-249',
  currency,
});

describe('the insight job', () => {
  it('on a young database (one order per account) reports no CLV and no calibration, and still runs churn and recommendations', () => {
    const profiles: AccountProfile[] = [];
    const transactions: Transaction[] = [];
    for (let i = 0; i < 200; i++) {
      const accountId = `a${String(i).padStart(3, '0')}`;
      profiles.push(profile(accountId, 'EUR'));
      // One purchase each, spread over the last two years (some before the calibration split).
      transactions.push({ accountId, day: TODAY - 1 - ((i * 7) % 700), amount: 1_000 + i * 10, productIds: [PRODUCTS[i % 6] ?? 'p1'] });
    }
    const input: InsightJobInput = { transactions, profiles, events: noEvents, todayDay: TODAY };
    const whole = runInsightJob(input);
    expect(whole.clv).toBeNull();
    expect(whole.calibration).toBeNull();
    expect(whole.accounts.every((a) => a.clv === null)).toBe(true);
    // RFM needs no fitted model; churn and recommendations report on themselves.
    expect(whole.accounts.every((a) => a.rfm !== null)).toBe(true);
    expect(whole.churn).not.toBeNull();
    expect(whole.recommendations).not.toBeNull();
    expect(whole.cohorts.length).toBeGreaterThan(0);

    const merged = mergeInsightParts(runInsightJob({ ...input, part: 'customers' }), runInsightJob({ ...input, part: 'products' }));
    expect(merged.clv).toBeNull();
    expect(merged.calibration).toBeNull();
    expect(merged.recommendations).toEqual(whole.recommendations);
  });

  it('scores RFM monetary within each currency, not on raw totals across currencies', () => {
    const profiles: AccountProfile[] = [];
    const transactions: Transaction[] = [];
    // The same spending pattern in EUR cents and in yen (about 150 times the number).
    for (const [currency, unit] of [
      ['EUR', 1],
      ['JPY', 150],
    ] as const) {
      for (let i = 0; i < 100; i++) {
        const accountId = `${currency}-${String(i).padStart(3, '0')}`;
        profiles.push(profile(accountId, currency));
        for (let k = 0; k < 3; k++) {
          transactions.push({ accountId, day: TODAY - 30 - k * 60 - i, amount: (1_000 + i * 100) * unit, productIds: ['p1'] });
        }
      }
    }
    transactions.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : a.day - b.day));
    const result = runInsightJob({ transactions, profiles, events: noEvents, todayDay: TODAY, part: 'customers' });
    const topShare = (currency: string): number => {
      const own = result.accounts.filter((a) => a.accountId.startsWith(currency));
      return own.filter((a) => (a.rfm?.monetary ?? 0) >= 4).length / own.length;
    };
    // Raw totals would give every yen account the top scores; per currency each gets its share.
    expect(topShare('JPY')).toBeGreaterThan(0.25);
    expect(topShare('JPY')).toBeLessThan(0.55);
    expect(topShare('EUR')).toBeGreaterThan(0.25);
    expect(topShare('EUR')).toBeLessThan(0.55);
  });
});
