import { normalizeMangoQuery, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, MangoQuery } from 'rxdb/plugins/core';
import { describe, expect, it } from 'vitest';
import { contactSchema } from '../../../../tests/store/test-schema';
import type { StoredContact } from '../../../../tests/store/test-schema';
import { MAX_KEY } from './index-key';
import { ESTIMATE_CAP, planQuery, rangeOf, sortScan } from './sqlite-plan';
import type { IndexRange } from './sqlite-plan';
import { BoundedSortedList } from './sqlite-query';
import { describeTable } from './sqlite-table';

const table = describeTable('contacts', contactSchema);
const plan = (query: MangoQuery<StoredContact>) =>
  prepareQuery<StoredContact>(contactSchema, normalizeMangoQuery<StoredContact>(contactSchema, query) as FilledMangoQuery<StoredContact>);

describe('rangeOf', () => {
  it('maps a number range on an indexed field to inclusive/exclusive string bounds', () => {
    const query = plan({ selector: { _deleted: { $eq: false }, age: { $gt: 18, $lte: 40 } }, sort: [{ age: 'asc' }] });
    expect(query.queryPlan.index).toEqual(['_deleted', 'age', 'id']);
    const range = rangeOf(table, query.queryPlan);
    expect(range.index).toBe(table.indexByKey.get('_deleted,age,id'));
    // '0' = not deleted, age as 3 digits (max 150), then the sentinel above every primary key.
    expect(range.lower).toBe(`0018${MAX_KEY}`);
    expect(range.upper).toBe(`0040${MAX_KEY}`);
    expect([range.inclusiveStart, range.inclusiveEnd]).toEqual([false, true]);
  });

  it('covers the whole index for an empty selector', () => {
    const range = rangeOf(table, plan({ selector: {} }).queryPlan);
    expect(range.inclusiveStart && range.inclusiveEnd).toBe(true);
    expect(range.lower < range.upper).toBe(true);
  });

  it('encodes a compound bound on a nested string and a number', () => {
    const query = plan({
      selector: { _deleted: { $eq: false }, 'address.city': { $eq: 'Rome' }, age: { $gte: 3 } },
      index: ['_deleted', 'address.city', 'age', 'id'],
    });
    const range = rangeOf(table, query.queryPlan);
    expect(range.lower.startsWith('0Rome\u0002003')).toBe(true);
  });

  it('rejects an index the schema does not declare', () => {
    const query = plan({ selector: {} });
    expect(() => rangeOf(table, { ...query.queryPlan, index: ['note'] })).toThrow(/not declared/);
  });
});

describe('planQuery', () => {
  // One city holds 300 contacts; every other range is beyond what estimate() counts.
  const estimate = (range: IndexRange) => (range.index.key === '_deleted,address.city,age,id' ? 300 : ESTIMATE_CAP);
  const query = plan({
    selector: { _deleted: { $eq: false }, 'address.city': { $eq: 'Rome' }, active: { $eq: true } },
    sort: [{ name: 'asc' }],
    limit: 50,
  });

  it("reads a selective filter's range and sorts it, rather than walk a big table in sort order", () => {
    const chosen = planQuery({ schema: contactSchema, table, estimate, rowsAtMost: () => 100_000 }, query);
    expect(chosen.scan.index.key).toBe('_deleted,address.city,age,id');
    expect(chosen.order).toBe('none');
  });

  it('walks the sort index when the table is no bigger than the estimate cap', () => {
    const chosen = planQuery({ schema: contactSchema, table, estimate, rowsAtMost: () => ESTIMATE_CAP }, query);
    expect(chosen.scan.index.key).toBe('_deleted,name,id');
    expect(chosen.order).toBe('runs');
  });
});

describe('planQuery with probes', () => {
  // Two broad filters, neither able to serve the sort: every estimate is capped.
  const estimate = () => ESTIMATE_CAP;
  const query = plan({
    selector: { _deleted: { $eq: false }, active: { $eq: true }, tag: { $eq: 'b' } },
    sort: [{ age: 'asc' }],
    limit: 50,
  });
  const context = (matchesInProbe: number) => ({
    schema: contactSchema,
    table,
    estimate,
    rowsAtMost: () => 100_000,
    probe: (_scan: IndexRange, _filters: readonly IndexRange[], _descending: boolean, entries: number) => Math.min(entries, matchesInProbe),
    count: () => 30_000,
  });

  it('walks the sort index when its first entries hold matches enough', () => {
    const chosen = planQuery(context(600), query);
    expect(chosen.scan.index.key).toBe('_deleted,age,id');
    expect(chosen.order).toBe('runs');
  });

  it("reads a filter's range and sorts it when the sort index's first entries hold no match (the filters go with the sort column)", () => {
    const chosen = planQuery(context(0), query);
    expect(chosen.order).toBe('none');
    expect(chosen.scan.index.key).not.toBe('_deleted,age,id');
  });
});

describe('sortScan', () => {
  const ctx = { schema: contactSchema, table, estimate: () => ESTIMATE_CAP, rowsAtMost: () => 100_000 };

  it('prefers an index whose range is the selector too over the first that serves the sort', () => {
    // 'age' comes first in the schema and serves the sort, but [address.city, age] also holds the filter.
    const scan = sortScan(
      ctx,
      plan({ selector: { _deleted: { $eq: false }, 'address.city': { $eq: 'Rome' } }, sort: [{ age: 'desc' }], limit: 50 }),
    );
    expect(scan?.scan.index.key).toBe('_deleted,address.city,age,id');
    expect(scan?.order).toBe('reverse-runs');
    expect(scan?.selectorSatisfied).toBe(true);
  });

  it('falls back to the first index that serves the sort when none holds the filter', () => {
    const scan = sortScan(ctx, plan({ selector: { _deleted: { $eq: false }, active: { $eq: true } }, sort: [{ age: 'desc' }], limit: 50 }));
    expect(scan?.scan.index.key).toBe('_deleted,age,id');
    expect(scan?.selectorSatisfied).toBe(false);
  });
});

describe('BoundedSortedList', () => {
  it('keeps the smallest items in order', () => {
    const list = new BoundedSortedList<number>(3, (a, b) => a - b);
    for (const n of [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, ...Array.from({ length: 200 }, (_, i) => 100 - i)]) list.add(n);
    expect(list.sorted()).toEqual([-99, -98, -97]);
  });

  it('keeps everything when unbounded and nothing for zero', () => {
    const all = new BoundedSortedList<number>(Infinity, (a, b) => a - b);
    const none = new BoundedSortedList<number>(0, (a, b) => a - b);
    [3, 1, 2].forEach((n) => (all.add(n), none.add(n)));
    expect(all.sorted()).toEqual([1, 2, 3]);
    expect(none.sorted()).toEqual([]);
  });
});
