import type { ACCOUNT_REGIONS, ACCOUNT_STATUSES, AccountTier } from '../schemas/accounts';
import type { LEAD_STATUSES } from '../schemas/leads';
import type { ChurnBand, RfmSegment } from '../contract/insight/insight-requests';
import {
  employeeBandOf,
  isSegmentGroup,
  type ClvBand,
  type ChurnRiskValue,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentGroup,
  type SegmentTarget,
} from './segment-conditions';

/**
 * The brute-force reference for segments: every condition checked on every record, straight from the
 * rules in segment-conditions.ts. The indexed implementation is tested against this one, so it is
 * written to be read, not to be fast.
 */

/** An account as segment conditions see it: its own fields and its customer-insight figures. */
export type SegmentAccountFacts = {
  readonly id: string;
  readonly status: (typeof ACCOUNT_STATUSES)[number];
  readonly industry: string | null;
  readonly region: (typeof ACCOUNT_REGIONS)[number];
  readonly tier: AccountTier;
  readonly country: string | null;
  readonly employees: number | null;
  /** Minor units of `currency`. */
  readonly annualRevenue: number | null;
  readonly currency: string;
  readonly rfmSegment: RfmSegment | null;
  /** AccountClv.clv12m in minor units of `currency`; null without a CLV figure. */
  readonly clv12m: number | null;
  /** AccountChurn.band and .lapsed; null when the churn model gave no figure. */
  readonly churn: { readonly band: ChurnBand; readonly lapsed: boolean } | null;
  /** Products on the account's purchases (confirmed or fulfilled orders). */
  readonly productIds: ReadonlyArray<string>;
};

/** One account, contact or lead. */
export type SegmentRecordFacts = {
  readonly id: string;
  /** The record's own fields: a contact's country and preferred language, a lead's country and status; all null for accounts. */
  readonly own: {
    readonly country: string | null;
    readonly language: string | null;
    readonly leadStatus: (typeof LEAD_STATUSES)[number] | null;
  };
  /** Accounts: the account itself; contacts: the contact's account (null if it is missing); leads: null. */
  readonly account: SegmentAccountFacts | null;
  /** Calendar day (YYYY-MM-DD) of the latest activity on the record's own timeline; null without any. */
  readonly lastActivityDay: string | null;
  /**
   * Campaigns in which a membership of this record reached "responded" or beyond (responded, attended,
   * converted). For an account: memberships of any of its contacts.
   */
  readonly respondedCampaignIds: ReadonlyArray<string>;
};

export type SegmentFacts = {
  /** The day "within n days" counts back from (YYYY-MM-DD, the user's calendar day). */
  readonly today: string;
  readonly records: ReadonlyArray<SegmentRecordFacts>;
  /** Every account (not only the records' own), since CLV bands are percentiles over all accounts of a currency. */
  readonly accounts: ReadonlyArray<SegmentAccountFacts>;
};

/**
 * CLV band of every account, by the rules documented on CLV_BANDS: percentile of clv12m among the
 * accounts of the same currency that have a CLV figure.
 */
export function clvBandsOf(accounts: ReadonlyArray<SegmentAccountFacts>): Map<string, ClvBand> {
  const bands = new Map<string, ClvBand>();
  for (const account of accounts) {
    const clv = account.clv12m;
    if (clv === null) {
      bands.set(account.id, 'none');
      continue;
    }
    const peers = accounts.filter((a) => a.currency === account.currency && a.clv12m !== null).map((a) => a.clv12m!);
    const n = peers.length;
    const above = peers.filter((c) => c > clv).length;
    const below = peers.filter((c) => c < clv).length;
    if (above < 0.1 * n) bands.set(account.id, 'top_10');
    else if (above < 0.25 * n) bands.set(account.id, 'top_25');
    else if (below < 0.25 * n) bands.set(account.id, 'bottom_25');
    else bands.set(account.id, 'middle');
  }
  return bands;
}

/** Whole days from `fromDay` to `toDay` (both YYYY-MM-DD), read as UTC dates so no time zone shifts them. */
export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000);
}

