import {
  CHURN_RISK_VALUES,
  CLV_BANDS,
  EMPLOYEE_BANDS,
  employeeBandOf,
  isSegmentGroup,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentGroup,
  type SegmentTarget,
} from '../../../../shared/marketing/segment-conditions';
import { languageMatches } from '../../../../shared/marketing/segment-evaluate';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { LEAD_STATUSES } from '../../../../shared/schemas/leads';
import { RFM_SEGMENTS, type ChurnBand, type RfmSegment } from '../../../../shared/contract/insight/insight-requests';
import { andInto, complementWithin, emptyBitset, forEachBit, orInto, popcount, setBit, type Bitset } from './bitset';

/**
 * The segment index: every account, contact and lead numbered densely and reduced to small integer
 * columns (dictionary codes for labels, day numbers for activity), plus inverted sets for products
 * bought and campaign responses. A condition is a scan of one integer column into a bitset; groups are
 * word-wise AND/OR; a count is a popcount. No document is read at count time.
 *
 * The rules are those of shared/marketing/segment-evaluate.ts (the reference, and the property test's
 * oracle). What the index derives itself, from the records the engine feeds it:
 * - last activity: the latest day of a done activity linked to the record (accountId for accounts,
 *   contactId for contacts); for leads, which activities do not link to, the latest day they responded
 *   to a campaign.
 * - campaign responses: memberships whose status reached "responded" or beyond; an account's are those
 *   of its live contacts.
 * - products bought: the products on the account's purchase orders (the engine passes only purchases).
 * Days are whole UTC days since 1970-01-01.
 */

export type IndexedAccount = {
  readonly id: string;
  readonly status: (typeof ACCOUNT_STATUSES)[number];
  readonly industry: string | null;
  readonly region: (typeof ACCOUNT_REGIONS)[number];
  readonly tier: (typeof ACCOUNT_TIERS)[number];
  readonly country: string | null;
  readonly employees: number | null;
  readonly annualRevenue: number | null;
  readonly currency: string;
};
export type IndexedContact = {
  readonly id: string;
  readonly accountId: string | null;
  readonly country: string | null;
  readonly language: string | null;
};
export type IndexedLead = { readonly id: string; readonly country: string | null; readonly status: (typeof LEAD_STATUSES)[number] };
export type IndexedInsight = {
  readonly rfmSegment: RfmSegment | null;
  readonly clv12m: number | null;
  readonly churn: { readonly band: ChurnBand; readonly lapsed: boolean } | null;
};
/** A done activity: the day it happened and whom it is linked to. */
export type IndexedActivity = { readonly accountId: string | null; readonly contactId: string | null; readonly day: number };
export type IndexedPurchase = { readonly accountId: string; readonly productIds: ReadonlyArray<string> };
export type IndexedMembership = {
  readonly campaignId: string;
  readonly contactId: string | null;
  readonly leadId: string | null;
  readonly responded: boolean;
  /** Day of the response, when known. */
  readonly respondedDay: number | null;
};

const NONE = -1;
const NO_DAY = -2147483648;

/** Label → small integer, for one column family. */
class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  code(value: string | null): number {
    if (value === null) return NONE;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  /** Match table over the codes: 1 where `wanted` holds for the code's value. */
  matches(wanted: (value: string) => boolean): Uint8Array {
    const table = new Uint8Array(this.values.length + 1);
    this.values.forEach((v, i) => {
      if (wanted(v)) table[i] = 1;
    });
    return table;
  }
}

const fixedCodes = <T extends string>(values: ReadonlyArray<T>): ReadonlyMap<string, number> => new Map(values.map((v, i) => [v, i]));
const STATUS = fixedCodes(ACCOUNT_STATUSES);
const LEAD_STATUS = fixedCodes(LEAD_STATUSES);
const REGION = fixedCodes(ACCOUNT_REGIONS);
const TIER = fixedCodes(ACCOUNT_TIERS);
const SIZE = fixedCodes(EMPLOYEE_BANDS);
const RFM = fixedCodes(RFM_SEGMENTS);
const CHURN = fixedCodes(CHURN_RISK_VALUES);
const CLV = fixedCodes(CLV_BANDS);
const CLV_NONE = CLV.get('none')!;

