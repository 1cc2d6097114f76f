import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

describe('formatRelativeTime', () => {
  it('says "just now" for the last 45 seconds', () => {
    expect(formatRelativeTime(NOW - 10_000, NOW, 'en', 'just now')).toBe('just now');
  });
  it('uses the largest whole unit, in the chosen language', () => {
    expect(formatRelativeTime(NOW - 2 * 60_000, NOW, 'en', '')).toBe('2 minutes ago');
    expect(formatRelativeTime(NOW - 50_000, NOW, 'en', '')).toBe('1 minute ago');
    expect(formatRelativeTime(NOW - 3 * 3_600_000, NOW, 'en', '')).toBe('3 hours ago');
    expect(formatRelativeTime(NOW - 26 * 3_600_000, NOW, 'en', '')).toBe('yesterday');
    expect(formatRelativeTime(NOW - 2 * 60_000, NOW, 'zh-CN', '')).toBe('2分钟前');
  });
});
