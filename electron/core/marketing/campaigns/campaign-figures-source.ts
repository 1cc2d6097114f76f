import type { RxCollection } from 'rxdb';
import { Subject, type Observable, type Subscription } from 'rxjs';
import type { Stored } from '../../../../shared/contract';
import { ATTRIBUTION_MODELS, attributeRevenueByModel, type AttributionModel } from '../../../../shared/marketing/attribution';
import { buildAttributionInput, type AttributionSources } from '../../../../shared/marketing/attribution-input';
import { campaignFigures, type CampaignFigures } from '../../../../shared/marketing/campaign-figures';
import type { Campaign, CampaignMember, Lead, Opportunity } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { editRevision, withoutMeta } from '../../db/validated-documents';
import { domainChanges } from '../../db/domain-changes';
import { forEachDocument } from '../../db/for-each-document';
import { foregroundLoad } from '../../db/work-lanes';

/** What figures, member lists and membership checks need of a member. Rows are never mutated. */
export type MemberFacts = Pick<CampaignMember, 'id' | 'campaignId' | 'contactId' | 'leadId' | 'status' | 'respondedAt' | 'updatedAt'>;

type DealFacts = AttributionSources['opportunities'][number];
type LeadFacts = AttributionSources['leads'][number];

export type CampaignFiguresByModel = { readonly [M in AttributionModel]: CampaignFigures };

/** Every campaign's figures as of one version of the data, computed once for that version. */
export type CampaignFiguresSnapshot = {
  readonly version: number;
  readonly campaigns: ReadonlyMap<string, Stored<Campaign>>;
  readonly figures: ReadonlyMap<string, CampaignFiguresByModel>;
  /** Won deals that name the campaign as their source. */
  readonly sourcedWonDeals: ReadonlyMap<string, number>;
  /** Per campaign and model, whole deals that would have credited it but are in another currency (see attributeRevenueByModel). */
  readonly skippedDeals: ReadonlyMap<string, { readonly [M in AttributionModel]: number }>;
  /** Responses that could not be placed in time and campaign references to campaigns not here (see buildAttributionInput). */
  readonly untimedMembers: number;
  readonly unknownCampaignRefs: number;
};

export type CampaignFiguresSource = {
  /** Resolves once campaigns, members, won deals and leads are loaded. */
  ready(): Promise<void>;
  /** The figures of every campaign under every model; cached until campaigns, members, deals or leads change. */
  snapshot(): Promise<CampaignFiguresSnapshot>;
  /** Bumped by every applied change. */
  version(): number;
  /** The members of one campaign (valid after `ready`). */
  membersOf(campaignId: string): ReadonlyArray<MemberFacts>;
  member(id: string): MemberFacts | undefined;
  /** Emits after a change that can move a figure was applied (debounce on the consumer side). */
  readonly changed$: Observable<void>;
  close(): void;
};

const isDeleted = (event: { operation: string; documentData: unknown }): boolean =>
  event.operation === 'DELETE' || (event.documentData as { _deleted?: boolean } | undefined)?._deleted === true;

/**
 * Campaign figures (attributed revenue and ROI under each model, leads, cost per lead and per won deal,
 * the member funnel) for every campaign, computed locally. The facts they need (campaigns, members, won
 * deals, leads that name a campaign or were converted) are read once and then patched from the change
 * streams (local writes and sync pulls alike); the figures are computed once per change batch, on the
 * first read after it, and shared by every list row, detail page and dashboard that reads them.
 */
