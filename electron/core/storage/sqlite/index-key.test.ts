import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { INDEX_MAX } from 'rxdb/plugins/core';
import { afterAll, describe, expect, it } from 'vitest';
import { contactSchema } from '../../../../tests/store/test-schema';
import type { StoredContact } from '../../../../tests/store/test-schema';
import { createIndexKeyCodec, createRowKeysEncoder, encodeStringPart } from './index-key';

describe('compact index keys', () => {
  const db = new Database(':memory:');
  const sqliteCompare = db
    .prepare<[string, string], number>('SELECT CASE WHEN a < b THEN -1 WHEN a > b THEN 1 ELSE 0 END FROM (SELECT ? AS a, ? AS b)')
    .pluck();
  afterAll(() => db.close());
  const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0);
  const jsOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const unit = fc.constantFrom(
    0x00,
    0x01,
    0x02,
    0x03,
    0x04,
    0x09,
    0x20,
    0x41,
    0x7f,
    0xe9,
    0xd7ff,
    0xd800,
    0xdbff,
    0xdc00,
    0xdfff,
    0xe000,
    0xffff,
  );
  const text = fc.array(unit, { maxLength: 5 }).map((units) => String.fromCharCode(...units));

  it('orders string parts in SQLite exactly as JavaScript orders the strings, prefixes first', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(sqliteCompare.get(encodeStringPart(a), encodeStringPart(b)) ?? 0)).toBe(jsOrder(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('orders compound keys by field tuple, and the bounds enclose exactly the matching keys', () => {
    const codec = createIndexKeyCodec(contactSchema, ['address.city', 'age', 'id']);
    const doc = (city: string, age: number, id: string) => ({ id, address: { city }, age }) as unknown as StoredContact;
    const tuple = fc.tuple(text, fc.integer({ min: 0, max: 150 }), text);
    fc.assert(
      fc.property(tuple, tuple, ([c1, a1, i1], [c2, a2, i2]) => {
        const expected = jsOrder(c1, c2) || sign(a1 - a2) || jsOrder(i1, i2);
        expect(sign(sqliteCompare.get(codec.docKey(doc(c1, a1, i1)), codec.docKey(doc(c2, a2, i2))) ?? 0)).toBe(expected);
        // RxDB itself reads a bound of U+FFFF as INDEX_MAX; so do we, so it cannot be a city bound here.
        fc.pre(c1 !== '\uFFFF');
        const upper = codec.upperKey([c1, a1, INDEX_MAX]);
        const inside = jsOrder(c2, c1) === 0 && a2 <= a1;
        expect(
          (sqliteCompare.get(codec.docKey(doc(c2, a2, i2)), upper) ?? 0) <= 0 &&
            (sqliteCompare.get(codec.docKey(doc(c2, a2, i2)), codec.lowerKey([c1, 0, ''])) ?? 0) >= 0,
        ).toBe(inside);
      }),
      { numRuns: 3000 },
    );
  });

  it('encodes all keys of a row at once exactly as each index would on its own', () => {
    const indexes = [['address.city', 'age', 'id'], ['age', 'id'], ['id'], ['address.city', 'id']];
    const rowKeys = createRowKeysEncoder(contactSchema, indexes);
    const codecs = indexes.map((fields) => createIndexKeyCodec(contactSchema, fields));
    const doc = fc.record({ id: text, address: fc.record({ city: text }), age: fc.integer({ min: 0, max: 150 }) });
    fc.assert(
      fc.property(doc, (d) => {
        const stored = d as unknown as StoredContact;
        expect(rowKeys.all(stored)).toEqual(codecs.map((codec) => codec.docKey(stored)));
      }),
      { numRuns: 1000 },
    );
  });

  it('re-encodes only the keys of indexes whose fields changed, and those exactly', () => {
    const indexes = [['address.city', 'age', 'id'], ['age', 'id'], ['id'], ['address.city', 'id']];
    const rowKeys = createRowKeysEncoder(contactSchema, indexes);
    const doc = fc.record({ id: text, address: fc.record({ city: text }), age: fc.integer({ min: 0, max: 150 }) });
    fc.assert(
      fc.property(doc, fc.option(text), fc.option(fc.integer({ min: 0, max: 150 })), (d, city, age) => {
        const previous = d as unknown as StoredContact;
        const next = { ...d, address: { city: city ?? d.address.city }, age: age ?? d.age } as unknown as StoredContact;
        const before = rowKeys.all(previous);
        const after = rowKeys.all(next);
        const changed = rowKeys.changed(next, previous);
        changed.forEach((key, i) => {
          if (key === undefined) expect(after[i]).toBe(before[i]);
          else expect(key).toBe(after[i]);
        });
        expect(changed[2]).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});
