import fc from 'fast-check';
import type { MangoQuerySelector, MangoQuerySortPart } from 'rxdb/plugins/core';
import { ID_KEY_UNITS } from '../../electron/core/storage/sqlite/index-key';
import { LOCALITY_MIN_ROWS } from '../../electron/core/storage/sqlite/sqlite-statements';
import type { Contact, StoredContact } from './test-schema';

/**
 * Operation scripts for the differential test. Value domains are small on purpose so that
 * inserts collide, equal index prefixes happen and range bounds land exactly on stored values.
 * Strings include an astral character (a surrogate pair) and U+E000, whose UTF-16 and UTF-8
 * orders disagree: exactly what the SQLite index encoding must get right.
 */
const shortIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'aa', 'b1', 'z\u{1F600}', 'z\uE000', 'Z'];
/**
 * Sort indexes keep only the first ID_KEY_UNITS code units of the id (index-key.ts), so these
 * share their stored id part: ties of equal keys that only the full id orders, bounds on a
 * truncated id, and a surrogate pair cut in half by the truncation.
 */
const k = `k${'0'.repeat(ID_KEY_UNITS - 1)}`;
const k1 = k.slice(0, -1);
const longIds = [k, `${k}a`, `${k}b`, `${k}\u{1F600}`, `${k1}\u{1F600}x`, `${k1}\uE000x`, `${k}\uE000`, k1];
const names = ['', 'a', 'ab', 'abc', 'B', 'b', 'é', 'x\u{1F600}', 'x\uE000', 'x', 'zz'];
const cities = ['Berlin', 'berlin', 'Paris', 'Rome', ''];
const tags = ['vip', 'new', ''];

/** Half the writes go to the long ids, five of which share one truncated id. */
export const idArb = fc.oneof(fc.constantFrom(...shortIds), fc.constantFrom(...longIds));
const nameArb = fc.constantFrom(...names);
const ageArb = fc.oneof(fc.constantFrom(0, 1, 18, 40, 150), fc.integer({ min: 0, max: 150 }));
const scoreArb = fc.oneof(
  fc.constantFrom(-100, 0, 0.5, 100),
  fc.integer({ min: -200, max: 200 }).map((n) => n / 2),
);
const cityArb = fc.constantFrom(...cities);

export const fieldsArb: fc.Arbitrary<Omit<Contact, 'id'>> = fc.record(
  {
    name: nameArb,
    age: ageArb,
    score: scoreArb,
    active: fc.boolean(),
    address: fc.record({ city: cityArb, zip: fc.constantFrom('10115', '75001') }, { requiredKeys: ['city'] }),
    tag: fc.constantFrom(...tags),
    note: fc.string({ maxLength: 4 }),
  },
  { requiredKeys: ['name', 'age', 'score', 'active', 'address'] },
);

export type WriteSpec =
  | { readonly kind: 'insert'; readonly id: string; readonly fields: Omit<Contact, 'id'>; readonly deleted: boolean }
  | { readonly kind: 'update'; readonly id: string; readonly fields: Omit<Contact, 'id'>; readonly previous: 'right' | 'wrong' | 'none' }
  | { readonly kind: 'delete'; readonly id: string; readonly previous: 'right' | 'wrong' };

function writeSpecOf(ids: fc.Arbitrary<string>): fc.Arbitrary<WriteSpec> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        id: ids,
        fields: fieldsArb,
        deleted: fc.constantFrom(false, false, false, false, false, false, true),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        id: ids,
        fields: fieldsArb,
        previous: fc.constantFrom('right' as const, 'right' as const, 'wrong' as const, 'none' as const),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('delete' as const),
        id: ids,
        previous: fc.constantFrom('right' as const, 'wrong' as const),
      }),
      weight: 1,
    },
  );
}

const writeSpecArb = writeSpecOf(idArb);

type Field = 'id' | 'name' | 'age' | 'score' | 'active' | 'address.city' | 'address.zip' | 'tag' | 'note';
type Value = string | number | boolean;

const valueArbs: Record<Field, fc.Arbitrary<Value>> = {
  id: idArb,
  name: nameArb,
  age: ageArb,
  score: scoreArb,
  active: fc.boolean(),
  'address.city': cityArb,
  'address.zip': fc.constantFrom('10115', '75001'),
  tag: fc.constantFrom(...tags),
  note: fc.string({ maxLength: 2 }),
};

