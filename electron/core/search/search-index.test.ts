import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSearchFixture, type SearchFixture } from '../../../tests/support/search-test-helpers';
import { SearchWriter } from './search-writer';

let f: SearchFixture;

beforeEach(() => {
  f = createSearchFixture();
  f.write('accounts', [
    {
      id: 'a-acme',
      name: 'Acme Corporation',
      domain: 'acme.com',
      phone: '+1 (555) 010-0123',
      city: 'Boston',
      country: 'US',
      industry: 'Manufacturing',
    },
    { id: 'a-harbor', name: 'Harbor Logistics', domain: 'harbor.io', city: 'Hamburg', country: 'DE', notes: 'Met at the Acme trade fair' },
    { id: 'a-muller', name: 'Müller & Söhne', city: 'München', phone: '+49 89 1234567' },
    { id: 'a-smith', name: 'Smith AND Sons "Quoted" Ltd*', city: 'Leeds' },
    { id: 'a-beijing', name: '北京张伟科技有限公司', city: '北京' },
  ]);
  f.write('contacts', [
    { id: 'c-zhang', firstName: 'Wei', lastName: 'Zhang', email: 'wei.zhang@acme.co', mobile: '+86 138 0013 8000', title: 'Buyer' },
    { id: 'c-zhang-cn', firstName: '伟', lastName: '张', email: 'zw@example.cn', city: '上海' },
    { id: 'c-ann', firstName: 'Ann', lastName: 'Lee', email: 'ann@harbor.io', phone: '555-0199', notes: 'Prefers calls; knows Zhang' },
  ]);
  f.write('leads', [{ id: 'l-bob', firstName: 'Bob', lastName: 'Stone', company: 'Acme Labs', email: 'bob@acmelabs.com' }]);
  f.write('opportunities', [{ id: 'o-renewal', name: 'Acme renewal 2025', nextStep: 'Send quote to Zhang', notes: 'Budget approved' }]);
});

