import { describe, expect, it } from 'vitest';
import { normaliseCompanyName, normalisePersonName } from './normalise';
import { bigramDice, bigrams, editSimilarity, nameSimilarity, tokenSetSimilarity } from './similarity';

const companies = (a: string, b: string) => nameSimilarity(normaliseCompanyName(a), normaliseCompanyName(b));
const people = (a: string, b: string) => nameSimilarity(normalisePersonName(a), normalisePersonName(b));

describe('editSimilarity and bigramDice', () => {
  it('are 1 for equal strings and fall with each difference', () => {
    expect(editSimilarity('globex', 'globex')).toBe(1);
    expect(editSimilarity('globex', 'globx')).toBeCloseTo(5 / 6);
    expect(editSimilarity('', '')).toBe(1);
    expect(editSimilarity('abc', 'xyz')).toBe(0);
    expect(editSimilarity('smith', 'smiht')).toBeCloseTo(0.8);
    expect(editSimilarity('smith', 'mitsh')).toBeLessThan(0.8);
    expect(bigrams('华为技术')).toEqual(['华为', '为技', '技术']);
    expect(bigrams('华')).toEqual(['华']);
    expect(bigramDice('华为技术', '华为技术')).toBe(1);
    expect(bigramDice('华为技术', '华为科技')).toBeCloseTo(1 / 3);
    expect(bigramDice('aaa', 'aa')).toBeCloseTo(2 / 3);
  });
});

describe('tokenSetSimilarity', () => {
  it('matches words in any order, tolerates typos and initials, and counts extra words against', () => {
    expect(tokenSetSimilarity(['john', 'smith'], ['smith', 'john'])).toBe(1);
    expect(tokenSetSimilarity(['john', 'smith'], ['john', 'smiht'])).toBeGreaterThan(0.8);
    expect(tokenSetSimilarity(['j', 'smith'], ['john', 'smith'])).toBeCloseTo(0.9);
    expect(tokenSetSimilarity(['acme'], ['acme', 'logistics'])).toBeCloseTo(2 / 3);
    expect(tokenSetSimilarity(['acme'], ['globex'])).toBe(0);
  });
});

describe('nameSimilarity', () => {
  it('is 1 exactly for names that normalise alike', () => {
    expect(companies('Acme Inc.', 'ACME, Inc')).toBe(1);
    expect(companies('北京华为技术有限公司', '华为技术')).toBe(1);
    expect(people('Zhang Wei', 'Wei Zhang')).toBe(1);
    expect(people('张伟', '伟 张')).toBe(1);
  });

  it('is high for typos and a middle initial, low for different names', () => {
    expect(companies('Globex Corporation', 'Globx Corp')).toBeGreaterThan(0.8);
    expect(companies('Pesazor Technologies', 'Pesazor Tcehnologies')).toBeGreaterThan(0.85);
    expect(people('Michael G. Thompson', 'Michael Thompson')).toBeGreaterThan(0.9);
    expect(people('Jennifer Rodriguez', 'Jenifer Rodriguez')).toBeGreaterThan(0.9);
    expect(companies('Acme', 'Globex')).toBeLessThan(0.4);
    expect(people('John Smith', 'Mary Jones')).toBeLessThan(0.5);
    expect(companies('华为技术', '腾讯科技')).toBeLessThan(0.4);
  });

  it('never relates a Latin name to a CJK one and is below 1 for any difference', () => {
    expect(people('Zhang Wei', '张伟')).toBe(0);
    expect(companies('华兴科技', '华星科技')).toBeLessThan(1);
    expect(companies('Acme Logistics', 'Logistics Acme')).toBeLessThan(1);
  });
});