/** Dense numbering of one kind of record; a removed record keeps its number, marked not alive. */
class Table {
  readonly ids: string[] = [];
  readonly numbers = new Map<string, number>();
  readonly alive: number[] = [];
  liveCount = 0;
  /** The record's number, allocating one (not alive) on first sight. */
  number(id: string): number {
    let n = this.numbers.get(id);
    if (n === undefined) {
      n = this.ids.length;
      this.numbers.set(id, n);
      this.ids.push(id);
      this.alive.push(0);
      this.cachedAlive = null;
    }
    return n;
  }
  setAlive(n: number, alive: boolean): void {
    const was = this.alive[n] === 1;
    if (was === alive) return;
    this.alive[n] = alive ? 1 : 0;
    this.liveCount += alive ? 1 : -1;
    this.cachedAlive = null;
  }
  get size(): number {
    return this.ids.length;
  }
  private cachedAlive: Bitset | null = null;
  /** The live records as a bitset; shared between queries until the table changes (never mutate it). */
  aliveBits(): Bitset {
    if (this.cachedAlive) return this.cachedAlive;
    const bits = emptyBitset(this.size);
    for (let i = 0; i < this.alive.length; i++) if (this.alive[i] === 1) setBit(bits, i);
    this.cachedAlive = bits;
    return bits;
  }
}

/** Count of references per key, so a set survives removal of one of several sources. */
class RefSets {
  private readonly sets = new Map<string, Map<number, number>>();
  add(key: string, n: number): void {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Map()));
    set.set(n, (set.get(n) ?? 0) + 1);
  }
  remove(key: string, n: number): void {
    const set = this.sets.get(key);
    const c = set?.get(n);
    if (!set || c === undefined) return;
    if (c <= 1) set.delete(n);
    else set.set(n, c - 1);
    if (set.size === 0) this.sets.delete(key);
  }
  members(key: string): Iterable<number> {
    return this.sets.get(key)?.keys() ?? [];
  }
}

/** Latest day per record, kept under removals by the sources behind each record. */
class LatestDay {
  readonly day: number[] = [];
  private readonly sources = new Map<number, Map<string, number>>();
  set(n: number, source: string, day: number | null): void {
    let s = this.sources.get(n);
    if (day === null) {
      if (!s?.delete(source)) return;
    } else {
      if (!s) this.sources.set(n, (s = new Map()));
      s.set(source, day);
    }
    let latest = NO_DAY;
    for (const d of s!.values()) if (d > latest) latest = d;
    while (this.day.length <= n) this.day.push(NO_DAY);
    this.day[n] = latest;
  }
  of(n: number): number {
    return this.day[n] ?? NO_DAY;
  }
}

export type SegmentIndexCounts = { readonly count: number; readonly total: number };

export class SegmentIndex {
  private readonly accounts = new Table();
  private readonly contacts = new Table();
  private readonly leads = new Table();
  // Account columns.
  private readonly industries = new Dictionary();
  private readonly countries = new Dictionary();
  private readonly currencies = new Dictionary();
  private readonly languages = new Dictionary();
  private readonly aStatus: number[] = [];
  private readonly aIndustry: number[] = [];
  private readonly aRegion: number[] = [];
  private readonly aTier: number[] = [];
  private readonly aCountry: number[] = [];
  private readonly aSize: number[] = [];
  private readonly aRevenue: number[] = [];
  private readonly aCurrency: number[] = [];
  private readonly aRfm: number[] = [];
  private readonly aChurn: number[] = [];
  private readonly aClv: number[] = [];
  private aClvBand: number[] = [];
  private clvBandsStale = true;
  private readonly aActivity = new LatestDay();
  // Contact columns.
  private readonly cAccount: number[] = [];
  private readonly cCountry: number[] = [];
  private readonly cLanguage: number[] = [];
  private readonly cActivity = new LatestDay();
  // Lead columns.
  private readonly lCountry: number[] = [];
  private readonly lStatus: number[] = [];
  private readonly lActivity = new LatestDay();
  // Inverted sets.
  private readonly productAccounts = new RefSets();
  private readonly campaignContacts = new RefSets();
  private readonly campaignLeads = new RefSets();
  private readonly purchases = new Map<string, IndexedPurchase>();
  private readonly activities = new Map<string, IndexedActivity>();
  private readonly memberships = new Map<string, IndexedMembership>();
  private versionNumber = 0;

  /** Bumped by every change: answers cached at another version are stale. */
  get version(): number {
    return this.versionNumber;
  }

