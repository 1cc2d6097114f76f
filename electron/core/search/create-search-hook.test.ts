import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchHook } from './create-search-hook';
import { createSearchFixture, stored } from '../../../tests/support/search-test-helpers';
import { OWNERSHIP_ADOPTION_CONTEXT, PUSH_ADOPTION_CONTEXT, SERVER_BOOKKEEPING_CONTEXT } from '../db/domain-changes';

const count = (f: ReturnType<typeof createSearchFixture>, table: string): number =>
  (f.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('createSearchHook', () => {
  it('replaces the entry on update: old words no longer match, new ones do', () => {
    const f = createSearchFixture();
    f.write('accounts', [{ id: 'a1', name: 'Globex', phone: '555-1000' }]);
    f.write('accounts', [{ id: 'a1', name: 'Initech', phone: '555-2000' }]);
    expect(f.ids('globex')).toEqual([]);
    expect(f.ids('5551000')).toEqual([]);
    expect(f.index.search('initech')).toEqual([expect.objectContaining({ id: 'a1', title: 'Initech' })]);
    expect(f.ids('5552000')).toEqual(['a1']);
    expect(count(f, 'search_doc')).toBe(1);
  });

  it('removes deleted documents and never shows a tombstone', () => {
    const f = createSearchFixture();
    f.write('contacts', [{ id: 'c1', firstName: 'Dana', lastName: 'Scully', mobile: '+1 202 555 0111' }]);
    f.write('contacts', [{ id: 'c1', firstName: 'Dana', lastName: 'Scully', _deleted: true }]);
    expect(f.ids('scully')).toEqual([]);
    expect(f.ids('202 555')).toEqual([]);
    f.write('contacts', [{ id: 'c2', firstName: 'Fox', lastName: 'Mulder', _deleted: true }]);
    expect(f.ids('mulder')).toEqual([]);
    expect(count(f, 'search_doc')).toBe(0);
    f.write('contacts', [{ id: 'c1', firstName: 'Dana', lastName: 'Scully' }]); // undeleted by sync
    expect(f.ids('scully')).toEqual(['c1']);
  });

  it('rolls back with the transaction it runs in', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    hook.setup(f.db);
    f.write('leads', [{ id: 'l1', firstName: 'Kept', company: 'Original' }]);
    const failingWrite = f.db.transaction(() => {
      hook.afterWrite(
        f.db,
        f.table('leads'),
        f.stored('leads', [
          { id: 'l1', firstName: 'Kept', company: 'Changed' },
          { id: 'l2', firstName: 'Ghost' },
        ]),
      );
      hook.afterWrite(f.db, f.table('leads'), f.stored('leads', [{ id: 'l3', firstName: 'Zombie', _deleted: true }]));
      throw new Error('document write failed');
    });
    expect(() => failingWrite()).toThrow('document write failed');
    expect(f.ids('original')).toEqual(['l1']);
    expect(f.ids('changed')).toEqual([]);
    expect(f.ids('ghost')).toEqual([]);
    const failingDelete = f.db.transaction(() => {
      hook.afterWrite(f.db, f.table('leads'), f.stored('leads', [{ id: 'l1', _deleted: true }]));
      throw new Error('conflict');
    });
    expect(() => failingDelete()).toThrow('conflict');
    expect(f.ids('original')).toEqual(['l1']);
  });

  it('indexes documents the storage marks as new, and still replaces an entry the index already held', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    hook.setup(f.db);
    f.write('accounts', [{ id: 'a1', name: 'Drifted' }]);
    const docs = [
      { id: 'a1', name: 'Initech' },
      { id: 'a2', name: 'Globex' },
      { id: 'a3', name: 'Gone', _deleted: true },
    ];
    f.db.transaction(() => hook.afterWrite(f.db, f.table('accounts'), f.stored('accounts', docs, docs.length)))();
    expect(f.ids('drifted')).toEqual([]);
    expect(f.ids('initech')).toEqual(['a1']);
    expect(f.ids('globex')).toEqual(['a2']);
    expect(f.ids('gone')).toEqual([]);
    expect(count(f, 'search_doc')).toBe(2);
  });

  it('ignores collections that are not searchable and documents without an id', () => {
    const f = createSearchFixture();
    f.write('activities', [{ id: 'x1', name: 'Call Acme' }]);
    f.write('accounts', [{ name: 'No id' }]);
    expect(f.ids('acme')).toEqual([]);
    expect(count(f, 'search_doc')).toBe(0);
  });

  it('skips the index write when no searchable field changed', () => {
    const f = createSearchFixture();
    f.write('opportunities', [{ id: 'o1', name: 'Big deal', amount: 10 }]);
    const before = f.db.prepare('SELECT key, sig FROM search_doc').all();
    f.write('opportunities', [{ id: 'o1', name: 'Big deal', amount: 20 }]);
    expect(f.db.prepare('SELECT key, sig FROM search_doc').all()).toEqual(before);
    expect(f.ids('big')).toEqual(['o1']);
  });

  it.each([SERVER_BOOKKEEPING_CONTEXT, OWNERSHIP_ADOPTION_CONTEXT, PUSH_ADOPTION_CONTEXT])(
    'does not look at writes that change no text at all (%s: bookkeeping or owner only)',
    (context) => {
      const f = createSearchFixture();
      const hook = createSearchHook();
      f.write('accounts', [{ id: 'a1', name: 'Acme' }]);
      const before = f.db.prepare('SELECT key, sig FROM search_doc').all();
      const write = { ...f.stored('accounts', [{ id: 'a1', name: 'Not read', serverRevision: 1 }]), context };
      f.db.transaction(() => hook.afterWrite(f.db, f.table('accounts'), write))();
      expect(f.db.prepare('SELECT key, sig FROM search_doc').all()).toEqual(before);
      expect(f.ids('acme')).toEqual(['a1']);
      expect(f.ids('read')).toEqual([]);
    },
  );

  it('drops a removed collection from the index, leaving the others', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    f.write('accounts', [{ id: 'a1', name: 'Acme', phone: '555 0100' }]);
    f.write('leads', [{ id: 'l1', company: 'Acme Labs' }]);
    f.db.transaction(() => hook.onRemove?.(f.db, f.table('accounts')))();
    expect(f.ids('acme')).toEqual(['l1']);
    expect(f.ids('5550100')).toEqual([]);
  });

  it('indexes the live rows of a table it has not seen when the table is opened, once', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    const table = { collectionName: 'accounts', schemaVersion: 3, tableName: 'rxdb_accounts_v3' };
    const rows = [
      { rowid: 4, doc: stored({ id: 'a2', name: 'Fresh' }) },
      { rowid: 9, doc: stored({ id: 'a3', name: 'Gone', _deleted: true }) },
    ];
    f.db.transaction(() => hook.openTable?.(f.db, table, () => rows))();
    expect(f.ids('fresh')).toEqual(['a2']);
    expect(f.ids('gone')).toEqual([]);
    let walked = false;
    f.db.transaction(() => hook.openTable?.(f.db, table, () => ((walked = true), [])))();
    expect(walked).toBe(false);
    f.index.optimize();
    expect(f.ids('fresh')).toEqual(['a2']);
  });

  it('keeps the two tables of a collection apart during a schema migration: removing the old one leaves the new', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    const v1 = { collectionName: 'accounts', schemaVersion: 1, tableName: 'rxdb_accounts_v1' };
    f.write('accounts', [{ id: 'a1', name: 'Old Name' }]); // version 0, rowid 1
    f.db.transaction(() => {
      hook.openTable?.(f.db, v1, () => []);
      hook.afterWrite(f.db, v1, { docs: [stored({ id: 'a1', name: 'New Name' })], rowids: [1], inserted: 1, context: 'test' });
    })();
    expect(f.ids('name').sort()).toEqual(['a1', 'a1']);
    f.db.transaction(() => hook.onRemove?.(f.db, f.table('accounts')))();
    expect(f.index.search('name')).toEqual([expect.objectContaining({ id: 'a1', title: 'New Name' })]);
  });

  it('refuses a write to a table that was never opened (the storage opens every table first)', () => {
    const f = createSearchFixture();
    const hook = createSearchHook();
    const unopened = { collectionName: 'accounts', schemaVersion: 7, tableName: 'rxdb_accounts_v7' };
    expect(() =>
      hook.afterWrite(f.db, unopened, { docs: [stored({ id: 'a1', name: 'X' })], rowids: [1], inserted: 1, context: 'test' }),
    ).toThrow(/before it was opened/);
  });

  it('matches a model after any sequence of writes, deletes and rolled-back transactions', () => {
    const op = fc.record({
      id: fc.integer({ min: 0, max: 7 }),
      word: fc.constantFrom('alpha', 'bravo', 'charlie', 'delta'),
      del: fc.boolean(),
      rollback: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const f = createSearchFixture();
        const hook = createSearchHook();
        const model = new Map<string, string>();
        for (const { id, word, del, rollback } of ops) {
          const doc = { id: `a${id}`, name: `${word} n${id}`, _deleted: del };
          const tx = f.db.transaction(() => {
            hook.afterWrite(f.db, f.table('accounts'), f.stored('accounts', [doc]));
            if (rollback) throw new Error('rollback');
          });
          try {
            tx();
            if (del) model.delete(`a${id}`);
            else model.set(`a${id}`, word);
          } catch {
            // rolled back: the model stays as it was
          }
        }
        for (const word of ['alpha', 'bravo', 'charlie', 'delta']) {
          const expected = [...model]
            .filter(([, w]) => w === word)
            .map(([id]) => id)
            .sort();
          expect(f.ids(word, { limit: 50 }).sort()).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});
