import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Lead } from '../../../../shared/schemas/leads';
import type { MarketingDoc, Segment } from '../../../../shared/schemas/marketing';
import type { Opportunity } from '../../../../shared/schemas/opportunities';
import type { CrmDatabase } from '../../db/open-crm-database';
import { tableNameFor } from '../../storage/sqlite/sqlite-table';
import type { RxStorageSqlite } from '../../storage/sqlite/sqlite-types';
import type { DashboardCampaign, DashboardLead, DashboardMember, MarketingDashboardData } from './compute-marketing-dashboard';

export type MarketingSnapshot = MarketingDashboardData & {
  /** Bumped by every applied change: anything computed at another version is stale. */
  readonly version: number;
  readonly segments: ReadonlyArray<Pick<Segment, 'id' | 'name' | 'definition'>>;
};

export type MarketingProjection = {
  /** Resolves once every collection is loaded; later calls answer from memory. */
  snapshot(): Promise<MarketingSnapshot>;
  warm(): void;
  close(): void;
};

type WonDeal = MarketingDashboardData['opportunities'][number];
type MarketingFacts =
  | { readonly kind: 'campaign'; readonly campaign: DashboardCampaign }
  | { readonly kind: 'member'; readonly member: DashboardMember }
  | { readonly kind: 'segment'; readonly segment: MarketingSnapshot['segments'][number] };

/** Rows per page of the initial load; other requests run between pages. */
const PAGE = 5_000;

/**
 * The marketing dashboard's working set (campaigns, members, saved segments, leads and won deals)
 * read once page by page straight from SQLite, then patched from the collections' change events
 * (local writes and sync pulls both arrive there), so no request reads a table.
 */