  private accountNumber(id: string): number {
    const n = this.accounts.number(id);
    const grow = (col: number[], value: number): void => {
      while (col.length <= n) col.push(value);
    };
    for (const col of [this.aStatus, this.aIndustry, this.aRegion, this.aTier, this.aCountry, this.aSize, this.aCurrency]) grow(col, NONE);
    grow(this.aRfm, NONE);
    grow(this.aChurn, NONE);
    grow(this.aRevenue, NaN);
    grow(this.aClv, NaN);
    return n;
  }

  private contactNumber(id: string): number {
    const n = this.contacts.number(id);
    while (this.cAccount.length <= n) {
      this.cAccount.push(NONE);
      this.cCountry.push(NONE);
      this.cLanguage.push(NONE);
    }
    return n;
  }

  private leadNumber(id: string): number {
    const n = this.leads.number(id);
    while (this.lCountry.length <= n) {
      this.lCountry.push(NONE);
      this.lStatus.push(NONE);
    }
    return n;
  }

  setAccount(id: string, account: IndexedAccount | null): void {
    const n = this.accountNumber(id);
    this.versionNumber++;
    this.clvBandsStale = true;
    if (account === null) {
      this.accounts.setAlive(n, false);
      return;
    }
    this.aStatus[n] = STATUS.get(account.status) ?? NONE;
    this.aIndustry[n] = this.industries.code(account.industry);
    this.aRegion[n] = REGION.get(account.region) ?? NONE;
    this.aTier[n] = TIER.get(account.tier) ?? NONE;
    this.aCountry[n] = this.countries.code(account.country);
    const band = employeeBandOf(account.employees);
    this.aSize[n] = band === null ? NONE : SIZE.get(band)!;
    this.aRevenue[n] = account.annualRevenue ?? NaN;
    this.aCurrency[n] = this.currencies.code(account.currency);
    this.accounts.setAlive(n, true);
  }

  setContact(id: string, contact: IndexedContact | null): void {
    const n = this.contactNumber(id);
    this.versionNumber++;
    if (contact === null) {
      this.contacts.setAlive(n, false);
      return;
    }
    this.cAccount[n] = contact.accountId === null ? NONE : this.accountNumber(contact.accountId);
    this.cCountry[n] = this.countries.code(contact.country);
    this.cLanguage[n] = this.languages.code(contact.language === null ? null : contact.language.toLowerCase());
    this.contacts.setAlive(n, true);
  }

  setLead(id: string, lead: IndexedLead | null): void {
    const n = this.leadNumber(id);
    this.versionNumber++;
    if (lead === null) {
      this.leads.setAlive(n, false);
      return;
    }
    this.lCountry[n] = this.countries.code(lead.country);
    this.lStatus[n] = LEAD_STATUS.get(lead.status) ?? NONE;
    this.leads.setAlive(n, true);
  }

  /** Replaces every account's customer-insight figures (one finished run replaces them all). */
  setInsights(insights: ReadonlyMap<string, IndexedInsight>): void {
    this.versionNumber++;
    this.clvBandsStale = true;
    this.aRfm.fill(NONE);
    this.aChurn.fill(NONE);
    this.aClv.fill(NaN);
    for (const [id, insight] of insights) {
      const n = this.accountNumber(id);
      this.aRfm[n] = insight.rfmSegment === null ? NONE : RFM.get(insight.rfmSegment)!;
      this.aChurn[n] = insight.churn === null ? NONE : CHURN.get(insight.churn.lapsed ? 'lapsed' : insight.churn.band)!;
      this.aClv[n] = insight.clv12m ?? NaN;
    }
  }

  setPurchase(id: string, purchase: IndexedPurchase | null): void {
    const before = this.purchases.get(id);
    if (before) for (const p of new Set(before.productIds)) this.productAccounts.remove(p, this.accountNumber(before.accountId));
    if (purchase) {
      for (const p of new Set(purchase.productIds)) this.productAccounts.add(p, this.accountNumber(purchase.accountId));
      this.purchases.set(id, purchase);
    } else this.purchases.delete(id);
    if (before || purchase) this.versionNumber++;
  }

