import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoff', () => {
  it('grows exponentially up to the cap, jittered between floor and ceiling', () => {
    const opts = { baseMs: 100, capMs: 5000, floorMs: 50 };
    expect(backoffDelay(0, { ...opts, random: () => 1 })).toBe(100);
    expect(backoffDelay(3, { ...opts, random: () => 1 })).toBe(800);
    expect(backoffDelay(20, { ...opts, random: () => 1 })).toBe(5000);
    expect(backoffDelay(20, { ...opts, random: () => 0 })).toBe(50);
    const samples = Array.from({ length: 200 }, () => backoffDelay(6, opts));
    expect(new Set(samples).size).toBeGreaterThan(50);
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...samples)).toBeLessThanOrEqual(5000);
  });
});
