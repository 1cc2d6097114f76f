import { describe, expect, it } from 'vitest';
import { groupByAccount, summariseCustomers } from './customer-summary';
import type { Transaction } from './transactions';

const tx = (accountId: string, day: number, amount: number): Transaction => ({ accountId, day, amount, productIds: [] });

describe('summariseCustomers', () => {
  const transactions = [
    tx('a', 100, 50),
    tx('a', 100, 30), // same day: one transaction of 80
    tx('a', 114, 20),
    tx('a', 128, 40),
    tx('b', 120, 10),
    tx('a', 200, 999), // on endDay: outside
    tx('c', 90, 5), // before startDay
  ];

  it('counts purchase days, measures weeks and averages the repeat transactions', () => {
    const byId = new Map(summariseCustomers(transactions, { startDay: 95, endDay: 200 }).map((c) => [c.accountId, c]));
    expect([...byId.keys()]).toEqual(['a', 'b']);
    expect(byId.get('a')).toEqual({
      accountId: 'a',
      x: 2,
      tx: 4,
      T: 100 / 7,
      monetary: 30,
      count: 3,
      total: 140,
      firstDay: 100,
      lastDay: 128,
    });
    expect(byId.get('b')).toMatchObject({ x: 0, tx: 0, T: 80 / 7, monetary: 0, count: 1, total: 10 });
  });

  it('without a start day takes the whole history before endDay', () => {
    expect(summariseCustomers(transactions, { endDay: 200 }).map((c) => c.accountId)).toEqual(['a', 'b', 'c']);
  });

  it('rejects bad input', () => {
    expect(() => summariseCustomers([tx('a', 1.5, 1)], { endDay: 10 })).toThrow(/whole day/);
    expect(() => summariseCustomers([tx('a', 1, Number.NaN)], { endDay: 10 })).toThrow(/amount/);
    expect(() => summariseCustomers([tx('a', 1, -5)], { endDay: 10 })).toThrow(/amount/);
    expect(() => summariseCustomers([], { startDay: 20, endDay: 10 })).toThrow(/after endDay/);
    expect(() => summariseCustomers([], { endDay: 10.2 })).toThrow(/endDay/);
  });
});

describe('groupByAccount', () => {
  it('sorts days and sums amounts per day', () => {
    expect(groupByAccount([tx('a', 5, 1), tx('a', 3, 2), tx('a', 5, 4)])).toEqual([{ accountId: 'a', days: [3, 5], amounts: [2, 5] }]);
  });
});
