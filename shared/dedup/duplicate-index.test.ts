import { describe, expect, it } from 'vitest';
import { DEFAULT_DUPLICATE_THRESHOLD, DuplicateIndex, MAX_BLOCK_SIZE, type DedupEntity, type DedupRecord } from './duplicate-index';

function indexOf(entity: DedupEntity, records: readonly DedupRecord[]): DuplicateIndex {
  const index = new DuplicateIndex(entity);
  for (const record of records) index.upsert(record);
  return index;
}

const ids = (index: DuplicateIndex, record: DedupRecord) => index.candidatesFor(record).map((candidate) => candidate.id);

describe('DuplicateIndex: accounts', () => {
  it('finds spellings of one company with a legal form, case or punctuation changed', () => {
    const index = indexOf('account', [
      { id: 'a', name: 'Acme Inc.' },
      { id: 'b', name: 'ACME, Inc' },
      { id: 'c', name: 'Acme Incorporated' },
      { id: 'd', name: 'Globex Corporation' },
    ]);
    expect(ids(index, { id: 'a', name: 'Acme Inc.' }).sort()).toEqual(['b', 'c']);
    const pairs = index.pairs();
    expect(pairs.map((pair) => `${pair.aId}-${pair.bId}`).sort()).toEqual(['a-b', 'a-c', 'b-c']);
    expect(pairs[0]?.reasons).toEqual(['same_name']);
  });

  it('finds a Chinese company with and without place and legal form', () => {
    const index = indexOf('account', [
      { id: 'hw1', name: '北京华为技术有限公司' },
      { id: 'hw2', name: '华为技术' },
      { id: 'tx', name: '深圳市腾讯计算机系统有限公司' },
    ]);
    expect(index.pairs().map((pair) => [pair.aId, pair.bId])).toEqual([['hw1', 'hw2']]);
  });

  it('finds one phone number written two ways in the US', () => {
    const index = indexOf('account', [
      { id: 'x', name: 'Northwind Traders', phone: '+1 (415) 555-0100', country: 'US', city: 'San Francisco' },
      { id: 'y', name: 'Northwind', phone: '415.555.0100', country: 'United States' },
    ]);
    const [candidate] = index.candidatesFor({ id: 'x', name: 'Northwind Traders', phone: '+1 (415) 555-0100', country: 'US' });
    expect(candidate?.id).toBe('y');
    expect(candidate?.reasons).toContain('same_phone');
  });

  it('finds a company by domain and a typo in its name, and explains why', () => {
    const index = indexOf('account', [{ id: 'g1', name: 'Globex Corporation', website: 'https://www.globex.com/about', city: 'Chicago' }]);
    const [candidate] = index.candidatesFor({ id: 'new', name: 'Globx Corp', email: 'info@GLOBEX.com', city: 'chicago' });
    expect(candidate).toMatchObject({ id: 'g1' });
    expect(candidate?.reasons).toEqual(['similar_name', 'same_domain', 'same_city']);
    expect(candidate?.score).toBeGreaterThan(0.95);
  });

  it('does not take look-alike companies in other cities for duplicates', () => {
    const index = indexOf('account', [
      { id: 'b', name: 'Delta Systems GmbH', city: 'Berlin', country: 'DE', website: 'delta-systems.de', phone: '+49 30 1234567' },
      { id: 'c', name: 'Delta Systems Inc.', city: 'Chicago', country: 'US', website: 'deltasys.com', phone: '+1 312 555 0199' },
      { id: 's', name: '上海华兴科技有限公司', city: '上海', phone: '021 6234 5678', country: 'CN' },
      { id: 'z', name: '深圳华兴科技有限公司', city: '深圳', phone: '0755 8765 4321', country: 'CN' },
    ]);
    expect(index.pairs()).toEqual([]);
    expect(index.pairs({ threshold: 0 })).toHaveLength(2);
  });
});

