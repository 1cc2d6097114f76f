import fc from 'fast-check';
import { RFM_SEGMENTS, CHURN_BANDS } from '../../../../shared/contract/insight/insight-requests';
import {
  CHURN_RISK_VALUES,
  CLV_BANDS,
  EMPLOYEE_BANDS,
  fieldAppliesTo,
  SEGMENT_FIELDS,
  type SegmentCondition,
  type SegmentDefinition,
  type SegmentGroup,
  type SegmentItem,
  type SegmentTarget,
} from '../../../../shared/marketing/segment-conditions';
import type { SegmentAccountFacts, SegmentFacts, SegmentRecordFacts } from '../../../../shared/marketing/segment-evaluate';
import { ACCOUNT_REGIONS, ACCOUNT_STATUSES, ACCOUNT_TIERS } from '../../../../shared/schemas/accounts';
import { LEAD_STATUSES } from '../../../../shared/schemas/leads';
import {
  SegmentIndex,
  type IndexedAccount,
  type IndexedActivity,
  type IndexedContact,
  type IndexedInsight,
  type IndexedLead,
  type IndexedMembership,
  type IndexedPurchase,
} from './segment-index';

/** Raw records as the engine feeds them to the index, with the ids of the ones deleted afterwards. */
export type SegmentWorld = {
  readonly accounts: ReadonlyArray<IndexedAccount>;
  readonly insights: ReadonlyArray<readonly [string, IndexedInsight]>;
  readonly contacts: ReadonlyArray<IndexedContact>;
  readonly leads: ReadonlyArray<IndexedLead>;
  readonly activities: ReadonlyArray<readonly [string, IndexedActivity]>;
  readonly purchases: ReadonlyArray<readonly [string, IndexedPurchase]>;
  readonly memberships: ReadonlyArray<readonly [string, IndexedMembership]>;
  /** Ids of accounts, contacts, activities and memberships removed after everything was added. */
  readonly deleted: ReadonlyArray<string>;
};

export const INDUSTRIES = ['Retail', 'Healthcare', 'Energy'] as const;
export const COUNTRIES = ['Germany', 'China', 'France'] as const;
export const LANGUAGES = ['en', 'en-US', 'zh-CN', 'zh', 'de'] as const;
export const PRODUCTS = ['p0', 'p1', 'p2', 'p3'] as const;
export const CAMPAIGNS = ['c0', 'c1', 'c2'] as const;
export const CURRENCIES = ['EUR', 'USD'] as const;
export const TODAY_DAY = 20_000;

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 3 });

