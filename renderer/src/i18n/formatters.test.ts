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

describe('the one date style', () => {
  const en = createFormatters('en');
  const zh = createFormatters('zh-CN', { justNow: '刚刚' });

  it('shows a calendar day as the same day in every time zone, in the date style', () => {
    expect(en.day('2025-03-31')).toBe('Mar 31, 2025');
    expect(zh.day('2025-03-31')).toBe('2025年3月31日');
    expect(en.day('not a day')).toBe('not a day');
  });

  it('names months, long and short', () => {
    expect(en.month('2025-03')).toBe('March 2025');
    expect(zh.month('2025-03-15')).toBe('2025年3月');
    expect(en.monthShort('2025-03')).toBe('Mar 25');
  });

  it('says how long ago, with "just now" under 45 seconds', () => {
    const now = Date.UTC(2025, 2, 31, 12);
    expect(en.relative(now - 3 * 86_400_000, now)).toBe('3 days ago');
    expect(en.relative(now + 2 * 3_600_000, now)).toBe('in 2 hours');
    expect(en.relative(now - 10_000, now)).toBe('now');
    expect(zh.relative(now - 10_000, now)).toBe('刚刚');
    expect(zh.relative(now - 2 * 60_000, now)).toBe('2分钟前');
    expect(en.relative(now - 40 * 86_400_000, now)).toBe('last month');
  });

  it('shows the time of day alone', () => {
    expect(en.time(new Date(2025, 2, 31, 14, 5).getTime())).toBe('2:05 PM');
    expect(zh.time(new Date(2025, 2, 31, 14, 5).getTime())).toBe('14:05');
  });

  it('says how long something will take, as coarsely as an estimate deserves', () => {
    expect([1_000, 42_000, 61_000, 3_600_000, 4_800_000].map(en.duration)).toEqual([
      '5 seconds',
      '45 seconds',
      '2 minutes',
      '1 hour',
      '1 hour 20 minutes',
    ]);
    expect([42_000, 61_000, 4_800_000].map(zh.duration)).toEqual(['45秒钟', '2分钟', '1小时20分钟']);
  });
});
