import Database from 'better-sqlite3-multiple-ciphers';
import { normalizeMangoQuery, now, prepareQuery } from 'rxdb/plugins/core';
import type { FilledMangoQuery, MangoQuery } from 'rxdb/plugins/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contactSchema, type Contact, type StoredContact } from '../../../../tests/store/test-schema';
import { PROBE_ENTRIES, rangeOf } from './sqlite-plan';
import { SqliteStatements } from './sqlite-statements';
import { describeTable, ensureTable } from './sqlite-table';

const table = describeTable('contacts', contactSchema);
const rangeFor = (query: MangoQuery<StoredContact>) =>
  rangeOf(
    table,
    prepareQuery<StoredContact>(contactSchema, normalizeMangoQuery<StoredContact>(contactSchema, query) as FilledMangoQuery<StoredContact>)
      .queryPlan,
  );

function contact(i: number, active: boolean): StoredContact {
  return {
    id: `c${i}`,
    name: `n${i}`,
    age: i % 100,
    score: 0,
    active,
    address: { city: 'Rome' },
    _deleted: false,
    _rev: '1-a',
    _attachments: {},
    _meta: { lwt: now() },
  };
}

// Each test gets an empty table of its own.
let db: Database.Database;
let statements: SqliteStatements<Contact>;
beforeEach(() => {
  db = new Database(':memory:');
  ensureTable(db, table);
  statements = new SqliteStatements(db, table);
});
afterEach(() => db.close());

describe("SqliteStatements: the planner's probes and counts", () => {
  const insert = (docs: StoredContact[]) => statements.insertAll(docs, () => undefined);

  const byName = () => rangeFor({ selector: { _deleted: { $eq: false } }, index: ['_deleted', 'name', 'id'] });
  const active = () =>
    rangeFor({ selector: { _deleted: { $eq: false }, active: { $eq: true } }, index: ['_deleted', 'active', 'score', 'id'] });

  it('answers again after every write, not from what it answered before', () => {
    insert(Array.from({ length: 10 }, (_, i) => contact(i, false)));
    expect(statements.probe(byName(), [active()], false, PROBE_ENTRIES)).toBe(0);
    expect(statements.count(active())).toBe(0);

    insert(Array.from({ length: 5 }, (_, i) => contact(10 + i, true)));
    expect(statements.probe(byName(), [active()], false, PROBE_ENTRIES)).toBe(5);
    expect(statements.count(active())).toBe(5);

    statements.updateAll(
      [{ ...contact(0, true), _rev: '2-b' }],
      () => 1,
      () => contact(0, false),
      () => undefined,
    );
    expect(statements.probe(byName(), [active()], false, PROBE_ENTRIES)).toBe(6);
    expect(statements.count(active())).toBe(6);
  });

  it('counts only the first entries of the scan, in its direction', () => {
    // Names sort n0, n1, n10, n11, ...: the last two in name order are the only active ones.
    insert(Array.from({ length: 20 }, (_, i) => contact(i, i === 8 || i === 9)));
    expect(statements.probe(byName(), [active()], false, 5)).toBe(0);
    expect(statements.probe(byName(), [active()], true, 5)).toBe(2);
  });
});

describe('SqliteStatements: a walk of an index in key order', () => {
  it('reads every entry once, in key order and by rowid among equal keys, across many pages both ways', () => {
    statements.insertAll(
      Array.from({ length: 6_000 }, (_, i) => contact(i, i % 3 === 0)),
      () => undefined,
    );
    const range = rangeFor({ selector: { _deleted: { $eq: false } }, index: ['_deleted', 'name', 'id'] });
    const column = range.index.column;
    // Ids truncated alike give equal keys: a run of 2,500 of them spans several pages of the walk.
    const shared = db.prepare(`SELECT ${column} FROM ${table.sqlName} WHERE rowid = 1000`).pluck().get() as string;
    db.prepare(`UPDATE ${table.sqlName} SET ${column} = ? WHERE rowid BETWEEN 1000 AND 3499`).run(shared);
    for (const descending of [false, true]) {
      const order = descending ? ' DESC' : '';
      const expected = db
        .prepare(`SELECT rowid, ${column} FROM ${table.sqlName} ORDER BY ${column}${order}, rowid${order}`)
        .raw()
        .all() as [number, string][];
      expect([...statements.keysInOrder(range, descending)]).toEqual(expected);
    }
  });
});
