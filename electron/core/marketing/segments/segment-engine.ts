import { Subject, type Observable, type Subscription } from 'rxjs';
import type { AccountInsight } from '../../../../shared/contract/insight/insight-requests';
import type { SegmentDefinition, SegmentTarget } from '../../../../shared/marketing/segment-conditions';
import type { Account, Activity, CampaignMember, Contact, Lead, MarketingDoc, SalesDoc } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { forEachDocument } from '../../db/for-each-document';
import { foregroundLoad } from '../../db/work-lanes';
import {
  dayNumberOfEpoch,
  SegmentIndex,
  type IndexedAccount,
  type IndexedActivity,
  type IndexedContact,
  type IndexedInsight,
  type IndexedLead,
  type IndexedMembership,
  type IndexedPurchase,
} from './segment-index';
import { domainChanges } from '../../db/domain-changes';

/** A segment's size now: how many records it selects out of how many of its target there are. */
export type SegmentCount = {
  readonly count: number;
  readonly total: number;
  /** When the answer was computed (epoch ms). */
  readonly computedAt: number;
};

/**
 * Segments answered from memory: the core's one segment index, loaded from the store in pages after
 * start and kept current from the change streams (local writes and sync pulls alike) and the
 * customer-insight runs. Campaigns (members from a segment), the marketing dashboard (segment sizes),
 * the customer lists (segment filter) and the segment screens all read it.
 */
export type SegmentEngine = {
  /** Resolves once every record is loaded; answers wait for it. */
  ready(): Promise<void>;
  /** Starts the load without waiting for it (start-up warm-up). */
  warm(): void;
  count(definition: SegmentDefinition): Promise<SegmentCount>;
  /** Ids of the selected accounts, contacts or leads (the definition's target), at most `limit`. */
  ids(definition: SegmentDefinition, limit?: number): Promise<string[]>;
  /** Whether an id of the target is selected, for filtering lists (one evaluation per call). */
  membership(definition: SegmentDefinition): Promise<(id: string) => boolean>;
  total(target: SegmentTarget): Promise<number>;
  /** Bumped by every change the index took in. */
  version(): number;
  /** Fires after changes were applied (debounced by the caller if needed). */
  readonly changed$: Observable<void>;
  close(): void;
};

/** What the engine needs of customer insight: the last run's figures per account. */
export type SegmentInsightSource = {
  readonly current: () => ReadonlyMap<string, Pick<AccountInsight, 'clv' | 'churn' | 'rfm'>> | null;
  readonly changed$: Observable<unknown>;
};

export type SegmentEngineDeps = {
  readonly db: CrmDatabase;
  readonly insight?: SegmentInsightSource;
  readonly now?: () => number;
  readonly log?: (message: string, error: unknown) => void;
};

/** A membership at or beyond this stage is a response. */
const RESPONDED_STATUSES: ReadonlySet<string> = new Set(['responded', 'attended', 'converted']);
const PURCHASE_STATUSES: ReadonlySet<string> = new Set(['confirmed', 'fulfilled']);

export const accountFacts = (a: Account): IndexedAccount => ({
  id: a.id,
  status: a.status,
  industry: a.industry ?? null,
  region: a.region,
  tier: a.tier,
  country: a.country ?? null,
  employees: a.employees ?? null,
  annualRevenue: a.annualRevenue ?? null,
  currency: a.currency,
});
export const contactFacts = (c: Contact): IndexedContact => ({
  id: c.id,
  accountId: c.accountId ?? null,
  country: c.country ?? null,
  language: c.preferredLanguage?.trim() ? c.preferredLanguage.trim() : null,
});
export const leadFacts = (l: Lead): IndexedLead => ({ id: l.id, country: l.country ?? null, status: l.status });

/** A done activity counts on the timelines it is linked to, on the day it was done. */
export function activityFacts(a: Activity): IndexedActivity | null {
  if (!a.done || (a.accountId === undefined && a.contactId === undefined)) return null;
  return { accountId: a.accountId ?? null, contactId: a.contactId ?? null, day: dayNumberOfEpoch(a.doneAt ?? a.dueAt ?? a.updatedAt) };
}

/** Purchase orders only: drafts, cancelled orders and quotes are intentions, not purchases. */
export function purchaseFacts(d: SalesDoc): IndexedPurchase | null {
  if (d.kind !== 'order' || !PURCHASE_STATUSES.has(d.status)) return null;
  return { accountId: d.accountId, productIds: d.lines.map((l) => l.productId) };
}

