import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactSchema } from '../../../../tests/store/test-schema';
import { createIndexKeyCodec } from './index-key';
import { RowidSet } from './sqlite-facets';

describe('RowidSet', () => {
  it('agrees with a Set of numbers on and, or, size and order, across growth', () => {
    const rowids = fc.uniqueArray(fc.integer({ min: 1, max: 5_000 }), { maxLength: 300 });
    fc.assert(
      fc.property(rowids, rowids, fc.integer({ min: 0, max: 6_000 }), (a, b, capacity) => {
        const x = RowidSet.of(a, capacity);
        const y = RowidSet.of(b, 0);
        const inB = new Set(b);
        expect(x.size).toBe(a.length);
        expect(x.toArray()).toEqual([...a].sort((p, q) => p - q));
        expect(RowidSet.and([x, y]).toArray()).toEqual(a.filter((r) => inB.has(r)).sort((p, q) => p - q));
        expect(RowidSet.or([x, y]).toArray()).toEqual([...new Set([...a, ...b])].sort((p, q) => p - q));
        for (const r of b) x.delete(r);
        expect(x.toArray()).toEqual(a.filter((r) => !inB.has(r)).sort((p, q) => p - q));
        expect(x.has(6_001)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('handles the top bit of a word and an empty intersection', () => {
    const set = RowidSet.of([31, 32, 63, 64], 0);
    expect(set.toArray()).toEqual([31, 32, 63, 64]);
    expect(RowidSet.and([set, RowidSet.of([1], 0)]).size).toBe(0);
    expect(RowidSet.or([]).size).toBe(0);
  });
});

describe('keyWithoutLastPart', () => {
  it('drops the primary key part after string, number and boolean parts', () => {
    for (const fields of [
      ['_deleted', 'tag', 'name', 'id'],
      ['_deleted', 'active', 'score', 'id'],
      ['_deleted', 'address.city', 'age', 'id'],
    ]) {
      const codec = createIndexKeyCodec(contactSchema, fields);
      const doc = {
        id: 'k00000000000abc',
        name: 'x\u{1F600}',
        tag: 'a\u0002b',
        active: true,
        score: -3.5,
        age: 40,
        address: { city: 'Köln' },
      };
      const key = codec.docKey(doc as never);
      expect(codec.keyWithoutLastPart(key)).toBe(codec.sortPrefix(key, doc.id));
    }
  });
});
