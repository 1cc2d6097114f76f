import { describe, expect, it } from 'vitest';
import { createFormatters } from './formatters';

describe('createFormatters', () => {
  it('formats money from minor units with the currency digits', () => {
    expect(createFormatters('en').money(123456, 'USD')).toBe('$1,234.56');
    expect(createFormatters('en').money(1234, 'JPY')).toBe('¥1,234');
    expect(createFormatters('zh-CN').money(123456, 'CNY')).toBe('¥1,234.56');
  });

  it('follows the locale for numbers and dates', () => {
    expect(createFormatters('en').number(1234567)).toBe('1,234,567');
    expect(createFormatters('zh-CN').date(Date.UTC(2025, 2, 31, 12))).toBe('2025年3月31日');
  });
});