export function createCampaignFiguresSource(db: CrmDatabase, options: { readonly log?: (m: string, e: unknown) => void } = {}) {
  const campaigns = new Map<string, Stored<Campaign>>();
  const members = new Map<string, MemberFacts>();
  const byCampaign = new Map<string, Map<string, MemberFacts>>();
  const deals = new Map<string, DealFacts>();
  const leads = new Map<string, LeadFacts>();
  const touched = new Set<string>();
  const changed = new Subject<void>();
  let version = 0;
  let closed = false;
  let loading: Promise<void> | undefined;
  let cached: CampaignFiguresSnapshot | undefined;
  const memberLists = new Map<string, { version: number; rows: ReadonlyArray<MemberFacts> }>();

  const setMember = (id: string, after: MemberFacts | undefined): void => {
    const before = members.get(id);
    if (before) byCampaign.get(before.campaignId)?.delete(id);
    if (after) {
      members.set(id, after);
      let of = byCampaign.get(after.campaignId);
      if (!of) byCampaign.set(after.campaignId, (of = new Map()));
      of.set(id, after);
    } else members.delete(id);
  };

  /** Applies one marketing document; true when it is a campaign or a member (other kinds do not move figures). */
  const applyMarketing = (id: string, data: Record<string, unknown> | undefined, deleted: boolean): boolean => {
    const kind = data?.['kind'];
    if (kind === 'campaign') {
      if (deleted) campaigns.delete(id);
      else campaigns.set(id, { ...(withoutMeta(data!) as Campaign), revision: editRevision(data!) });
      return true;
    }
    if (kind === 'campaign_member') {
      setMember(id, deleted ? undefined : toMember(data as unknown as CampaignMember));
      return true;
    }
    return false;
  };

  /** Only won deals count; true when the deal was or is one (an open deal's edits move no figure). */
  const applyDeal = (id: string, data: Opportunity | undefined): boolean => {
    const had = deals.delete(id);
    if (data && data.stage === 'closed_won') {
      deals.set(id, toDeal(data));
      return true;
    }
    return had;
  };

  /** Only leads naming a campaign or converted into a deal count; true when the lead was or is one. */
  const applyLead = (id: string, data: Lead | undefined): boolean => {
    const had = leads.delete(id);
    if (data && (data.campaignId !== undefined || data.convertedOpportunityId !== undefined)) {
      leads.set(id, toLead(data));
      return true;
    }
    return had;
  };

  const bump = (): void => {
    version++;
    cached = undefined;
    if (loading) changed.next();
  };

  const subscriptions: Subscription[] = [
    db.marketing.eventBulks$.subscribe((bulk) => {
      if (!loading) return;
      let relevant = false;
      for (const event of bulk.events) {
        const data = (event.documentData ?? event.previousDocumentData) as Record<string, unknown> | undefined;
        if (applyMarketing(event.documentId, data, isDeleted(event))) {
          touched.add(event.documentId);
          relevant = true;
        }
      }
      if (relevant) bump();
    }),
    domainChanges(db.opportunities).subscribe((bulk) => {
      if (!loading) return;
      let relevant = false;
      for (const event of bulk.events) {
        touched.add(event.documentId);
        if (applyDeal(event.documentId, isDeleted(event) ? undefined : (event.documentData as Opportunity))) relevant = true;
      }
      if (relevant) bump();
    }),
    domainChanges(db.leads).subscribe((bulk) => {
      if (!loading) return;
      let relevant = false;
      for (const event of bulk.events) {
        touched.add(event.documentId);
        if (applyLead(event.documentId, isDeleted(event) ? undefined : (event.documentData as Lead))) relevant = true;
      }
      if (relevant) bump();
    }),
  ];

  // The first read goes a page at a time straight from the SQLite tables (for-each-document.ts);
  // `where` keeps SQLite from handing over rows the figures never use.
  const loadAll = <T>(collection: RxCollection<T>, apply: (id: string, doc: T) => void, where = ''): Promise<void> =>
    forEachDocument<T>(db, collection, (doc, id) => !touched.has(id) && apply(id, doc), { stopped: () => closed, where });

  const load = (): Promise<void> => {
    // A load screens wait for: background analyses take their turns after it (work-lanes.ts).
    loading ??= foregroundLoad(async () => {
      // Outbox messages share the collection and carry whole e-mails: only campaigns and members are parsed.
      await loadAll<Record<string, unknown>>(
        db.marketing as unknown as RxCollection<Record<string, unknown>>,
        (id, doc) => void applyMarketing(id, doc, false),
        `AND json_extract(data, '$.kind') IN ('campaign', 'campaign_member')`,
      );
      await loadAll<Opportunity>(
        db.opportunities as unknown as RxCollection<Opportunity>,
        (id, doc) => void applyDeal(id, doc),
        `AND json_extract(data, '$.stage') = 'closed_won'`,
      );
      // Only leads naming a campaign or converted into a deal are kept: SQLite's JSON reader skips the others unparsed.
      await loadAll<Lead>(
        db.leads as unknown as RxCollection<Lead>,
        (id, doc) => void applyLead(id, doc),
        `AND (json_extract(data, '$.campaignId') IS NOT NULL OR json_extract(data, '$.convertedOpportunityId') IS NOT NULL)`,
      );
      touched.clear();
      version++;
      cached = undefined;
    });
    loading.catch((error: unknown) => {
      if (closed) return;
      options.log?.('campaign figures could not be loaded', error);
      loading = undefined;
      for (const map of [campaigns, members, byCampaign, deals, leads]) map.clear();
    });
    return loading;
  };

  const compute = (): CampaignFiguresSnapshot => {
    const memberList = [...members.values()];
    const built = buildAttributionInput({
      campaigns: [...campaigns.values()],
      opportunities: [...deals.values()],
      leads: [...leads.values()],
      members: memberList,
    });
    const attributed = attributeRevenueByModel(built.input);
    const captured = new Map<string, string[]>();
    for (const lead of leads.values()) {
      if (lead.campaignId === undefined) continue;
      const list = captured.get(lead.campaignId);
      if (list) list.push(lead.id);
      else captured.set(lead.campaignId, [lead.id]);
    }
    const sourced = new Map<string, number>();
    for (const deal of deals.values())
      if (deal.campaignId !== undefined) sourced.set(deal.campaignId, (sourced.get(deal.campaignId) ?? 0) + 1);
    const figures = new Map<string, CampaignFiguresByModel>();
    const skippedDeals = new Map<string, { [M in AttributionModel]: number }>();
    for (const campaign of campaigns.values()) {
      const own = [...(byCampaign.get(campaign.id)?.values() ?? [])];
      const capturedIds = captured.get(campaign.id) ?? [];
      figures.set(
        campaign.id,
        Object.fromEntries(
          ATTRIBUTION_MODELS.map((m) => [m, campaignFigures(campaign, own, attributed[m].get(campaign.id), capturedIds)]),
        ) as CampaignFiguresByModel,
      );
      skippedDeals.set(
        campaign.id,
        Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, attributed[m].get(campaign.id)?.skippedDeals ?? 0])) as {
          [M in AttributionModel]: number;
        },
      );
    }
    return {
      version,
      campaigns: new Map(campaigns),
      figures,
      sourcedWonDeals: sourced,
      skippedDeals,
      untimedMembers: built.untimedMembers,
      unknownCampaignRefs: built.unknownCampaignRefs,
    };
  };

  const source: CampaignFiguresSource = {
    ready: load,
    async snapshot() {
      await load();
      if (cached?.version !== version) cached = compute();
      return cached;
    },
    version: () => version,
    membersOf(campaignId) {
      const held = memberLists.get(campaignId);
      if (held?.version === version) return held.rows;
      const rows = [...(byCampaign.get(campaignId)?.values() ?? [])];
      memberLists.set(campaignId, { version, rows });
      // Only the campaigns being looked at are kept.
      if (memberLists.size > 8) memberLists.delete(memberLists.keys().next().value!);
      return rows;
    },
    member: (id) => members.get(id),
    changed$: changed.asObservable(),
    close() {
      closed = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
      changed.complete();
    },
  };
  return source;
}

function toMember(m: CampaignMember): MemberFacts {
  return {
    id: m.id,
    campaignId: m.campaignId,
    contactId: m.contactId,
    leadId: m.leadId,
    status: m.status,
    respondedAt: m.respondedAt,
    updatedAt: m.updatedAt,
  };
}

function toDeal(o: Opportunity): DealFacts {
  return {
    id: o.id,
    stage: o.stage,
    amount: o.amount,
    currency: o.currency,
    createdAt: o.createdAt,
    closedAt: o.closedAt,
    closeDate: o.closeDate,
    primaryContactId: o.primaryContactId,
    campaignId: o.campaignId,
  };
}

function toLead(l: Lead): LeadFacts {
  return {
    id: l.id,
    createdAt: l.createdAt,
    campaignId: l.campaignId,
    convertedContactId: l.convertedContactId,
    convertedOpportunityId: l.convertedOpportunityId,
  };
}