export const worldArb: fc.Arbitrary<SegmentWorld> = fc
  .record({
    accountCount: fc.integer({ min: 0, max: 14 }),
    contactCount: fc.integer({ min: 0, max: 20 }),
    leadCount: fc.integer({ min: 0, max: 8 }),
  })
  .chain(({ accountCount, contactCount, leadCount }) => {
    const accountIds = Array.from({ length: accountCount }, (_, i) => `a${i}`);
    const contactIds = Array.from({ length: contactCount }, (_, i) => `c${i}`);
    const leadIds = Array.from({ length: leadCount }, (_, i) => `l${i}`);
    // Contacts may point at an account that does not exist ("ax").
    const accountRef = fc.constantFrom(...accountIds, 'ax');
    const day = fc.integer({ min: TODAY_DAY - 60, max: TODAY_DAY });
    return fc.record({
      accounts: fc.tuple(
        ...accountIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            status: fc.constantFrom(...ACCOUNT_STATUSES),
            industry: maybe(fc.constantFrom(...INDUSTRIES)),
            region: fc.constantFrom(...ACCOUNT_REGIONS),
            tier: fc.constantFrom(...ACCOUNT_TIERS),
            country: maybe(fc.constantFrom(...COUNTRIES)),
            employees: maybe(fc.constantFrom(0, 49, 50, 249, 250, 999, 1000, 5000)),
            annualRevenue: maybe(fc.integer({ min: 0, max: 1000 })),
            currency: fc.constantFrom(...CURRENCIES),
          }),
        ),
      ),
      insights: fc.tuple(
        ...accountIds.map((id) =>
          fc.tuple(
            fc.constant(id),
            fc.record({
              rfmSegment: maybe(fc.constantFrom(...RFM_SEGMENTS)),
              clv12m: maybe(fc.integer({ min: 0, max: 6 })),
              churn: maybe(fc.record({ band: fc.constantFrom(...CHURN_BANDS), lapsed: fc.boolean() })),
            }),
          ),
        ),
      ),
      contacts: fc.tuple(
        ...contactIds.map((id) =>
          fc.record({
            id: fc.constant(id),
            accountId: accountRef,
            country: maybe(fc.constantFrom(...COUNTRIES)),
            language: maybe(fc.constantFrom(...LANGUAGES)),
          }),
        ),
      ),
      leads: fc.tuple(
        ...leadIds.map((id) =>
          fc.record({ id: fc.constant(id), country: maybe(fc.constantFrom(...COUNTRIES)), status: fc.constantFrom(...LEAD_STATUSES) }),
        ),
      ),
      activities: fc.array(
        fc.record({
          accountId: accountIds.length > 0 ? maybe(fc.constantFrom(...accountIds)) : fc.constant(null),
          contactId: contactIds.length > 0 ? maybe(fc.constantFrom(...contactIds)) : fc.constant(null),
          day,
        }),
        { maxLength: 12 },
      ),
      purchases: (accountIds.length
        ? fc.array(
            fc.record({
              accountId: fc.constantFrom(...accountIds),
              productIds: fc.array(fc.constantFrom(...PRODUCTS), { minLength: 1, maxLength: 3 }),
            }),
            { maxLength: 10 },
          )
        : fc.constant([])) as fc.Arbitrary<IndexedPurchase[]>,
      memberships: fc.array(
        fc.record({
          campaignId: fc.constantFrom(...CAMPAIGNS),
          person: fc.constantFrom(...contactIds.map((id) => ['contact', id] as const), ...leadIds.map((id) => ['lead', id] as const), [
            'lead',
            'lx',
          ] as const),
          responded: fc.boolean(),
          respondedDay: maybe(day),
        }),
        { maxLength: 12 },
      ),
      deleted: fc.subarray([...accountIds, ...contactIds, 'act0', 'act1', 'mem0', 'mem1', 'pur0']),
    });
  })
  .map((w) => ({
    accounts: w.accounts,
    insights: w.insights,
    contacts: w.contacts.map((c) => ({ ...c })),
    leads: w.leads,
    activities: w.activities.map((a, i) => [`act${i}`, a] as const),
    purchases: w.purchases.map((p, i) => [`pur${i}`, p] as const),
    memberships: w.memberships.map(
      (m, i) =>
        [
          `mem${i}`,
          {
            campaignId: m.campaignId,
            contactId: m.person[0] === 'contact' ? m.person[1] : null,
            leadId: m.person[0] === 'lead' ? m.person[1] : null,
            responded: m.responded,
            respondedDay: m.respondedDay,
          },
        ] as const,
    ),
    deleted: w.deleted,
  }));

/** The index with the world's records added, then the deleted ones removed. */
export function indexOf(world: SegmentWorld): SegmentIndex {
  const index = new SegmentIndex();
  // Children before parents in part, so numbering allocated by reference is exercised.
  for (const [id, a] of world.activities) index.setActivity(id, a);
  for (const c of world.contacts) index.setContact(c.id, c);
  for (const a of world.accounts) index.setAccount(a.id, a);
  for (const l of world.leads) index.setLead(l.id, l);
  for (const [id, p] of world.purchases) index.setPurchase(id, p);
  for (const [id, m] of world.memberships) index.setMembership(id, m);
  index.setInsights(new Map(world.insights));
  for (const id of world.deleted) {
    if (id.startsWith('a') && !id.startsWith('act')) index.setAccount(id, null);
    else if (id.startsWith('c')) index.setContact(id, null);
    else if (id.startsWith('act')) index.setActivity(id, null);
    else if (id.startsWith('mem')) index.setMembership(id, null);
    else if (id.startsWith('pur')) index.setPurchase(id, null);
  }
  return index;
}

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const latest = (days: ReadonlyArray<number>): string | null => (days.length === 0 ? null : isoDay(Math.max(...days)));

