import fc from 'fast-check';

/**
 * Hostile values for the server fuzz test: text PostgreSQL cannot store, prototype keys, numbers
 * at and past every limit, deep nesting, huge strings, and malformed JSON text.
 */

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Strings no handler should trust: NUL, lone surrogates, control and odd Unicode, JSON-ish text, long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\u0000\u0000')).map(([a, b]) => a + b), weight: 2 },
  { arbitrary: fc.tuple(fc.string({ maxLength: 8 }), loneSurrogate, fc.string({ maxLength: 8 })).map(([a, s, b]) => a + s + b), weight: 2 },
  fc.constantFrom(
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '../../etc/passwd',
    "'; DROP TABLE users; --",
    '%00',
    '\uFEFF',
    '\u202E',
    'null',
    'NaN',
    '{"txid":"1","id":"x"}',
    '😀'.repeat(50),
  ),
  { arbitrary: fc.integer({ min: 200, max: 5_000 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

const HUGE = [100_000, 2_200_000].flatMap((n) => ['x'.repeat(n), '\u0000'.repeat(n / 2), `${'é'.repeat(n / 2)}\uD800`]);

/** Huge text, from well inside to past the 2 MiB body limit; used sparingly, at the top of a body. */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(...HUGE);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, -(2 ** 63), 1e308, -1e308, Number.MIN_VALUE, 0.5),
);

/** JSON values, sometimes with prototype keys, NUL, or huge content. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 3 },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'ownerId')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

const nest = (depth: number, open: string, close: string, inner = '1'): string => open.repeat(depth) + inner + close.repeat(depth);

/** Bodies as raw text: mostly JSON of hostile values, sometimes text that is not JSON at all. */
export const malformedJsonText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '[',
    '{"a":',
    '[1,]',
    '{"a":1,}',
    'nul',
    'undefined',
    "{'a':1}",
    '1e999999',
    '-',
    '"\\ud800"',
    '"\\u0000"',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '[{"newDocumentState":{"__proto__":{"polluted":true},"id":"p"}}]',
    '\u0000',
    '\uFEFF{}',
    '{"a":1}{"b":2}',
    '[] trailing',
  ),
  fc
    .constantFrom(65, 100, 1_000, 10_000, 200_000)
    .chain((d) =>
      fc.constantFrom(nest(d, '[', ']'), nest(d, '{"a":', '}'), `[{"newDocumentState":${nest(d, '{"a":', '}', '{"id":"d"}')}}]`),
    ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