  setActivity(id: string, activity: IndexedActivity | null): void {
    const before = this.activities.get(id);
    if (before?.accountId) this.aActivity.set(this.accountNumber(before.accountId), id, null);
    if (before?.contactId) this.cActivity.set(this.contactNumber(before.contactId), id, null);
    if (activity) {
      if (activity.accountId) this.aActivity.set(this.accountNumber(activity.accountId), id, activity.day);
      if (activity.contactId) this.cActivity.set(this.contactNumber(activity.contactId), id, activity.day);
      this.activities.set(id, activity);
    } else this.activities.delete(id);
    if (before || activity) this.versionNumber++;
  }

  setMembership(id: string, membership: IndexedMembership | null): void {
    const before = this.memberships.get(id);
    if (before?.responded) {
      if (before.contactId) this.campaignContacts.remove(before.campaignId, this.contactNumber(before.contactId));
      if (before.leadId) {
        const n = this.leadNumber(before.leadId);
        this.campaignLeads.remove(before.campaignId, n);
        this.lActivity.set(n, id, null);
      }
    }
    if (membership?.responded) {
      if (membership.contactId) this.campaignContacts.add(membership.campaignId, this.contactNumber(membership.contactId));
      if (membership.leadId) {
        const n = this.leadNumber(membership.leadId);
        this.campaignLeads.add(membership.campaignId, n);
        if (membership.respondedDay !== null) this.lActivity.set(n, id, membership.respondedDay);
      }
    }
    if (membership) this.memberships.set(id, membership);
    else this.memberships.delete(id);
    if (before || membership) this.versionNumber++;
  }

  total(target: SegmentTarget): number {
    return this.table(target).liveCount;
  }

  /** How many live records of the target the segment selects, and how many there are. */
  count(definition: SegmentDefinition, today: number): SegmentIndexCounts {
    return { count: popcount(this.evaluate(definition, today)), total: this.total(definition.target) };
  }

  /** Ids of the selected records, in numbering order; `limit` stops early (previews). */
  ids(definition: SegmentDefinition, today: number, limit = Infinity): string[] {
    const ids: string[] = [];
    const table = this.table(definition.target);
    forEachBit(this.evaluate(definition, today), (i) => {
      if (ids.length >= limit) return false;
      ids.push(table.ids[i]!);
    });
    return ids;
  }

  /** The selected records as a bitset over the target's numbering. */
  evaluate(definition: SegmentDefinition, today: number): Bitset {
    const table = this.table(definition.target);
    const q = new Query(this, definition.target, today, table.aliveBits(), this.accounts.aliveBits());
    return q.group(definition.root);
  }

  private table(target: SegmentTarget): Table {
    return target === 'accounts' ? this.accounts : target === 'contacts' ? this.contacts : this.leads;
  }

  /** Bands of every account by the rules on CLV_BANDS, recomputed once after a change. */
  clvBands(): number[] {
    if (!this.clvBandsStale) return this.aClvBand;
    const n = this.accounts.size;
    const byCurrency = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      if (this.accounts.alive[i] !== 1 || Number.isNaN(this.aClv[i]!)) continue;
      let list = byCurrency.get(this.aCurrency[i]!);
      if (!list) byCurrency.set(this.aCurrency[i]!, (list = []));
      list.push(this.aClv[i]!);
    }
    for (const list of byCurrency.values()) list.sort((a, b) => a - b);
    const bands = new Array<number>(n).fill(CLV_NONE);
    for (let i = 0; i < n; i++) {
      const clv = this.aClv[i]!;
      if (this.accounts.alive[i] !== 1 || Number.isNaN(clv)) continue;
      const peers = byCurrency.get(this.aCurrency[i]!)!;
      const size = peers.length;
      const below = lowerBound(peers, clv);
      const above = size - upperBound(peers, clv);
      bands[i] =
        above < 0.1 * size
          ? CLV.get('top_10')!
          : above < 0.25 * size
            ? CLV.get('top_25')!
            : below < 0.25 * size
              ? CLV.get('bottom_25')!
              : CLV.get('middle')!;
    }
    this.aClvBand = bands;
    this.clvBandsStale = false;
    return bands;
  }

  /** Columns for the query compiler below (read only). */
  get internals() {
    return {
      accounts: this.accounts,
      contacts: this.contacts,
      leads: this.leads,
      industries: this.industries,
      countries: this.countries,
      currencies: this.currencies,
      languages: this.languages,
      aStatus: this.aStatus,
      aIndustry: this.aIndustry,
      aRegion: this.aRegion,
      aTier: this.aTier,
      aCountry: this.aCountry,
      aSize: this.aSize,
      aRevenue: this.aRevenue,
      aCurrency: this.aCurrency,
      aRfm: this.aRfm,
      aChurn: this.aChurn,
      aActivity: this.aActivity,
      cAccount: this.cAccount,
      cCountry: this.cCountry,
      cLanguage: this.cLanguage,
      cActivity: this.cActivity,
      lCountry: this.lCountry,
      lStatus: this.lStatus,
      lActivity: this.lActivity,
      productAccounts: this.productAccounts,
      campaignContacts: this.campaignContacts,
      campaignLeads: this.campaignLeads,
    };
  }
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NEGATIVE_OPS: ReadonlySet<string> = new Set(['not_in', 'not_within_days', 'none_of', 'not_responded_to']);

