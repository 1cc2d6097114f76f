import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { INDEX_MAX } from 'rxdb/plugins/core';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeIndexString } from './index-string';

describe('encodeIndexString', () => {
  const db = new Database(':memory:');
  const compare = db
    .prepare<[string, string], number>('SELECT CASE WHEN a < b THEN -1 WHEN a > b THEN 1 ELSE 0 END FROM (SELECT ? AS a, ? AS b)')
    .pluck();
  afterAll(() => db.close());

  const jsOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Code units around the places where UTF-16 and UTF-8 orders disagree, lone surrogates included.
  const unit = fc.constantFrom(
    0x00,
    0x09,
    0x20,
    0x41,
    0x7f,
    0xe9,
    0x7ff,
    0x800,
    0xd7ff,
    0xd800,
    0xd83d,
    0xdbff,
    0xdc00,
    0xde00,
    0xdfff,
    0xe000,
    0xfffd,
    0xffff,
  );
  const text = fc.array(unit, { maxLength: 6 }).map((units) => String.fromCharCode(...units));

  it('leaves plain text alone', () => {
    expect(encodeIndexString('Berlin  é\u0000')).toBe('Berlin  é\u0000');
  });

  it('makes SQLite BINARY order equal to JavaScript string order', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(compare.get(encodeIndexString(a), encodeIndexString(b))).toBe(jsOrder(a, b));
      }),
      { numRuns: 3000 },
    );
  });

  it('sorts RxDB INDEX_MAX above an astral character, as JavaScript does', () => {
    expect('\u{1F600}' < INDEX_MAX).toBe(true);
    expect(compare.get(encodeIndexString('\u{1F600}'), encodeIndexString(INDEX_MAX))).toBe(-1);
    // Without the encoding SQLite would disagree; this is why the encoding exists.
    expect(compare.get('\u{1F600}', INDEX_MAX)).toBe(1);
  });
});