describe('DuplicateIndex: contacts', () => {
  it('matches swapped name order in Latin and Chinese script', () => {
    const index = indexOf('contact', [
      { id: '1', name: 'Zhang Wei', accountId: 'acc-1' },
      { id: '2', name: 'Wei Zhang', accountId: 'acc-1' },
      { id: '3', name: '伟 张', accountId: 'acc-2', phone: '138 0001 2345', country: 'CN' },
      { id: '4', name: '张伟', accountId: 'acc-2', phone: '+86 138 0001 2345' },
      { id: '5', name: 'Smith, John', email: 'John.Smith@acme.com ' },
      { id: '6', name: 'John Smith', email: 'john.smith@acme.com' },
    ]);
    expect(
      index
        .pairs()
        .map((pair) => `${pair.aId}-${pair.bId}`)
        .sort(),
    ).toEqual(['1-2', '3-4', '5-6']);
  });

  it('keeps two John Smiths at different companies apart', () => {
    const index = indexOf('contact', [
      { id: 'js1', name: 'John Smith', accountId: 'acme', email: 'john.smith@acme.com', phone: '+1 212 555 0101' },
      { id: 'js2', name: 'John Smith', accountId: 'globex', email: 'jsmith@globex.com', phone: '+1 312 555 0188' },
    ]);
    expect(index.pairs()).toEqual([]);
    const [pair] = index.pairs({ threshold: 0 });
    expect(pair?.score).toBeLessThan(0.01);
  });

  it('keeps colleagues sharing a switchboard and a domain apart', () => {
    const index = indexOf('contact', [
      { id: 'a', name: 'Mary Jones', accountId: 'acme', email: 'mary.jones@acme.com', phone: '+1 212 555 0100' },
      { id: 'b', name: 'Peter Brown', accountId: 'acme', email: 'peter.brown@acme.com', phone: '+1 212 555 0100' },
    ]);
    expect(index.pairs()).toEqual([]);
  });
});

describe('DuplicateIndex: maintenance', () => {
  it('replaces a record on upsert, forgets it on remove, and never returns the record itself', () => {
    const index = new DuplicateIndex('account');
    index.upsert({ id: 'a', name: 'Acme Inc.' });
    index.upsert({ id: 'b', name: 'Acme Ltd' });
    expect(index.size).toBe(2);
    expect(ids(index, { id: 'a', name: 'Acme Inc.' })).toEqual(['b']);
    index.upsert({ id: 'b', name: 'Globex' });
    expect(index.size).toBe(2);
    expect(ids(index, { id: 'a', name: 'Acme Inc.' })).toEqual([]);
    index.upsert({ id: 'c', name: 'ACME' });
    index.remove('c');
    index.remove('unknown');
    expect(index.size).toBe(2);
    expect(index.pairs()).toEqual([]);
    // A record not in the index (a new one being typed) is checked the same way.
    expect(ids(index, { id: 'draft', name: 'Globex GmbH' })).toEqual(['b']);
  });

  it('orders candidates best first and honours threshold and limit', () => {
    const index = indexOf('account', [
      { id: 'exact', name: 'Acme', phone: '+49 30 1234567' },
      { id: 'name-only', name: 'Acme GmbH' },
      { id: 'typo', name: 'Acmee' },
    ]);
    const query: DedupRecord = { id: 'q', name: 'Acme AG', phone: '030 1234567', country: 'DE' };
    const all = index.candidatesFor(query, { threshold: 0 });
    expect(all.map((candidate) => candidate.id)).toEqual(['exact', 'name-only', 'typo']);
    expect(all.every((candidate, i) => i === 0 || candidate.score <= (all[i - 1]?.score ?? 1))).toBe(true);
    expect(index.candidatesFor(query, { limit: 1 }).map((candidate) => candidate.id)).toEqual(['exact']);
    expect(index.candidatesFor(query, { threshold: 0.99 }).map((candidate) => candidate.id)).toEqual(['exact']);
  });

  it('skips blocks too common to say anything but still finds records through other keys', () => {
    const index = new DuplicateIndex('contact');
    for (let i = 0; i <= MAX_BLOCK_SIZE; i++)
      index.upsert({ id: `p${i}`, name: 'Li Na', accountId: `acc-${i}`, email: `li.na${i}@firm${i}.cn` });
    const found = index.candidatesFor({ id: 'x', name: 'Na Li', email: 'LI.NA7@firm7.cn' });
    expect(found.map((candidate) => candidate.id)).toEqual(['p7']);
  });

  it('refuses bad input without changing the index', () => {
    const index = new DuplicateIndex('account');
    index.upsert({ id: 'a', name: 'Acme' });
    expect(() => new DuplicateIndex('lead' as DedupEntity)).toThrow(/unknown duplicate entity/);
    expect(() => index.upsert({ id: '', name: 'Acme' })).toThrow(/needs an id/);
    expect(() => index.upsert({ id: 'b', name: undefined as unknown as string })).toThrow(/has no name/);
    expect(() => index.candidatesFor({ id: 'q', name: 'Acme' }, { threshold: 1.5 })).toThrow(/threshold/);
    expect(() => index.pairs({ threshold: Number.NaN })).toThrow(/threshold/);
    expect(() => index.candidatesFor({ id: 'q', name: 'Acme' }, { limit: -1 })).toThrow(/limit/);
    expect(index.size).toBe(1);
    expect(DEFAULT_DUPLICATE_THRESHOLD).toBe(0.5);
  });
});
