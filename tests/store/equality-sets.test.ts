import { normalizeMangoQuery, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, MangoQuery } from 'rxdb/plugins/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getRxStorageSqlite } from '../../electron/core/storage/sqlite';
import { SqliteStatements } from '../../electron/core/storage/sqlite/sqlite-statements';
import { createPair, type StoragePair } from './differential-runner';
import { contactSchema, type StoredContact } from './test-schema';

/**
 * Sparse equality matches on a table large enough for the page plan to gather and sort their
 * keys, while single writes change sort fields, tags and liveness under the cached sets
 * (sqlite-facets.ts). Every answer must be the memory storage's.
 */
const COUNT = 3000;
const TAGS = ['a', 'b', 'c'];

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

const prepared = (query: MangoQuery<StoredContact>) =>
  prepareQuery<StoredContact>(contactSchema, normalizeMangoQuery<StoredContact>(contactSchema, query) as FilledMangoQuery<StoredContact>);

describe('equality sets under writes', () => {
  let pair: StoragePair;
  const rand = random(7);
  let lwt = 1_700_000_000_000;
  const docs = new Map<string, StoredContact>();

  const write = async (doc: StoredContact, previous?: StoredContact): Promise<void> => {
    const row = previous ? { previous, document: doc } : { document: doc };
    const [memory, sqlite] = await Promise.all([pair.memory.bulkWrite([row], 'test'), pair.sqlite.bulkWrite([row], 'test')]);
    expect(sqlite.error).toEqual(memory.error);
    docs.set(doc.id, doc);
  };
  const contact = (i: number): StoredContact => ({
    id: `c${String(i).padStart(5, '0')}`,
    name: `n${Math.floor(rand() * 400)}`,
    age: Math.floor(rand() * 151),
    score: 0,
    active: rand() < 0.5,
    address: { city: 'Rome' },
    // One in fifty is "rare": sparse enough that a page gathers its matches' keys.
    tag: rand() < 0.02 ? 'rare' : (TAGS[i % 3] as string),
    _deleted: false,
    _rev: '1-a',
    _attachments: {},
    _meta: { lwt: ++lwt },
  });

  beforeAll(async () => {
    pair = await createPair(getRxStorageSqlite({ directory: ':memory:' }));
    const rows = Array.from({ length: COUNT }, (_, i) => contact(i));
    for (const doc of rows) docs.set(doc.id, doc);
    await pair.memory.bulkWrite(
      rows.map((document) => ({ document })),
      'test',
    );
    await pair.sqlite.bulkWrite(
      rows.map((document) => ({ document })),
      'test',
    );
  });
  afterAll(() => pair.close());

  it('agrees with the memory storage over 600 steps of sparse queries and single writes', async () => {
    const gathered = vi.spyOn(SqliteStatements.prototype, 'keysOf');
    const sorts = [
      [{ name: 'asc' }],
      [{ name: 'desc' }],
      [{ age: 'desc' }],
      [{ age: 'asc' }],
      [{ active: 'desc' }, { score: 'desc' }],
    ] as const;
    for (let step = 0; step < 600; step++) {
      const roll = rand();
      // Mostly the rare ones: their writes are the ones the cached sets and keys must follow.
      const rare = [...docs.values()].filter((doc) => doc.tag === 'rare');
      const id =
        rand() < 0.7 && rare.length > 0
          ? (rare[Math.floor(rand() * rare.length)] as StoredContact).id
          : `c${String(Math.floor(rand() * COUNT)).padStart(5, '0')}`;
      const previous = docs.get(id) as StoredContact;
      const rev = `${Number.parseInt(previous._rev, 10) + 1}-s${step}`;
      if (roll < 0.25) {
        // A new name and age; still rare but now and then, so sets lose and gain members too.
        const next = { ...contact(Number(id.slice(1))), id, _rev: rev, _deleted: previous._deleted ? false : rand() < 0.1 };
        if (previous.tag === 'rare' && rand() < 0.8) next.tag = 'rare';
        await write(next, previous);
      } else {
        const tag = rand() < 0.7 ? { $eq: 'rare' } : { $in: ['rare', TAGS[Math.floor(rand() * 3)] as string] };
        const query: MangoQuery<StoredContact> = {
          selector: { _deleted: { $eq: false }, tag, ...(rand() < 0.3 ? { active: { $eq: rand() < 0.5 } } : {}) },
          sort: sorts[Math.floor(rand() * sorts.length)] as unknown as MangoQuery<StoredContact>['sort'],
          skip: Math.floor(rand() * 3) * 5,
          limit: 10,
        };
        const p = prepared(query);
        expect((await pair.sqlite.query(p)).documents, JSON.stringify(query)).toEqual((await pair.memory.query(p)).documents);
        expect((await pair.sqlite.count(p)).count).toBe((await pair.memory.count(p)).count);
      }
    }
    // Many pages gathered their matches' keys rather than walking the sort index.
    expect(gathered.mock.calls.length).toBeGreaterThan(100);
    gathered.mockRestore();
  });

  it('agrees with the memory storage over 400 steps of dense queries walking a held sort order, and writes that drop it', async () => {
    const ordered = vi.spyOn(SqliteStatements.prototype, 'rowidsInOrder');
    let walks = 0;
    const sorts = [[{ name: 'asc' }], [{ name: 'desc' }], [{ age: 'desc' }], [{ age: 'asc' }]] as const;
    for (let step = 0; step < 400; step++) {
      const id = `c${String(Math.floor(rand() * COUNT)).padStart(5, '0')}`;
      const previous = docs.get(id) as StoredContact;
      if (rand() < 0.15) {
        const rev = `${Number.parseInt(previous._rev, 10) + 1}-d${step}`;
        await write({ ...contact(Number(id.slice(1))), id, _rev: rev, _deleted: rand() < 0.1 }, previous);
        continue;
      }
      const tags = TAGS.filter(() => rand() < 0.5);
      const query: MangoQuery<StoredContact> = {
        selector: {
          _deleted: { $eq: false },
          tag: tags.length === 1 ? { $eq: tags[0] as string } : { $in: tags.length > 0 ? tags : ['a', 'rare'] },
          active: { $eq: rand() < 0.5 },
        },
        sort: sorts[Math.floor(rand() * sorts.length)] as unknown as MangoQuery<StoredContact>['sort'],
        // Deep pages: walks long enough to read the sort order and walk on in it.
        skip: Math.floor(rand() * 12) * 20,
        limit: 20,
      };
      walks++;
      const p = prepared(query);
      expect((await pair.sqlite.query(p)).documents, JSON.stringify(query)).toEqual((await pair.memory.query(p)).documents);
    }
    // Orders were read again after writes, and reused by the walks in between.
    expect(ordered.mock.calls.length).toBeGreaterThan(10);
    expect(ordered.mock.calls.length).toBeLessThan(walks / 2);
    ordered.mockRestore();
  });
});
