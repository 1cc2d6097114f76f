import { describe, expect, it } from 'vitest';
import { isoDateToEpoch, moneyText, parseMoney } from './money-input';

describe('money input', () => {
  it('reads major units into minor units by the currency digits', () => {
    expect(parseMoney('125.5', 'USD')).toBe(12_550);
    expect(parseMoney('1,234.56', 'EUR')).toBe(123_456);
    expect(parseMoney('0', 'USD')).toBe(0);
    expect(parseMoney('1800', 'JPY')).toBe(1_800);
  });

  it('refuses negatives, too many decimals, words and blanks', () => {
    for (const [text, currency] of [
      ['-1', 'USD'],
      ['1.234', 'USD'],
      ['18.5', 'JPY'],
      ['ten', 'USD'],
      ['', 'USD'],
      ['1e5', 'USD'],
    ] as const) {
      expect(parseMoney(text, currency)).toBeNull();
    }
  });

  it('writes minor units back as editable text that parses to the same amount', () => {
    expect(moneyText(12_550, 'USD')).toBe('125.50');
    expect(moneyText(7, 'USD')).toBe('0.07');
    expect(moneyText(1_800, 'JPY')).toBe('1800');
    expect(parseMoney(moneyText(987_654_321, 'GBP'), 'GBP')).toBe(987_654_321);
  });

  it('reads an ISO date as local midnight', () => {
    const at = new Date(isoDateToEpoch('2026-12-01'));
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours()]).toEqual([2026, 11, 1, 0]);
  });
});
