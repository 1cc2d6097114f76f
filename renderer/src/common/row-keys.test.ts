import { describe, expect, it } from 'vitest';
import { nextIndex } from './row-keys';

describe('list keyboard navigation', () => {
  it('moves by one, by a page, and to either end, staying inside the list', () => {
    expect(nextIndex('ArrowDown', -1, 100, 10)).toBe(0);
    expect(nextIndex('ArrowDown', 99, 100, 10)).toBe(99);
    expect(nextIndex('ArrowUp', 0, 100, 10)).toBe(0);
    expect(nextIndex('PageDown', 5, 100, 10)).toBe(15);
    expect(nextIndex('PageDown', 95, 100, 10)).toBe(99);
    expect(nextIndex('PageUp', 5, 100, 10)).toBe(0);
    expect(nextIndex('Home', 50, 100, 10)).toBe(0);
    expect(nextIndex('End', 0, 100, 10)).toBe(99);
    expect(nextIndex('a', 0, 100, 10)).toBeNull();
    expect(nextIndex('ArrowDown', 0, 0, 10)).toBeNull();
  });
});
