import { describe, expect, it } from 'vitest';
import { isPeriodStart } from '../../../../shared/contract/sales/quota-requests';
import { periodStartOf, periodStartsAround, quarterOf } from './periods';

describe('quota periods', () => {
  it('finds the month and quarter of a day', () => {
    expect(periodStartOf('month', new Date(2026, 11, 6))).toBe('2026-12-01');
    expect(periodStartOf('quarter', new Date(2026, 11, 6))).toBe('2026-10-01');
    expect(periodStartOf('quarter', new Date(2027, 0, 31))).toBe('2027-01-01');
  });

  it('lists period starts across year ends, each one the contract accepts', () => {
    const quarters = periodStartsAround('quarter', new Date(2026, 11, 6), 2, 2);
    expect(quarters).toEqual(['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01', '2027-04-01']);
    const months = periodStartsAround('month', new Date(2026, 0, 15), 1, 1);
    expect(months).toEqual(['2025-12-01', '2026-01-01', '2026-02-01']);
    expect([...quarters.map((d) => isPeriodStart('quarter', d)), ...months.map((d) => isPeriodStart('month', d))].every(Boolean)).toBe(
      true,
    );
    expect(quarterOf('2026-10-01')).toBe(4);
  });
});