/** The same world as the reference evaluator's facts, worked out record by record. */
export function factsOf(world: SegmentWorld, target: SegmentTarget): SegmentFacts {
  const gone = new Set(world.deleted);
  const insights = new Map(world.insights);
  const activities = world.activities.filter(([id]) => !gone.has(id)).map(([, a]) => a);
  const purchases = world.purchases.filter(([id]) => !gone.has(id)).map(([, p]) => p);
  const memberships = world.memberships.filter(([id]) => !gone.has(id)).map(([, m]) => m);
  const contacts = world.contacts.filter((c) => !gone.has(c.id));
  const accounts: SegmentAccountFacts[] = world.accounts
    .filter((a) => !gone.has(a.id))
    .map((a) => {
      const insight = insights.get(a.id);
      return {
        ...a,
        rfmSegment: insight?.rfmSegment ?? null,
        clv12m: insight?.clv12m ?? null,
        churn: insight?.churn ?? null,
        productIds: [...new Set(purchases.filter((p) => p.accountId === a.id).flatMap((p) => p.productIds))],
      };
    });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const responded = (match: (m: IndexedMembership) => boolean): string[] => [
    ...new Set(memberships.filter((m) => m.responded && match(m)).map((m) => m.campaignId)),
  ];
  const none = { country: null, language: null, leadStatus: null };
  let records: SegmentRecordFacts[];
  if (target === 'accounts')
    records = accounts.map((a) => ({
      id: a.id,
      own: none,
      account: a,
      lastActivityDay: latest(activities.filter((x) => x.accountId === a.id).map((x) => x.day)),
      respondedCampaignIds: responded((m) => contacts.some((c) => c.id === m.contactId && c.accountId === a.id)),
    }));
  else if (target === 'contacts')
    records = contacts.map((c) => ({
      id: c.id,
      own: { country: c.country, language: c.language, leadStatus: null },
      account: (c.accountId !== null && byId.get(c.accountId)) || null,
      lastActivityDay: latest(activities.filter((x) => x.contactId === c.id).map((x) => x.day)),
      respondedCampaignIds: responded((m) => m.contactId === c.id),
    }));
  else
    records = world.leads.map((l) => ({
      id: l.id,
      own: { country: l.country, language: null, leadStatus: l.status },
      account: null,
      lastActivityDay: latest(
        memberships.filter((m) => m.leadId === l.id && m.responded && m.respondedDay !== null).map((m) => m.respondedDay!),
      ),
      respondedCampaignIds: responded((m) => m.leadId === l.id),
    }));
  return { today: isoDay(TODAY_DAY), records, accounts };
}

const values = <T extends string>(pool: ReadonlyArray<T>): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: Math.min(3, pool.length) });

const conditionArb = (field: (typeof SEGMENT_FIELDS)[number], target: SegmentTarget): fc.Arbitrary<SegmentCondition> => {
  const inOp = fc.constantFrom('in' as const, 'not_in' as const);
  switch (field) {
    case 'industry':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(INDUSTRIES) });
    case 'region':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(ACCOUNT_REGIONS) });
    case 'tier':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(ACCOUNT_TIERS) });
    case 'country':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(COUNTRIES) });
    case 'language':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(['en', 'zh', 'zh-CN', 'de', 'fr']) });
    case 'status':
      return fc.record({ field: fc.constant(field), op: inOp, values: values(target === 'leads' ? LEAD_STATUSES : ACCOUNT_STATUSES) });
    case 'size':
      return fc.record({ field: fc.constant(field), op: fc.constant('in' as const), values: values(EMPLOYEE_BANDS) });
    case 'annualRevenue':
      return fc
        .record({
          min: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
          span: fc.integer({ min: 0, max: 600 }),
          hasMax: fc.boolean(),
          currency: fc.constantFrom(...CURRENCIES),
        })
        .map(({ min, span, hasMax, currency }) => ({
          field: 'annualRevenue' as const,
          op: 'between' as const,
          currency,
          ...(min === undefined ? {} : { min }),
          ...(hasMax || min === undefined ? { max: (min ?? 0) + span } : {}),
        }));
    case 'rfmSegment':
      return fc.record({ field: fc.constant(field), op: fc.constant('in' as const), values: values(RFM_SEGMENTS) });
    case 'clvBand':
      return fc.record({ field: fc.constant(field), op: fc.constant('in' as const), values: values(CLV_BANDS) });
    case 'churnRisk':
      return fc.record({ field: fc.constant(field), op: fc.constant('in' as const), values: values(CHURN_RISK_VALUES) });
    case 'lastActivity':
      return fc.record({
        field: fc.constant(field),
        op: fc.constantFrom('within_days' as const, 'not_within_days' as const),
        days: fc.integer({ min: 0, max: 70 }),
      });
    case 'productsBought':
      return fc.record({
        field: fc.constant(field),
        op: fc.constantFrom('any_of' as const, 'none_of' as const),
        productIds: values(PRODUCTS),
      });
    case 'campaignResponse':
      return fc.record({
        field: fc.constant(field),
        op: fc.constantFrom('responded_to' as const, 'not_responded_to' as const),
        campaignIds: values(CAMPAIGNS),
      });
  }
};

const groupArb = (target: SegmentTarget, depth: number): fc.Arbitrary<SegmentGroup> => {
  const fields = SEGMENT_FIELDS.filter((f) => fieldAppliesTo(f, target));
  const condition = fc.constantFrom(...fields).chain((f) => conditionArb(f, target));
  const item: fc.Arbitrary<SegmentItem> =
    depth >= 3 ? condition : fc.oneof({ weight: 3, arbitrary: condition }, { weight: 1, arbitrary: groupArb(target, depth + 1) });
  return fc.record({ op: fc.constantFrom('and' as const, 'or' as const), items: fc.array(item, { maxLength: 4 }) });
};

export const definitionArb: fc.Arbitrary<SegmentDefinition> = fc
  .constantFrom(...(['accounts', 'contacts', 'leads'] as const))
  .chain((target) => groupArb(target, 1).map((root) => ({ target, root })));