export function membershipFacts(d: MarketingDoc): IndexedMembership | null {
  if (d.kind !== 'campaign_member') return null;
  const m = d as CampaignMember;
  return {
    campaignId: m.campaignId,
    contactId: m.contactId ?? null,
    leadId: m.leadId ?? null,
    responded: RESPONDED_STATUSES.has(m.status),
    respondedDay: m.respondedAt === undefined ? null : dayNumberOfEpoch(m.respondedAt),
  };
}

export function insightFacts(insights: ReadonlyMap<string, Pick<AccountInsight, 'clv' | 'churn' | 'rfm'>>): Map<string, IndexedInsight> {
  const out = new Map<string, IndexedInsight>();
  for (const [id, i] of insights)
    out.set(id, {
      rfmSegment: i.rfm?.segment ?? null,
      clv12m: i.clv?.clv12m ?? null,
      churn: i.churn ? { band: i.churn.band, lapsed: i.churn.lapsed === true } : null,
    });
  return out;
}

type ChangeEvent = { readonly operation: string; readonly documentId: string; readonly documentData: unknown };
const isDeleted = (event: ChangeEvent): boolean =>
  event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean } | undefined)?._deleted === true;

export function createSegmentEngine(deps: SegmentEngineDeps): SegmentEngine {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const index = new SegmentIndex();
  const changed = new Subject<void>();
  // Ids changed by an event while the pages load: the event is at least as new as the page.
  const touched = new Set<string>();
  let loading: Promise<void> | undefined;
  let closed = false;

  const appliers = {
    accounts: (id: string, doc: Account | null) => index.setAccount(id, doc && accountFacts(doc)),
    contacts: (id: string, doc: Contact | null) => index.setContact(id, doc && contactFacts(doc)),
    leads: (id: string, doc: Lead | null) => index.setLead(id, doc && leadFacts(doc)),
    activities: (id: string, doc: Activity | null) => index.setActivity(id, doc && activityFacts(doc)),
    sales_docs: (id: string, doc: SalesDoc | null) => index.setPurchase(id, doc && purchaseFacts(doc)),
    marketing: (id: string, doc: MarketingDoc | null) => index.setMembership(id, doc && membershipFacts(doc)),
  } as const;
  type Name = keyof typeof appliers;
  const names = Object.keys(appliers) as Name[];

  const subscriptions: Subscription[] = names.map((name) =>
    (domainChanges(db.collections[name]) as Observable<{ events: ReadonlyArray<ChangeEvent> }>).subscribe((bulk) => {
      if (!loading) return;
      const apply = appliers[name] as (id: string, doc: unknown) => void;
      for (const event of bulk.events) {
        touched.add(event.documentId);
        apply(event.documentId, isDeleted(event) ? null : event.documentData);
      }
      changed.next();
    }),
  );

  const applyInsight = (): void => {
    const current = deps.insight?.current();
    if (current) index.setInsights(insightFacts(current));
  };
  if (deps.insight)
    subscriptions.push(
      deps.insight.changed$.subscribe(() => {
        if (!loading) return;
        applyInsight();
        changed.next();
      }),
    );

  const load = (): Promise<void> => {
    // A load screens wait for (segment pickers and counts): background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(async () => {
      for (const name of names) {
        const apply = appliers[name] as (id: string, doc: unknown) => void;
        await forEachDocument(db, db.collections[name] as never, (doc: { id: string }) => {
          if (!closed && !touched.has(doc.id)) apply(doc.id, doc);
        });
        if (closed) return;
      }
      applyInsight();
      touched.clear();
      changed.next();
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      deps.log?.('segments could not be loaded', error);
      loading = undefined;
    });
    return loading;
  };

  const today = (): number => dayNumberOfEpoch(now());

  return {
    ready: load,
    warm() {
      void load().catch(() => undefined); // logged by load
    },
    async count(definition) {
      await load();
      const { count, total } = index.count(definition, today());
      return { count, total, computedAt: now() };
    },
    async ids(definition, limit) {
      await load();
      return index.ids(definition, today(), limit);
    },
    async membership(definition) {
      await load();
      const selected = new Set(index.ids(definition, today()));
      return (id) => selected.has(id);
    },
    async total(target) {
      await load();
      return index.total(target);
    },
    version: () => index.version,
    changed$: changed.asObservable(),
    close() {
      closed = true;
      for (const s of subscriptions) s.unsubscribe();
      changed.complete();
    },
  };
}
