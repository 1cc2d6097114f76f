import { describe, expect, it } from 'vitest';
import type { DedupEntity, DedupRecord } from './duplicate-index';
import { EVIDENCE_WEIGHTS, namePoints, pointsForScore, prepareRecord, scoreOfPoints, scorePair } from './duplicate-score';

function score(entity: DedupEntity, a: DedupRecord, b: DedupRecord, nameCounts = new Map<string, number>()) {
  const result = scorePair(prepareRecord(a, entity), prepareRecord(b, entity), entity, nameCounts);
  if (result === undefined) throw new Error('no score without a minimum');
  return result;
}

describe('scorePair', () => {
  it('adds the documented points: the worked example of duplicate-score.ts', () => {
    const berlin = score(
      'account',
      { id: 'a', name: 'Acme Inc.', phone: '+49 30 1234567', city: 'Berlin' },
      { id: 'b', name: 'ACME GmbH', phone: '030 1234567', city: 'Berlin', country: 'DE' },
    );
    expect(berlin.points).toBeCloseTo(7);
    expect(berlin.score).toBeCloseTo(0.999, 3);
    expect(berlin.reasons).toEqual(['same_name', 'same_phone', 'same_city']);
    const chicago = score(
      'account',
      { id: 'a', name: 'Acme Inc.', phone: '+49 30 1234567', city: 'Berlin', country: 'DE' },
      { id: 'c', name: 'Acme Inc.', phone: '+1 312 555 0100', city: 'Chicago', country: 'US' },
    );
    expect(chicago.points).toBeCloseTo(-3.5);
    expect(chicago.reasons).toEqual(['same_name']);
  });

  it('lowers a common name, except for two contacts of one account', () => {
    const common = new Map([['john smith', 24]]);
    const a: DedupRecord = { id: 'a', name: 'John Smith' };
    const rare = score('contact', a, { id: 'b', name: 'Smith, John' });
    const frequent = score('contact', a, { id: 'b', name: 'Smith, John' }, common);
    expect(rare.points - frequent.points).toBeCloseTo(EVIDENCE_WEIGHTS.contact.commonNamePenaltyMax);
    const colleagues = score('contact', { ...a, accountId: 'x' }, { id: 'b', name: 'Smith, John', accountId: 'x' }, common);
    expect(colleagues.points - rare.points).toBeCloseTo(EVIDENCE_WEIGHTS.contact.account.agree);
  });

  it('skips the name comparison when even equal names could not reach the minimum', () => {
    const a = prepareRecord({ id: 'a', name: 'Acme', city: 'Berlin', country: 'DE', website: 'acme.de' }, 'account');
    const b = prepareRecord({ id: 'b', name: 'Acme', city: 'Paris', country: 'FR', website: 'acme.fr' }, 'account');
    expect(scorePair(a, b, 'account', new Map(), pointsForScore(0.5))).toBeUndefined();
    expect(scorePair(a, b, 'account', new Map())?.score).toBeLessThan(0.5);
  });
});

describe('phone evidence', () => {
  it('reads numbers with equal last digits in full, so the same local number in two countries differs', () => {
    const us: DedupRecord = { id: 'a', name: 'Acme', phone: '+1 415 555 0100' };
    const sameNumber = score('account', us, { id: 'b', name: 'Acme', phone: '(415) 555-0100', country: 'US' });
    const berlin = score('account', us, { id: 'c', name: 'Acme', phone: '030 5550100', country: 'DE' });
    const otherTail = score('account', us, { id: 'd', name: 'Acme', phone: '+1 415 555 0199' });
    expect(sameNumber.reasons).toContain('same_phone');
    expect(berlin.reasons).not.toContain('same_phone');
    expect(berlin.points).toBeCloseTo(otherTail.points);
    expect(sameNumber.points - berlin.points).toBeCloseTo(EVIDENCE_WEIGHTS.account.phone.agree - EVIDENCE_WEIGHTS.account.phone.disagree);
  });
});

describe('namePoints and the score scale', () => {
  it('rises from nothing at 0.65 to the near-equal points at 0.95 and falls to the unlike points at 0.4', () => {
    const weights = EVIDENCE_WEIGHTS.account;
    expect(namePoints(1, weights)).toBe(weights.nameEqual);
    expect(namePoints(0.97, weights)).toBe(weights.nameSimilar);
    expect(namePoints(0.8, weights)).toBeCloseTo(weights.nameSimilar / 2);
    expect(namePoints(0.65, weights)).toBeCloseTo(0);
    expect(namePoints(0.2, weights)).toBe(weights.nameDifferent);
    expect(scoreOfPoints(0)).toBe(0.5);
    expect(pointsForScore(scoreOfPoints(2.5))).toBeCloseTo(2.5);
  });
});