/** A language condition value matches the tag itself and its regional forms: "zh" matches "zh-CN". */
export function languageMatches(wanted: string, tag: string): boolean {
  const w = wanted.toLowerCase();
  const t = tag.toLowerCase();
  return t === w || t.startsWith(`${w}-`);
}

const churnValueOf = (account: SegmentAccountFacts | null): ChurnRiskValue | null => {
  if (account === null || account.churn === null) return null;
  return account.churn.lapsed ? 'lapsed' : account.churn.band;
};

const isIn = (value: string | null, values: ReadonlyArray<string>): boolean => value !== null && values.includes(value);
const anyShared = (have: ReadonlyArray<string>, wanted: ReadonlyArray<string>): boolean => wanted.some((id) => have.includes(id));

type Context = { readonly target: SegmentTarget; readonly today: string; readonly clvBands: ReadonlyMap<string, ClvBand> };

/** Whether the positive form of the condition holds; negative operators are its complement. */
function positiveHolds(condition: SegmentCondition, record: SegmentRecordFacts, ctx: Context): boolean {
  const account = record.account;
  switch (condition.field) {
    case 'industry':
      return isIn(account?.industry ?? null, condition.values);
    case 'region':
      return isIn(account?.region ?? null, condition.values);
    case 'tier':
      return isIn(account?.tier ?? null, condition.values);
    case 'status':
      return isIn(ctx.target === 'leads' ? record.own.leadStatus : (account?.status ?? null), condition.values);
    case 'country': {
      const country =
        ctx.target === 'accounts'
          ? (account?.country ?? null)
          : ctx.target === 'leads'
            ? record.own.country
            : (record.own.country ?? account?.country ?? null);
      return isIn(country, condition.values);
    }
    case 'language': {
      const tag = record.own.language;
      return tag !== null && condition.values.some((wanted) => languageMatches(wanted, tag));
    }
    case 'size':
      return isIn(employeeBandOf(account?.employees), condition.values);
    case 'annualRevenue': {
      const revenue = account?.annualRevenue ?? null;
      if (account === null || revenue === null || account.currency !== condition.currency) return false;
      return (condition.min === undefined || revenue >= condition.min) && (condition.max === undefined || revenue <= condition.max);
    }
    case 'rfmSegment':
      return isIn(account?.rfmSegment ?? null, condition.values);
    case 'clvBand': {
      const band = account === null ? 'none' : ctx.clvBands.get(account.id);
      if (band === undefined) throw new Error(`account ${account!.id} of record ${record.id} is not in facts.accounts`);
      return condition.values.includes(band);
    }
    case 'churnRisk':
      return isIn(churnValueOf(account), condition.values);
    case 'lastActivity':
      return record.lastActivityDay !== null && daysBetween(record.lastActivityDay, ctx.today) <= condition.days;
    case 'productsBought':
      return account !== null && anyShared(account.productIds, condition.productIds);
    case 'campaignResponse':
      return anyShared(record.respondedCampaignIds, condition.campaignIds);
  }
}

const NEGATIVE_OPS: ReadonlySet<string> = new Set(['not_in', 'not_within_days', 'none_of', 'not_responded_to']);

/** Whether one condition holds for one record. */
function conditionHolds(condition: SegmentCondition, record: SegmentRecordFacts, ctx: Context): boolean {
  const positive = positiveHolds(condition, record, ctx);
  return NEGATIVE_OPS.has(condition.op) ? !positive : positive;
}

/** An empty `and` holds for every record, an empty `or` for none. */
function groupHolds(group: SegmentGroup, record: SegmentRecordFacts, ctx: Context): boolean {
  const holds = (item: SegmentGroup['items'][number]): boolean =>
    isSegmentGroup(item) ? groupHolds(item, record, ctx) : conditionHolds(item, record, ctx);
  return group.op === 'and' ? group.items.every(holds) : group.items.some(holds);
}

/** Ids of the records the segment selects, in the order of `facts.records`. */
export function evaluateSegment(definition: SegmentDefinition, facts: SegmentFacts): string[] {
  const ctx: Context = { target: definition.target, today: facts.today, clvBands: clvBandsOf(facts.accounts) };
  return facts.records.filter((record) => groupHolds(definition.root, record, ctx)).map((record) => record.id);
}
