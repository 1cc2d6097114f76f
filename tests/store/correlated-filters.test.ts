import { normalizeMangoQuery, now, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, MangoQuery } from 'rxdb/plugins/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { SqliteStatements } from '../../electron/core/storage/sqlite/sqlite-statements';
import { createPair, type StoragePair } from './differential-runner';
import { contactSchema, type StoredContact } from './test-schema';

/**
 * Filters that go with the sort column: `active` only on the oldest contacts, so walking the age
 * index upwards finds them last and downwards first. The planner probes such ordered scans (more
 * than PROBE_ENTRIES entries, filters checked in SQL) and may read a filter's range and sort it
 * instead; whichever it picks, the answer must be the memory storage's.
 */
const COUNT = 4000;
const CITIES = ['Rome', 'Oslo', 'Lima', 'Pune'];
const TAGS = ['a', 'b', 'c'];

function contact(i: number): StoredContact {
  const age = i % 151;
  return {
    id: `c${String(i).padStart(5, '0')}`,
    name: `n${(i * 7919) % 1000}`,
    age,
    score: ((i * 31) % 401) / 2 - 100,
    active: age >= 140,
    address: { city: CITIES[Math.floor(age / 38)] as string },
    tag: TAGS[i % 3] as string,
    _deleted: false,
    _rev: '1-a',
    _attachments: {},
    _meta: { lwt: now() },
  };
}

const prepared = (query: MangoQuery<StoredContact>) =>
  prepareQuery<StoredContact>(contactSchema, normalizeMangoQuery<StoredContact>(contactSchema, query) as FilledMangoQuery<StoredContact>);

describe('two filters that correlate with the sort column', () => {
  let pair: StoragePair;
  beforeAll(async () => {
    pair = await createPair(getRxStorageSqlite({ directory: ':memory:' }));
    const rows = Array.from({ length: COUNT }, (_, i) => ({ document: contact(i) }));
    await pair.memory.bulkWrite(rows, 'test');
    await pair.sqlite.bulkWrite(rows, 'test');
  });
  afterAll(async () => {
    await pair.close();
    vi.restoreAllMocks();
  });

  const queries: MangoQuery<StoredContact>[] = [];
  for (const direction of ['asc', 'desc'] as const) {
    for (const skip of [0, 7, 40]) {
      queries.push({
        selector: { _deleted: { $eq: false }, active: { $eq: true }, tag: { $eq: 'b' } },
        sort: [{ age: direction }],
        skip,
        limit: 20,
      });
      queries.push({
        selector: { _deleted: { $eq: false }, active: { $eq: false }, tag: { $eq: 'c' } },
        sort: [{ name: direction }],
        skip,
        limit: 15,
      });
      queries.push({
        selector: { _deleted: { $eq: false }, active: { $eq: true }, 'address.city': { $eq: 'Pune' } },
        sort: [{ name: direction }],
        skip,
        limit: 10,
      });
      queries.push({
        selector: { _deleted: { $eq: false }, 'address.city': { $eq: 'Lima' }, tag: { $eq: 'a' } },
        sort: [{ age: direction }],
        skip,
        limit: 25,
      });
    }
  }

  it('returns what the memory storage returns from the cached equality sets (walks and gathers)', async () => {
    const walk = vi.spyOn(SqliteStatements.prototype, 'keysInOrder');
    const gather = vi.spyOn(SqliteStatements.prototype, 'keysOf');
    for (const query of queries) {
      const prepared_ = prepared(query);
      expect((await pair.sqlite.query(prepared_)).documents, JSON.stringify(query)).toEqual((await pair.memory.query(prepared_)).documents);
    }
    expect(walk).toHaveBeenCalled();
    expect(gather).toHaveBeenCalled();
    walk.mockRestore();
    gather.mockRestore();
  });

  it('returns what the memory storage returns, after probing the ordered scans (a condition that is not an equality)', async () => {
    const probe = vi.spyOn(SqliteStatements.prototype, 'probe');
    for (const query of queries) {
      // Matches every stored score, but is a range: the SQL planner answers, not the equality sets.
      const prepared_ = prepared({ ...query, selector: { ...query.selector, score: { $gte: -100 } } });
      expect((await pair.sqlite.query(prepared_)).documents, JSON.stringify(query)).toEqual((await pair.memory.query(prepared_)).documents);
    }
    // The probe path ran and its answers varied: some scans walk, others give way to a sort.
    expect(probe).toHaveBeenCalled();
    const found = new Set(probe.mock.results.map((result) => result.value as number));
    expect(found.size).toBeGreaterThan(1);
  });
});