function conditionArb(field: Field): fc.Arbitrary<Record<string, unknown>> {
  const value = valueArbs[field];
  const isString = field !== 'age' && field !== 'score' && field !== 'active';
  const ops: fc.Arbitrary<Record<string, unknown>>[] = [
    value.map((v) => ({ $eq: v })),
    value.map((v) => ({ $ne: v })),
    fc.array(value, { minLength: 0, maxLength: 3 }).map((vs) => ({ $in: vs })),
    fc.boolean().map((b) => ({ $exists: b })),
  ];
  if (field !== 'active') {
    ops.push(
      value.map((v) => ({ $gt: v })),
      value.map((v) => ({ $gte: v })),
      value.map((v) => ({ $lt: v })),
      value.map((v) => ({ $lte: v })),
      fc.tuple(value, value).map(([a, b]) => ({ $gte: a, $lt: b })),
      fc.tuple(value, value).map(([a, b]) => ({ $gt: a, $lte: b })),
    );
  }
  if (isString) {
    ops.push(fc.constantFrom('^a', 'b', '^$', 'e$', '^x').map((pattern) => ({ $regex: pattern })));
  }
  return fc.oneof(...ops);
}

const fields: Field[] = ['id', 'name', 'age', 'score', 'active', 'address.city', 'address.zip', 'tag', 'note'];

const clauseArb: fc.Arbitrary<[Field, Record<string, unknown>]> = fc
  .constantFrom(...fields)
  .chain((field) => conditionArb(field).map((condition): [Field, Record<string, unknown>] => [field, condition]));

/** Plain field conditions, sometimes combined with $or / $and, usually restricted to live docs as RxQuery does. */
const selectorArb: fc.Arbitrary<MangoQuerySelector<StoredContact>> = fc
  .record({
    clauses: fc.array(clauseArb, { maxLength: 3 }),
    or: fc.option(fc.array(clauseArb, { minLength: 1, maxLength: 2 }), { freq: 5 }),
    deleted: fc.constantFrom<boolean | undefined>(false, false, false, true, undefined),
  })
  .map(({ clauses, or, deleted }) => {
    const selector: Record<string, unknown> = {};
    for (const [field, condition] of clauses) {
      selector[field] = { ...(selector[field] as Record<string, unknown> | undefined), ...condition };
    }
    if (or) {
      selector.$or = or.map(([field, condition]) => ({ [field]: condition }));
    }
    if (deleted !== undefined) {
      selector._deleted = { $eq: deleted };
    }
    return selector as MangoQuerySelector<StoredContact>;
  });

const sortFields = ['id', 'name', 'age', 'score', 'active', 'address.city', 'tag'] as const;
const sortArb: fc.Arbitrary<MangoQuerySortPart<StoredContact>[]> = fc
  .uniqueArray(fc.constantFrom(...sortFields), { maxLength: 2 })
  .chain((chosen) => fc.tuple(...chosen.map((field) => fc.constantFrom('asc' as const, 'desc' as const).map((dir) => ({ [field]: dir })))))
  .map((parts) => parts as MangoQuerySortPart<StoredContact>[]);

export type QuerySpec = {
  readonly selector: MangoQuerySelector<StoredContact>;
  readonly sort: MangoQuerySortPart<StoredContact>[];
  readonly skip?: number;
  readonly limit?: number;
};

const querySpecArb: fc.Arbitrary<QuerySpec> = fc.record(
  {
    selector: selectorArb,
    sort: sortArb,
    skip: fc.integer({ min: 0, max: 4 }),
    limit: fc.integer({ min: 0, max: 6 }),
  },
  { requiredKeys: ['selector', 'sort'] },
);

/**
 * Sorts shaped like the indexes, mostly descending, with deeper windows: the reverse index scans
 * and their runs of ties (same name, same city and age, missing tag vs '') at window edges.
 */
const indexSortArb: fc.Arbitrary<MangoQuerySortPart<StoredContact>[]> = fc.constantFrom(
  [{ name: 'desc' }],
  [{ age: 'desc' }],
  [{ active: 'desc' }, { score: 'desc' }],
  [{ 'address.city': 'desc' }, { age: 'desc' }],
  [{ tag: 'desc' }, { name: 'desc' }],
  [{ tag: 'asc' }, { name: 'asc' }],
  [{ name: 'desc' }, { id: 'asc' }],
  [{ 'address.city': 'asc' }, { age: 'desc' }],
  [{ age: 'asc' }],
) as fc.Arbitrary<MangoQuerySortPart<StoredContact>[]>;

const windowQueryArb: fc.Arbitrary<QuerySpec> = fc.record(
  {
    selector: selectorArb,
    sort: indexSortArb,
    skip: fc.integer({ min: 0, max: 9 }),
    limit: fc.integer({ min: 0, max: 8 }),
  },
  { requiredKeys: ['selector', 'sort'] },
);