describe('SearchIndex.search', () => {
  it('finds a Latin name by a word and by a prefix as the user types', () => {
    expect(f.ids('Zhang')[0]).toBe('c-zhang');
    expect(f.ids('zha')).toContain('c-zhang');
    expect(f.ids('Zhang Wei')[0]).toBe('c-zhang');
    expect(f.ids('wei zh')).toContain('c-zhang');
  });

  it('finds CJK names by the whole name and by any single character', () => {
    expect(f.ids('张伟')).toEqual(expect.arrayContaining(['c-zhang-cn', 'a-beijing']));
    expect(f.ids('张')).toEqual(expect.arrayContaining(['c-zhang-cn', 'a-beijing']));
    expect(f.ids('伟')).toEqual(expect.arrayContaining(['c-zhang-cn', 'a-beijing']));
    expect(f.ids('科技')).toEqual(['a-beijing']);
    expect(f.ids('伟张')).toEqual([]); // characters must be adjacent and in order
    expect(f.ids('上海')).toEqual(['c-zhang-cn']);
  });

  it('shows CJK full names family name first', () => {
    expect(f.index.search('张伟', { types: ['contact'] })[0]).toMatchObject({ title: '张伟', subtitle: 'zw@example.cn' });
  });

  it('finds partial phone numbers however they are typed', () => {
    expect(f.ids('+1 555')).toContain('a-acme');
    expect(f.ids('555-01')).toEqual(expect.arrayContaining(['a-acme', 'c-ann']));
    expect(f.ids('5550100')).toEqual(['a-acme']);
    expect(f.ids('(555) 010-01')).toEqual(['a-acme']);
    expect(f.ids('0123')).toEqual(['a-acme']);
    expect(f.ids('138 0013')).toEqual(['c-zhang']);
    expect(f.ids('555-02')).toEqual([]);
  });

  it('finds domains and emails with dots', () => {
    expect(f.ids('acme.co')).toEqual(expect.arrayContaining(['a-acme', 'c-zhang']));
    expect(f.ids('acme.co')).not.toContain('l-bob'); // acmelabs.com is not acme.co…
    expect(f.ids('harbor.io')).toEqual(expect.arrayContaining(['a-harbor', 'c-ann']));
    expect(f.ids('wei.zhang@acme')).toEqual(['c-zhang']);
  });

  it('ignores case, diacritics and full-width forms', () => {
    expect(f.ids('muller')).toEqual(['a-muller']);
    expect(f.ids('MÜNCHEN')).toEqual(['a-muller']);
    expect(f.ids('ＡＣＭＥ')).toContain('a-acme');
  });

  it('ranks name matches above detail and notes matches', () => {
    // bm25's IDF goes to ~0 for a term in most rows; a realistic corpus has the term in few.
    f.write(
      'accounts',
      Array.from({ length: 50 }, (_, i) => ({ id: `filler-${i}`, name: `Filler ${i}`, city: 'Springfield', notes: 'nothing to see' })),
    );
    const ids = f.ids('acme');
    expect(ids.slice(0, 2).sort()).toEqual(['a-acme', 'o-renewal']);
    expect(ids.indexOf('a-acme')).toBeLessThan(ids.indexOf('c-zhang'));
    expect(ids.indexOf('c-zhang')).toBeLessThan(ids.indexOf('a-harbor'));
    expect(f.ids('zhang')[0]).toBe('c-zhang');
    expect(f.ids('zhang').slice(1).sort()).toEqual(['c-ann', 'o-renewal']);
  });

  it('returns hits ready for a results list, best score first', () => {
    const hits = f.index.search('acme', { types: ['account'] });
    expect(hits[0]).toEqual({
      type: 'account',
      id: 'a-acme',
      title: 'Acme Corporation',
      subtitle: 'Boston, US',
      score: expect.any(Number),
    });
    const scores = f.index.search('acme').map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(f.index.search('bob')[0]).toMatchObject({ type: 'lead', title: 'Bob Stone', subtitle: 'Acme Labs · bob@acmelabs.com' });
    expect(f.index.search('renewal')[0]).toMatchObject({
      type: 'opportunity',
      title: 'Acme renewal 2025',
      subtitle: 'Send quote to Zhang',
    });
  });

  it('filters by type and honours the limit', () => {
    expect(f.ids('acme', { types: ['lead'] })).toEqual(['l-bob']);
    expect(f.ids('acme', { types: ['account', 'opportunity'] }).sort()).toEqual(['a-acme', 'a-harbor', 'o-renewal']);
    expect(f.ids('acme', { types: [] }).length).toBe(5);
    expect(f.ids('acme', { limit: 2 })).toHaveLength(2);
    expect(f.ids('acme', { limit: 0 })).toHaveLength(1);
  });

  it('answers very broad prefixes with name matches first, newest first', () => {
    f.write(
      'accounts',
      Array.from({ length: 1100 }, (_, i) => ({
        id: `n-${i}`,
        name: `Filler ${i}`,
        notes: 'sample notes',
        phone: `+44 20 7946 ${String(i).padStart(4, '0')}`,
      })),
    );
    f.write('accounts', [{ id: 'old-sample', name: 'Sample Industries' }]);
    const hits = f.index.search('sa', { limit: 5 });
    expect(hits[0]).toMatchObject({ id: 'old-sample', title: 'Sample Industries' });
    expect(hits.slice(1).map((hit) => hit.id)).toEqual(['n-1099', 'n-1098', 'n-1097', 'n-1096']);
    expect(f.ids('7946 0042')).toEqual(['n-42']);
    expect(f.ids('7946', { limit: 3 })).toEqual(['n-1099', 'n-1098', 'n-1097']);
  });

  it('treats quotes, stars and operators typed by the user as plain text', () => {
    expect(f.ids('AND')).toEqual(['a-smith']);
    expect(f.ids('smith and')).toEqual(['a-smith']);
    expect(f.ids('"quoted"')).toEqual(['a-smith']);
    expect(f.ids('ltd*')).toEqual(['a-smith']);
    expect(f.ids('NOT acme')).toEqual([]);
  });

  it('never throws on hostile input', () => {
    const nasty = [
      '',
      '   ',
      '"',
      '""',
      '"*',
      '*',
      '**',
      '(',
      ')',
      '())',
      'a OR',
      'OR',
      'NEAR(a b)',
      'NOT',
      '^acme',
      'name:acme',
      '{name}: x',
      "'; DROP TABLE search_doc; --",
      '\\',
      '\u0000',
      '-',
      '+',
      '🙂',
      'a"b',
      'x'.repeat(5000),
      'a '.repeat(500),
    ];
    for (const input of nasty) expect(() => f.index.search(input)).not.toThrow();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (input) => {
        f.index.search(input);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('"', '*', 'AND', 'OR', 'NOT', 'NEAR', '(', ')', ':', '^', '-', '+', '{', '}', 'acme', '5', ' '))
          .map((parts) => parts.join('')),
        (input) => {
          f.index.search(input);
        },
      ),
      { numRuns: 300 },
    );
    expect(f.ids('acme')).toContain('a-acme'); // and the index is still intact
  });
});

describe('SearchWriter.mergeStep', () => {
  const segments = (table: string): number => f.db.prepare<[], number>(`SELECT count(DISTINCT segid) FROM ${table}_idx`).pluck().get() ?? 0;

  it('merges the segments many small writes left, in steps, and the answers stay the same', () => {
    // Each write commits on its own: one new segment in each FTS table.
    for (let i = 0; i < 40; i++) {
      f.write('accounts', [{ id: `a-step-${i}`, name: `Stepwise ${i} Holdings`, phone: `+1 555 01${String(i).padStart(2, '0')}` }]);
    }
    const queries = ['stepwise', 'step', 'holdings 3', '555 0117', 'acme', '张伟'];
    const before = queries.map((text) => f.ids(text));
    const segmentsBefore = [segments('search_fts'), segments('search_phone')];

    const writer = new SearchWriter(f.db);
    let steps = 0;
    while (f.db.transaction(() => writer.mergeStep()).immediate()) steps += 1;
    expect(steps).toBeGreaterThan(0);
    expect(segments('search_fts')).toBeLessThan(segmentsBefore[0] ?? 0);
    expect(segments('search_phone')).toBeLessThan(segmentsBefore[1] ?? 0);
    expect(queries.map((text) => f.ids(text))).toEqual(before);
    // Nothing left: a further step finds no work.
    expect(writer.mergeStep()).toBe(false);
  });
});
