import { describe, expect, it } from 'vitest';
import { namespaces } from './namespaces';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, child]) =>
    typeof child === 'object' && child !== null ? keys(child as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('locale files', () => {
  for (const [name, pair] of Object.entries(namespaces)) {
    it(`namespace ${name} has the same keys in English and Simplified Chinese`, () => {
      expect(keys(pair['zh-CN']).sort()).toEqual(keys(pair.en).sort());
    });
  }
});
