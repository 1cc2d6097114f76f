import { employeeBandOf, type SegmentDefinition, type SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import type { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import type { LEAD_STATUSES } from '../../../../shared/schemas/leads';
import type { ChurnBand, RfmSegment } from '../../../../shared/contract/insight/insight-requests';
import { forEachBit, popcount, type Bitset } from './bitset';
import { NONE } from './dictionary';
import { CHURN, LEAD_STATUS, REGION, RFM, SIZE, STATUS, TIER } from './fixed-codes';
import { SegmentColumns } from './segment-columns';
import { SegmentQuery } from './segment-query';

/**
 * The segment index: every account, contact and lead numbered densely and reduced to small integer
 * columns (dictionary codes for labels, day numbers for activity), plus inverted sets for products
 * bought and campaign responses (segment-columns.ts). A condition is a scan of one integer column into
 * a bitset; groups are word-wise AND/OR; a count is a popcount (segment-query.ts). No document is read
 * at count time.
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

export type SegmentIndexCounts = { readonly count: number; readonly total: number };

export class SegmentIndex {
  private readonly x = new SegmentColumns();
  // The records behind the derived columns, so that a change or removal can take back what they added.
  private readonly purchases = new Map<string, IndexedPurchase>();
  private readonly activities = new Map<string, IndexedActivity>();
  private readonly memberships = new Map<string, IndexedMembership>();
  private versionNumber = 0;

  /** Bumped by every change: answers cached at another version are stale. */
  get version(): number {
    return this.versionNumber;
  }

  setAccount(id: string, account: IndexedAccount | null): void {
    const x = this.x;
    const n = x.accountNumber(id);
    this.versionNumber++;
    x.invalidateClvBands();
    if (account === null) {
      x.accounts.setAlive(n, false);
      return;
    }
    x.aStatus[n] = STATUS.get(account.status) ?? NONE;
    x.aIndustry[n] = x.industries.code(account.industry);
    x.aRegion[n] = REGION.get(account.region) ?? NONE;
    x.aTier[n] = TIER.get(account.tier) ?? NONE;
    x.aCountry[n] = x.countries.code(account.country);
    const band = employeeBandOf(account.employees);
    x.aSize[n] = band === null ? NONE : SIZE.get(band)!;
    x.aRevenue[n] = account.annualRevenue ?? NaN;
    x.aCurrency[n] = x.currencies.code(account.currency);
    x.accounts.setAlive(n, true);
  }

  setContact(id: string, contact: IndexedContact | null): void {
    const x = this.x;
    const n = x.contactNumber(id);
    this.versionNumber++;
    if (contact === null) {
      x.contacts.setAlive(n, false);
      return;
    }
    x.cAccount[n] = contact.accountId === null ? NONE : x.accountNumber(contact.accountId);
    x.cCountry[n] = x.countries.code(contact.country);
    x.cLanguage[n] = x.languages.code(contact.language === null ? null : contact.language.toLowerCase());
    x.contacts.setAlive(n, true);
  }

  setLead(id: string, lead: IndexedLead | null): void {
    const x = this.x;
    const n = x.leadNumber(id);
    this.versionNumber++;
    if (lead === null) {
      x.leads.setAlive(n, false);
      return;
    }
    x.lCountry[n] = x.countries.code(lead.country);
    x.lStatus[n] = LEAD_STATUS.get(lead.status) ?? NONE;
    x.leads.setAlive(n, true);
  }

  /** Replaces every account's customer-insight figures (one finished run replaces them all). */
  setInsights(insights: ReadonlyMap<string, IndexedInsight>): void {
    const x = this.x;
    this.versionNumber++;
    x.invalidateClvBands();
    x.aRfm.fill(NONE);
    x.aChurn.fill(NONE);
    x.aClv.fill(NaN);
    for (const [id, insight] of insights) {
      const n = x.accountNumber(id);
      x.aRfm[n] = insight.rfmSegment === null ? NONE : RFM.get(insight.rfmSegment)!;
      x.aChurn[n] = insight.churn === null ? NONE : CHURN.get(insight.churn.lapsed ? 'lapsed' : insight.churn.band)!;
      x.aClv[n] = insight.clv12m ?? NaN;
    }
  }

  setPurchase(id: string, purchase: IndexedPurchase | null): void {
    const x = this.x;
    const before = this.purchases.get(id);
    if (before) for (const p of new Set(before.productIds)) x.productAccounts.remove(p, x.accountNumber(before.accountId));
    if (purchase) {
      for (const p of new Set(purchase.productIds)) x.productAccounts.add(p, x.accountNumber(purchase.accountId));
      this.purchases.set(id, purchase);
    } else this.purchases.delete(id);
    if (before || purchase) this.versionNumber++;
  }

  setActivity(id: string, activity: IndexedActivity | null): void {
    const x = this.x;
    const before = this.activities.get(id);
    if (before?.accountId) x.aActivity.set(x.accountNumber(before.accountId), id, null);
    if (before?.contactId) x.cActivity.set(x.contactNumber(before.contactId), id, null);
    if (activity) {
      if (activity.accountId) x.aActivity.set(x.accountNumber(activity.accountId), id, activity.day);
      if (activity.contactId) x.cActivity.set(x.contactNumber(activity.contactId), id, activity.day);
      this.activities.set(id, activity);
    } else this.activities.delete(id);
    if (before || activity) this.versionNumber++;
  }

  setMembership(id: string, membership: IndexedMembership | null): void {
    const x = this.x;
    const before = this.memberships.get(id);
    if (before?.responded) {
      if (before.contactId) x.campaignContacts.remove(before.campaignId, x.contactNumber(before.contactId));
      if (before.leadId) {
        const n = x.leadNumber(before.leadId);
        x.campaignLeads.remove(before.campaignId, n);
        x.lActivity.set(n, id, null);
      }
    }
    if (membership?.responded) {
      if (membership.contactId) x.campaignContacts.add(membership.campaignId, x.contactNumber(membership.contactId));
      if (membership.leadId) {
        const n = x.leadNumber(membership.leadId);
        x.campaignLeads.add(membership.campaignId, n);
        if (membership.respondedDay !== null) x.lActivity.set(n, id, membership.respondedDay);
      }
    }
    if (membership) this.memberships.set(id, membership);
    else this.memberships.delete(id);
    if (before || membership) this.versionNumber++;
  }

  total(target: SegmentTarget): number {
    return this.x.table(target).liveCount;
  }

  /** How many live records of the target the segment selects, and how many there are. */
  count(definition: SegmentDefinition, today: number): SegmentIndexCounts {
    return { count: popcount(this.evaluate(definition, today)), total: this.total(definition.target) };
  }

  /** Ids of the selected records, in numbering order; `limit` stops early (previews). */
  ids(definition: SegmentDefinition, today: number, limit = Infinity): string[] {
    const ids: string[] = [];
    const table = this.x.table(definition.target);
    forEachBit(this.evaluate(definition, today), (i) => {
      if (ids.length >= limit) return false;
      ids.push(table.ids[i]!);
    });
    return ids;
  }

  /** The selected records as a bitset over the target's numbering. */
  evaluate(definition: SegmentDefinition, today: number): Bitset {
    const x = this.x;
    const q = new SegmentQuery(x, definition.target, today, x.table(definition.target).aliveBits(), x.accounts.aliveBits());
    return q.group(definition.root);
  }
}

/** The whole-days number of a YYYY-MM-DD day (UTC), as the index counts days. */
export const dayNumberOf = (isoDay: string): number => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
/** The day number of an instant (UTC day). */
export const dayNumberOfEpoch = (ms: number): number => Math.floor(ms / 86_400_000);
