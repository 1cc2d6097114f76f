import { describe, expect, it } from 'vitest';
import { generateDuplicates } from './generate-duplicates';
import { normaliseCompanyName, normalisePersonName } from './normalise';

describe('generateDuplicates', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generateDuplicates({ entity: 'account', records: 200, seed: 5 });
    const b = generateDuplicates({ entity: 'account', records: 200, seed: 5 });
    const c = generateDuplicates({ entity: 'account', records: 200, seed: 6 });
    expect(b).toEqual(a);
    expect(c.records).not.toEqual(a.records);
  });

  it('duplicates about the requested share and lists every pair of a duplicate group once', () => {
    for (const entity of ['account', 'contact'] as const) {
      const generated = generateDuplicates({ entity, records: 1_000, seed: 3, duplicateShare: 0.25 });
      expect(generated.duplicatedBases / generated.baseRecords).toBeGreaterThan(0.2);
      expect(generated.duplicatedBases / generated.baseRecords).toBeLessThan(0.3);
      const ids = new Set(generated.records.map((record) => record.id));
      expect(ids.size).toBe(generated.records.length);
      const keys = generated.truePairs.map(([a, b]) => `${a}|${b}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const [a, b] of generated.truePairs) {
        expect(a < b).toBe(true);
        expect(ids.has(a) && ids.has(b)).toBe(true);
      }
      expect(generated.hardNegatives).toBeGreaterThan(50);
    }
  });

  it('varies accounts the way people do: legal forms, typos, full width, Chinese names and places', () => {
    const { records, truePairs } = generateDuplicates({ entity: 'account', records: 1_000, seed: 9 });
    const byId = new Map(records.map((record) => [record.id, record]));
    const names = records.map((record) => record.name);
    expect(names.some((name) => /有限公司$/.test(name))).toBe(true);
    expect(names.some((name) => /[Ａ-Ｚ]/.test(name))).toBe(true);
    expect(names.some((name) => / Inc\.$/.test(name))).toBe(true);
    expect(names.some((name) => /\((上海|北京|深圳|广州|杭州|成都)\)/.test(name))).toBe(true);
    const pairsOf = (test: (a: string, b: string) => boolean) =>
      truePairs.filter(([a, b]) => test(byId.get(a)?.name ?? '', byId.get(b)?.name ?? '')).length;
    // Some duplicates differ after normalisation (typos, homophones): the matcher has to be fuzzy.
    expect(pairsOf((a, b) => normaliseCompanyName(a).key !== normaliseCompanyName(b).key)).toBeGreaterThan(20);
    // Some duplicates carry their phone number in another format.
    expect(truePairs.some(([a, b]) => byId.get(a)?.phone && byId.get(b)?.phone && byId.get(a)?.phone !== byId.get(b)?.phone)).toBe(true);
  });

  it('varies contacts: swapped order, Chinese names, e-mail case, and namesakes at other companies', () => {
    const { records, truePairs } = generateDuplicates({ entity: 'contact', records: 1_000, seed: 9 });
    const byId = new Map(records.map((record) => [record.id, record]));
    expect(records.some((record) => /, /.test(record.name))).toBe(true);
    expect(records.some((record) => /^\p{Script=Han}+$/u.test(record.name))).toBe(true);
    expect(records.some((record) => record.email !== undefined && record.email !== record.email.toLowerCase())).toBe(true);
    const truth = new Set(truePairs.map(([a, b]) => `${a}|${b}`));
    const byName = new Map<string, string[]>();
    for (const record of records) {
      const key = normalisePersonName(record.name).key;
      byName.set(key, [...(byName.get(key) ?? []), record.id]);
    }
    // Namesakes that are not duplicates: same normalised name, different companies, not a true pair.
    let namesakes = 0;
    for (const group of byName.values()) {
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const [a, b] = [group[i] ?? '', group[j] ?? ''].sort();
          const ra = byId.get(a ?? '');
          const rb = byId.get(b ?? '');
          if (!truth.has(`${a}|${b}`) && ra?.accountId && rb?.accountId && ra.accountId !== rb.accountId) namesakes++;
        }
      }
    }
    expect(namesakes).toBeGreaterThan(50);
  });

  it('refuses bad options', () => {
    expect(() => generateDuplicates({ entity: 'account', records: 0, seed: 1 })).toThrow(/records/);
    expect(() => generateDuplicates({ entity: 'account', records: 10, seed: 1, duplicateShare: 2 })).toThrow(/duplicateShare/);
    expect(() => generateDuplicates({ entity: 'lead' as 'account', records: 10, seed: 1 })).toThrow(/entity/);
  });
});