export type Op =
  | { readonly kind: 'write'; readonly rows: WriteSpec[]; readonly sameLwt: boolean }
  | { readonly kind: 'query'; readonly query: QuerySpec }
  | { readonly kind: 'count'; readonly selector: MangoQuerySelector<StoredContact> }
  | { readonly kind: 'findById'; readonly ids: string[]; readonly withDeleted: boolean }
  | { readonly kind: 'changes'; readonly pageSize: number }
  | { readonly kind: 'cleanup' };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('write' as const),
      rows: fc.uniqueArray(writeSpecArb, { minLength: 1, maxLength: 4, selector: (row) => row.id }),
      sameLwt: fc.boolean(),
    }),
    weight: 20,
  },
  { arbitrary: fc.record({ kind: fc.constant('query' as const), query: querySpecArb }), weight: 20 },
  { arbitrary: fc.record({ kind: fc.constant('query' as const), query: windowQueryArb }), weight: 14 },
  { arbitrary: fc.record({ kind: fc.constant('count' as const), selector: selectorArb }), weight: 8 },
  {
    arbitrary: fc.record({ kind: fc.constant('findById' as const), ids: fc.array(idArb, { maxLength: 20 }), withDeleted: fc.boolean() }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('changes' as const), pageSize: fc.integer({ min: 1, max: 5 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('cleanup' as const) }), weight: 1 },
);

export const scriptArb = fc.array(opArb, { minLength: 1, maxLength: 30 });
/** Longer scripts reach fuller collections (all ids used, tombstones, cleanups in between). */
export const longScriptArb = fc.array(opArb, { minLength: 40, maxLength: 120 });

/** Mostly fresh ids, some of the small domain's: enough distinct ids for one write to be large. */
const largeWriteIdArb = fc.oneof(
  { arbitrary: idArb, weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 799 }).map((n) => `bulk-${n}`), weight: 9 },
);

/**
 * A write large enough that the SQLite storage stores its rows in locality-index order rather than
 * as given (sqlite-statements.ts); results, errors and change events must not tell.
 */
const largeWriteArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constant('write' as const),
  rows: fc.uniqueArray(writeSpecOf(largeWriteIdArb), {
    minLength: LOCALITY_MIN_ROWS,
    maxLength: LOCALITY_MIN_ROWS + 150,
    selector: (row) => row.id,
  }),
  sameLwt: fc.boolean(),
});

export const largeWriteScriptArb = fc.array(fc.oneof({ arbitrary: largeWriteArb, weight: 1 }, { arbitrary: opArb, weight: 4 }), {
  minLength: 4,
  maxLength: 20,
});

/** An equality on an indexed field: what a list's filter bar sends ($eq or a bare value for one value, $in for several). */
const equalityClauseArb: fc.Arbitrary<[Field, unknown]> = fc
  .constantFrom<Field>('name', 'age', 'active', 'address.city', 'tag')
  .chain((field) =>
    fc
      .oneof<fc.Arbitrary<unknown>[]>(
        valueArbs[field].map((v) => ({ $eq: v })),
        valueArbs[field],
        fc.array(valueArbs[field], { minLength: 0, maxLength: 4 }).map((vs) => ({ $in: vs })),
      )
      .map((condition): [Field, unknown] => [field, condition]),
  );

/** Live documents (as RxQuery asks) meeting one to three equalities. */
const equalitySelectorArb: fc.Arbitrary<MangoQuerySelector<StoredContact>> = fc
  .uniqueArray(equalityClauseArb, { minLength: 1, maxLength: 3, selector: ([field]) => field })
  .map((clauses) => {
    const selector: Record<string, unknown> = { _deleted: { $eq: false } };
    for (const [field, condition] of clauses) selector[field] = condition;
    return selector as MangoQuerySelector<StoredContact>;
  });

const equalityQueryArb: fc.Arbitrary<QuerySpec> = fc.record({
  selector: equalitySelectorArb,
  sort: fc.oneof(indexSortArb, sortArb),
  skip: fc.integer({ min: 0, max: 12 }),
  limit: fc.integer({ min: 0, max: 10 }),
});

/**
 * Filter-bar queries (sqlite-facet-query.ts answers them from cached rowid sets) between writes
 * small and large, deletes and cleanups that those sets must follow.
 */
export const equalityScriptArb = fc.array(
  fc.oneof(
    { arbitrary: equalityQueryArb.map((query): Op => ({ kind: 'query', query })), weight: 10 },
    { arbitrary: equalitySelectorArb.map((selector): Op => ({ kind: 'count', selector })), weight: 4 },
    { arbitrary: opArb.filter((op) => op.kind === 'write' || op.kind === 'cleanup'), weight: 8 },
    { arbitrary: largeWriteArb, weight: 1 },
  ),
  { minLength: 10, maxLength: 60 },
);
