import { describe, expect, it } from 'vitest';
import { REQUEST_GROUPS, REQUEST_NAMES } from './requests';

describe('request map', () => {
  it('has no name defined by two domain groups', () => {
    const all = REQUEST_GROUPS.flatMap((group) => Object.keys(group));
    expect(all.length).toBe(new Set(all).size);
    expect(REQUEST_NAMES.length).toBe(all.length);
  });

  it('names requests <domain>.<verb>', () => {
    for (const name of REQUEST_NAMES) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});