export function createMarketingProjection(db: CrmDatabase, log: (message: string, error: unknown) => void): MarketingProjection {
  const marketing = new Map<string, MarketingFacts>();
  const leads = new Map<string, DashboardLead>();
  const won = new Map<string, WonDeal>();
  let version = 0;
  let closed = false;
  let loading: Promise<void> | undefined;
  let cached: MarketingSnapshot | undefined;
  const subscriptions: Subscription[] = [];
  const touched = new Set<string>();

  /** Writes one document's facts; true when that can move a figure (an outbox message or an open deal cannot). */
  type Apply<T> = (id: string, doc: T | undefined) => boolean;
  const applyMarketing: Apply<MarketingDoc> = (id, doc) => {
    const facts = doc ? projectMarketing(doc) : undefined;
    if (facts) marketing.set(id, facts);
    return facts !== undefined || marketing.delete(id);
  };
  const applyLead: Apply<Lead> = (id, doc) => {
    if (doc) leads.set(id, projectLead(doc));
    return doc !== undefined || leads.delete(id);
  };
  const applyDeal: Apply<Opportunity> = (id, doc) => {
    if (doc && doc.stage === 'closed_won') {
      won.set(id, projectDeal(doc));
      return true;
    }
    return won.delete(id);
  };

  const follow = <T>(collection: RxCollection<T>, apply: Apply<T>): void => {
    subscriptions.push(
      collection.eventBulks$.subscribe((bulk) => {
        if (!loading) return;
        let relevant = false;
        for (const event of bulk.events) {
          touched.add(event.documentId);
          const deleted = event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean })._deleted === true;
          if (apply(event.documentId, deleted ? undefined : (event.documentData as T))) relevant = true;
        }
        // The outbox's sending updates and deal edits short of a win leave every answer as it was.
        if (relevant) version++;
      }),
    );
  };
  follow(db.marketing as unknown as RxCollection<MarketingDoc>, applyMarketing);
  follow(db.leads as unknown as RxCollection<Lead>, applyLead);
  follow(db.opportunities as unknown as RxCollection<Opportunity>, applyDeal);

  const connection = (db.storage as Partial<RxStorageSqlite>).getConnection?.(db.name);
  const loadAll = async <T>(collection: RxCollection<T>, apply: Apply<T>, where = ''): Promise<void> => {
    if (!connection) {
      for (const doc of await collection.find().exec()) if (!touched.has(doc.primary)) apply(doc.primary, doc.toJSON() as T);
      return;
    }
    const table = tableNameFor(collection.name, collection.schema.version);
    const page = connection.prepare(`SELECT id, data FROM ${table} WHERE deleted = 0 AND id > ? ${where} ORDER BY id LIMIT ${PAGE}`);
    let after = '';
    for (;;) {
      if (closed) return;
      const rows = page.all(after) as Array<{ id: string; data: string }>;
      for (const row of rows) if (!touched.has(row.id)) apply(row.id, JSON.parse(row.data) as T);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  const load = (): Promise<void> => {
    loading ??= (async () => {
      // Outbox messages (whole rendered e-mails) and templates are most of the bytes and none of the figures.
      await loadAll(
        db.marketing as unknown as RxCollection<MarketingDoc>,
        applyMarketing,
        `AND json_extract(data, '$.kind') IN ('campaign', 'campaign_member', 'segment')`,
      );
      await loadAll(db.leads as unknown as RxCollection<Lead>, applyLead);
      // Only won deals are attributed: SQLite's JSON reader skips the open and lost ones before JavaScript parses any.
      await loadAll(
        db.opportunities as unknown as RxCollection<Opportunity>,
        applyDeal,
        `AND json_extract(data, '$.stage') = 'closed_won'`,
      );
      touched.clear();
      version++;
    })();
    loading.catch((error: unknown) => {
      if (closed) return;
      log('marketing dashboard data could not be loaded', error);
      loading = undefined;
      marketing.clear();
      leads.clear();
      won.clear();
    });
    return loading;
  };

  const build = (): MarketingSnapshot => {
    const campaigns: DashboardCampaign[] = [];
    const members: DashboardMember[] = [];
    const segments: Array<MarketingSnapshot['segments'][number]> = [];
    for (const facts of marketing.values()) {
      if (facts.kind === 'campaign') campaigns.push(facts.campaign);
      else if (facts.kind === 'member') members.push(facts.member);
      else segments.push(facts.segment);
    }
    segments.sort((a, b) => a.name.localeCompare(b.name));
    return { version, campaigns, members, segments, leads: [...leads.values()], opportunities: [...won.values()] };
  };

  return {
    async snapshot() {
      await load();
      if (cached?.version !== version) cached = build();
      return cached;
    },
    warm() {
      void load().catch(() => undefined);
    },
    close() {
      closed = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}

function projectMarketing(doc: MarketingDoc): MarketingFacts | undefined {
  switch (doc.kind) {
    case 'campaign':
      return {
        kind: 'campaign',
        campaign: {
          id: doc.id,
          name: doc.name,
          type: doc.type,
          status: doc.status,
          startDate: doc.startDate,
          endDate: doc.endDate,
          currency: doc.currency,
          budget: doc.budget,
          actualCost: doc.actualCost,
          ownerId: doc.ownerId,
          teamId: doc.teamId,
        },
      };
    case 'campaign_member':
      return {
        kind: 'member',
        member: {
          campaignId: doc.campaignId,
          status: doc.status,
          ...(doc.contactId === undefined ? {} : { contactId: doc.contactId }),
          ...(doc.leadId === undefined ? {} : { leadId: doc.leadId }),
          ...(doc.respondedAt === undefined ? {} : { respondedAt: doc.respondedAt }),
        },
      };
    case 'segment':
      return { kind: 'segment', segment: { id: doc.id, name: doc.name, definition: doc.definition } };
    default:
      return undefined;
  }
}

function projectLead(doc: Lead): DashboardLead {
  return {
    id: doc.id,
    createdAt: doc.createdAt,
    ownerId: doc.ownerId,
    teamId: doc.teamId,
    ...(doc.campaignId === undefined ? {} : { campaignId: doc.campaignId }),
    ...(doc.convertedContactId === undefined ? {} : { convertedContactId: doc.convertedContactId }),
    ...(doc.convertedOpportunityId === undefined ? {} : { convertedOpportunityId: doc.convertedOpportunityId }),
  };
}

function projectDeal(doc: Opportunity): WonDeal {
  return {
    id: doc.id,
    stage: doc.stage,
    amount: doc.amount,
    currency: doc.currency,
    createdAt: doc.createdAt,
    closeDate: doc.closeDate,
    ...(doc.closedAt === undefined ? {} : { closedAt: doc.closedAt }),
    ...(doc.primaryContactId === undefined ? {} : { primaryContactId: doc.primaryContactId }),
    ...(doc.campaignId === undefined ? {} : { campaignId: doc.campaignId }),
  };
}
