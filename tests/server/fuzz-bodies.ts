import fc from 'fast-check';
import { hostileJson, hostileNumber, hostileString, hugeString, malformedJsonText } from './fuzz-values';

/** A request body: JSON of a value, raw text (malformed JSON, say), or none. */
export type Payload = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | undefined;

/** Any body at all: JSON of hostile values, malformed text, now and then a huge one, nothing. */
export const anyBody: fc.Arbitrary<Payload> = fc.oneof(
  { arbitrary: hostileJson.map((value): Payload => ({ kind: 'json', value })), weight: 100 },
  { arbitrary: malformedJsonText.map((text): Payload => ({ kind: 'raw', text })), weight: 40 },
  { arbitrary: hugeString.map((s): Payload => ({ kind: 'json', value: { email: s, name: s } })), weight: 1 },
  { arbitrary: fc.constant<Payload>(undefined), weight: 20 },
);

/** A value that fails any string schema with a length limit: wrong type, empty, NUL, lone surrogate, too long. */
const badString: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(null, true, [], {}, ['x'], { $ne: '' }, ''),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`),
  fc.string({ maxLength: 10 }).map((s) => `\uD800${s}`),
  fc.integer({ min: 1_200, max: 5_000 }).map((n) => 'y'.repeat(n)),
);

/** An object with some of `fields` (all of `required`) and a few hostile extra keys. */
export const object = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<Payload> =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: required }),
      fc.dictionary(
        hostileString.map((k) => k.slice(0, 40)),
        hostileJson,
        { maxKeys: 2 },
      ),
    )
    .map(([known, extra]): Payload => ({ kind: 'json', value: { ...extra, ...known } }));

/** The fuzz never signs in for real: passwords here are never the seeded users' one. */
export const loginBody = object({ email: fc.oneof(hostileString, fc.constantFrom('admin@x.test', 'rep@x.test')), password: hostileString });

/**
 * Bodies a valid admin, manager or rep may send without anything being written: each mixes
 * hostile values with one field no schema accepts (or is an empty push, which writes nothing).
 */
export const neverValid = {
  logout: object({ refreshToken: badString }, ['refreshToken']),
  team: object({ name: fc.oneof(badString, fc.constantFrom(' ', '\t\n', 'z'.repeat(121))) }, ['name']),
  user: fc
    .tuple(
      object({ email: hostileString, password: hostileString, role: hostileString, teamId: hostileString }),
      fc.constantFrom({ role: 'king' }, { email: 'no-at-sign' }, { password: 'short' }, { password: 42 }, { teamId: 'no-such-team' }),
    )
    .map(([p, poison]): Payload => ({ kind: 'json', value: { ...(p?.kind === 'json' ? (p.value as object) : {}), ...poison } })),
  patch: fc.oneof(
    fc.constant<Payload>({ kind: 'json', value: {} }),
    object({ role: hostileString, teamId: badString, disabled: hostileString }).map((p): Payload => ({
      kind: 'json',
      value: { ...(p?.kind === 'json' ? (p.value as object) : {}), disabled: 'yes' },
    })),
  ),
};

/** A push row no collection's schema accepts (rows are strict objects with a string id). */
const poisonRow = fc.constantFrom<unknown>(
  { newDocumentState: { id: 7 } },
  { newDocumentState: { id: 'p', _deleted: 'yes' } },
  { newDocumentState: { id: '' } },
  { extra: true, newDocumentState: { id: 'p' } },
  { assumedMasterState: { id: 'other' }, newDocumentState: { id: 'p' } },
  { assumedMasterState: { id: 'p', serverRevision: -1 }, newDocumentState: { id: 'p' } },
  null,
  'row',
);

export const pushBody = (docIds: string[]): fc.Arbitrary<Payload> => {
  const row = fc.record(
    {
      assumedMasterState: fc.oneof(
        fc.constant(null),
        hostileJson,
        fc.record({ id: fc.constantFrom(...docIds), serverRevision: hostileNumber }),
      ),
      newDocumentState: fc.oneof(
        hostileJson,
        fc.record({
          id: fc.oneof(fc.constantFrom(...docIds), hostileString),
          name: hostileString,
          ownerId: hostileString,
          teamId: hostileString,
        }),
      ),
    },
    { requiredKeys: ['newDocumentState'] },
  );
  return fc.oneof(
    { arbitrary: fc.constant<Payload>({ kind: 'json', value: [] }), weight: 20 },
    {
      arbitrary: fc
        .tuple(fc.array(row, { maxLength: 6 }), poisonRow, fc.nat())
        .map(([rows, poison, at]): Payload => ({ kind: 'json', value: (rows as unknown[]).toSpliced(at % (rows.length + 1), 0, poison) })),
      weight: 120,
    },
    {
      arbitrary: fc.constant<Payload>({ kind: 'json', value: Array.from({ length: 501 }, () => ({ newDocumentState: { id: 'x' } })) }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(hugeString, poisonRow)
        .map(([name, poison]): Payload => ({ kind: 'json', value: [{ newDocumentState: { id: 'h', name } }, poison] })),
      weight: 1,
    },
    { arbitrary: hostileJson.filter((v) => !Array.isArray(v)).map((value): Payload => ({ kind: 'json', value })), weight: 40 },
    { arbitrary: malformedJsonText.map((text): Payload => ({ kind: 'raw', text })), weight: 20 },
  );
};
