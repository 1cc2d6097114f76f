import {
  isSegmentGroup,
  type SegmentCondition,
  type SegmentField,
  type SegmentGroup,
  type SegmentTarget,
} from '../../../../shared/marketing/segment-conditions';
import { languageMatches } from '../../../../shared/marketing/segment-evaluate';
import { andInto, complementWithin, emptyBitset, orInto, setBit, type Bitset } from './bitset';
import { NONE } from './dictionary';
import { CHURN, CLV, fixedMatch, LEAD_STATUS, REGION, RFM, SIZE, STATUS, TIER } from './fixed-codes';
import { NO_DAY } from './latest-day';
import type { SegmentColumns } from './segment-columns';

const NEGATIVE_OPS: ReadonlySet<string> = new Set(['not_in', 'not_within_days', 'none_of', 'not_responded_to']);

/** Conditions a contact answers from its own fields; every other one reads the contact's account. */
const CONTACT_OWN_FIELDS: ReadonlySet<SegmentField> = new Set(['country', 'language', 'lastActivity', 'campaignResponse']);

/** Bits where the column's code is matched (a missing value, NONE, never is). */
function scan(col: ReadonlyArray<number>, match: Uint8Array, size: number): Bitset {
  const bits = emptyBitset(size);
  for (let i = 0; i < size; i++) {
    const c = col[i]!;
    if (c >= 0 && match[c] === 1) bits[i >>> 5]! |= 1 << (i & 31);
  }
  return bits;
}

/**
 * One evaluation of one definition: conditions compiled to bitsets over the target's numbering. A
 * condition is a scan of one integer column (or a walk of an inverted set); groups are word-wise AND/OR
 * within the universe (the target's live records); a negative operator is the complement of its
 * positive form within the universe. Reads the columns only.
 */
export class SegmentQuery {
  private readonly size: number;
  constructor(
    private readonly x: SegmentColumns,
    private readonly target: SegmentTarget,
    private readonly today: number,
    private readonly universe: Bitset,
    private readonly accountsAlive: Bitset,
  ) {
    this.size = x.table(target).size;
  }

  group(group: SegmentGroup): Bitset {
    const bits = group.op === 'and' ? this.universe.slice() : emptyBitset(this.size);
    for (const item of group.items) {
      const part = isSegmentGroup(item) ? this.group(item) : this.condition(item);
      if (group.op === 'and') andInto(bits, part);
      else orInto(bits, part);
    }
    andInto(bits, this.universe);
    return bits;
  }

  private condition(condition: SegmentCondition): Bitset {
    const bits = this.positive(condition);
    if (NEGATIVE_OPS.has(condition.op)) complementWithin(bits, this.universe);
    return bits;
  }

  private positive(condition: SegmentCondition): Bitset {
    if (this.target === 'contacts' && !CONTACT_OWN_FIELDS.has(condition.field)) {
      const accountBits = this.accountPositive(condition);
      // A contact whose account is missing has the CLV band "none" and no other account value.
      const missingMatches = condition.field === 'clvBand' && condition.values.includes('none');
      const bits = emptyBitset(this.size);
      const { cAccount } = this.x;
      for (let i = 0; i < this.size; i++) {
        const a = cAccount[i]!;
        const alive = a >= 0 && (this.accountsAlive[a >>> 5]! & (1 << (a & 31))) !== 0;
        if (alive ? (accountBits[a >>> 5]! & (1 << (a & 31))) !== 0 : missingMatches) bits[i >>> 5]! |= 1 << (i & 31);
      }
      return bits;
    }
    if (this.target === 'accounts') return this.accountPositive(condition);
    if (this.target === 'contacts') return this.contactPositive(condition);
    return this.leadPositive(condition);
  }

  private withinDays(latest: { of(n: number): number }, days: number, size: number): Bitset {
    const bits = emptyBitset(size);
    const from = this.today - days;
    for (let i = 0; i < size; i++) {
      const d = latest.of(i);
      if (d !== NO_DAY && d >= from) bits[i >>> 5]! |= 1 << (i & 31);
    }
    return bits;
  }