/** Conditions a contact reads from its account (the rest read the contact itself). */
const ACCOUNT_FIELDS_OF_CONTACT: ReadonlySet<SegmentCondition['field']> = new Set([
  'industry',
  'region',
  'tier',
  'status',
  'size',
  'annualRevenue',
  'rfmSegment',
  'clvBand',
  'churnRisk',
  'productsBought',
]);

/** Match table over fixed codes. */
const fixedMatch = (codes: ReadonlyMap<string, number>, values: ReadonlyArray<string>): Uint8Array => {
  const table = new Uint8Array(codes.size + 1);
  for (const v of values) {
    const c = codes.get(v);
    if (c !== undefined) table[c] = 1;
  }
  return table;
};

/** Bits where the column's code is matched (a missing value, NONE, never is). */
function scan(col: ReadonlyArray<number>, match: Uint8Array, size: number): Bitset {
  const bits = emptyBitset(size);
  for (let i = 0; i < size; i++) {
    const c = col[i]!;
    if (c >= 0 && match[c] === 1) bits[i >>> 5]! |= 1 << (i & 31);
  }
  return bits;
}

/** One evaluation of one definition: conditions compiled to bitsets over the target's numbering. */
class Query {
  private readonly x: SegmentIndex['internals'];
  private readonly size: number;
  constructor(
    index: SegmentIndex,
    private readonly target: SegmentTarget,
    private readonly today: number,
    private readonly universe: Bitset,
    private readonly accountsAlive: Bitset,
  ) {
    this.x = index.internals;
    this.size = target === 'accounts' ? this.x.accounts.size : target === 'contacts' ? this.x.contacts.size : this.x.leads.size;
    this.clvBands = () => index.clvBands();
  }
  private readonly clvBands: () => number[];

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
    if (this.target === 'contacts' && ACCOUNT_FIELDS_OF_CONTACT.has(condition.field)) {
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
      case 'industry': {
        const wanted = new Set(c.values);
        return scan(
          x.aIndustry,
          x.industries.matches((v) => wanted.has(v)),
          size,
        );
      }
      case 'region':
        return scan(x.aRegion, fixedMatch(REGION, c.values), size);
      case 'tier':
        return scan(x.aTier, fixedMatch(TIER, c.values), size);
      case 'status':
        return scan(x.aStatus, fixedMatch(STATUS, c.values), size);
      case 'country': {
        const wanted = new Set(c.values);
        return scan(
          x.aCountry,
          x.countries.matches((v) => wanted.has(v)),
          size,
        );
      }
      case 'size':
        return scan(x.aSize, fixedMatch(SIZE, c.values), size);
      case 'rfmSegment':
        return scan(x.aRfm, fixedMatch(RFM, c.values), size);
      case 'churnRisk':
        return scan(x.aChurn, fixedMatch(CHURN, c.values), size);
      case 'clvBand':
        return scan(this.clvBands(), fixedMatch(CLV, c.values), size);
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
        const wanted = new Set(c.values);
        const match = x.countries.matches((v) => wanted.has(v));
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
      case 'country': {
        const wanted = new Set(c.values);
        return scan(
          x.lCountry,
          x.countries.matches((v) => wanted.has(v)),
          size,
        );
      }
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

/** The whole-days number of a YYYY-MM-DD day (UTC), as the index counts days. */
export const dayNumberOf = (isoDay: string): number => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
/** The day number of an instant (UTC day). */
export const dayNumberOfEpoch = (ms: number): number => Math.floor(ms / 86_400_000);