  /** Positive form over the accounts' numbering (also the account side of a contact condition). */
  private accountPositive(c: SegmentCondition): Bitset {
    const x = this.x;
    const size = x.accounts.size;
    switch (c.field) {
      case 'industry':
        return scan(x.aIndustry, x.industries.matchesAnyOf(c.values), size);
      case 'region':
        return scan(x.aRegion, fixedMatch(REGION, c.values), size);
      case 'tier':
        return scan(x.aTier, fixedMatch(TIER, c.values), size);
      case 'status':
        return scan(x.aStatus, fixedMatch(STATUS, c.values), size);
      case 'country':
        return scan(x.aCountry, x.countries.matchesAnyOf(c.values), size);
      case 'size':
        return scan(x.aSize, fixedMatch(SIZE, c.values), size);
      case 'rfmSegment':
        return scan(x.aRfm, fixedMatch(RFM, c.values), size);
      case 'churnRisk':
        return scan(x.aChurn, fixedMatch(CHURN, c.values), size);
      case 'clvBand':
        return scan(x.clvBands(), fixedMatch(CLV, c.values), size);
      case 'annualRevenue': {
        const bits = emptyBitset(size);
        const currency = x.currencies.code(c.currency);
        const min = c.min ?? -Infinity;
        const max = c.max ?? Infinity;
        for (let i = 0; i < size; i++) {
          const r = x.aRevenue[i]!;
          if (x.aCurrency[i] === currency && r >= min && r <= max) bits[i >>> 5]! |= 1 << (i & 31);
        }
        return bits;
      }
      case 'lastActivity':
        return this.withinDays(x.aActivity, c.days, size);
      case 'productsBought': {
        const bits = emptyBitset(size);
        for (const p of c.productIds) for (const n of x.productAccounts.members(p)) setBit(bits, n);
        return bits;
      }
      case 'campaignResponse': {
        // An account responded when any of its live contacts did.
        const bits = emptyBitset(size);
        for (const campaign of c.campaignIds)
          for (const n of x.campaignContacts.members(campaign)) {
            if (x.contacts.alive[n] !== 1) continue;
            const a = x.cAccount[n]!;
            if (a >= 0) setBit(bits, a);
          }
        return bits;
      }
      case 'language':
        throw new Error('accounts have no language');
    }
  }

  private contactPositive(c: SegmentCondition): Bitset {
    const x = this.x;
    const size = this.size;
    switch (c.field) {
      case 'country': {
        const match = x.countries.matchesAnyOf(c.values);
        const bits = emptyBitset(size);
        for (let i = 0; i < size; i++) {
          let code = x.cCountry[i]!;
          if (code < 0) {
            const a = x.cAccount[i]!;
            code = a >= 0 && x.accounts.alive[a] === 1 ? x.aCountry[a]! : NONE;
          }
          if (code >= 0 && match[code] === 1) bits[i >>> 5]! |= 1 << (i & 31);
        }
        return bits;
      }
      case 'language':
        return scan(
          x.cLanguage,
          x.languages.matches((tag) => c.values.some((wanted) => languageMatches(wanted, tag))),
          size,
        );
      case 'lastActivity':
        return this.withinDays(x.cActivity, c.days, size);
      case 'campaignResponse': {
        const bits = emptyBitset(size);
        for (const campaign of c.campaignIds) for (const n of x.campaignContacts.members(campaign)) setBit(bits, n);
        return bits;
      }
      default:
        throw new Error(`the condition "${c.field}" reads a contact's account`);
    }
  }

  private leadPositive(c: SegmentCondition): Bitset {
    const x = this.x;
    const size = this.size;
    switch (c.field) {
      case 'country':
        return scan(x.lCountry, x.countries.matchesAnyOf(c.values), size);
      case 'status':
        return scan(x.lStatus, fixedMatch(LEAD_STATUS, c.values), size);
      case 'lastActivity':
        return this.withinDays(x.lActivity, c.days, size);
      case 'campaignResponse': {
        const bits = emptyBitset(size);
        for (const campaign of c.campaignIds) for (const n of x.campaignLeads.members(campaign)) setBit(bits, n);
        return bits;
      }
      default:
        throw new Error(`the condition "${c.field}" does not apply to leads`);
    }
  }
}
