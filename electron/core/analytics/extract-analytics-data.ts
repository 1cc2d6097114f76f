import type { MangoQuerySelector } from 'rxdb';
import type { RollupOpportunity } from '../../../shared/analytics/pipeline-rollup';
import type { WinActivity, WinOpportunity } from '../../../shared/analytics/win-features';
import type { Account, Activity, Opportunity } from '../../../shared/schemas';
import { forEachDocument } from '../db/for-each-document';
import { backgroundTurn } from '../db/work-lanes';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DashboardOpportunity } from '../reports/sales-dashboard';

/** Whose deals analytics read: one rep, one team, or (neither) everything in the local database. */
export type AnalyticsScope = { readonly ownerId?: string; readonly teamId?: string };

/** `name` is for the dashboard's tables, which read the same projection. */
export type AnalyticsOpportunity = RollupOpportunity & WinOpportunity & Pick<Opportunity, 'name'>;

/**
 * Deals of the scope, projected to the fields analytics use: documents cross to the worker by
 * structured clone, so notes and other long text would only cost copying time.
 */
export async function loadOpportunities(db: CrmDatabase, scope: AnalyticsScope): Promise<AnalyticsOpportunity[]> {
  const project = (o: Opportunity): AnalyticsOpportunity => ({ ...projectOpportunity(o), updatedAt: o.updatedAt });
  if (scope.ownerId !== undefined) {
    // One rep's deals: a range of the owner index, small by nature.
    const selector: MangoQuerySelector<Opportunity> = { ownerId: scope.ownerId };
    if (scope.teamId !== undefined) selector.teamId = scope.teamId;
    return (await db.opportunities.find({ selector }).exec()).map((d) => project(d.toJSON() as Opportunity));
  }
  // A team's or everyone's: up to every deal in the database, read in pages with requests in between.
  const out: AnalyticsOpportunity[] = [];
  await forEachDocument<Opportunity>(
    db,
    db.opportunities,
    (o) => {
      if (scope.teamId === undefined || o.teamId === scope.teamId) out.push(project(o));
    },
    { turn: backgroundTurn },
  );
  return out;
}

/** A deal as a stored document or a projection holds it: lists may be read-only. */
type ReadonlyDeal = Omit<DashboardOpportunity, 'lineItems' | 'stageHistory'> & {
  readonly lineItems: ReadonlyArray<Readonly<DashboardOpportunity['lineItems'][number]>>;
  readonly stageHistory: ReadonlyArray<Readonly<DashboardOpportunity['stageHistory'][number]>>;
};

/**
 * A plain copy of the fields the dashboard reads (the analytics projection adds `updatedAt`); line
 * items and stage history are copied too, so the copy shares nothing with the document.
 */
export function projectOpportunity(o: ReadonlyDeal): DashboardOpportunity {
  return {
    id: o.id,
    name: o.name,
    accountId: o.accountId,
    ownerId: o.ownerId,
    teamId: o.teamId,
    stage: o.stage,
    amount: o.amount,
    currency: o.currency,
    probability: o.probability,
    forecastCategory: o.forecastCategory,
    closeDate: o.closeDate,
    ...(o.closedAt === undefined ? {} : { closedAt: o.closedAt }),
    createdAt: o.createdAt,
    lineItems: o.lineItems.map((line) => ({ ...line })),
    stageHistory: o.stageHistory.map((change) => ({ ...change })),
  };
}

const WIN_ACTIVITY_TYPES: ReadonlySet<string> = new Set(['call', 'meeting', 'visit']);

/** Calls, meetings and visits linked to a deal: the only activities the win model reads. */
export async function loadDealActivities(db: CrmDatabase): Promise<WinActivity[]> {
  const out: WinActivity[] = [];
  // Every activity is read, in pages with requests in between. The [opportunityId, dueAt] index
  // holds the linked ones in one range, but one query over it holds the core until all are read
  // (hundreds of milliseconds at a million records), and a filtered query paged by id is planned
  // again for each page over most of the collection.
  await forEachDocument<Activity>(
    db,
    db.activities,
    (a) => {
      if (a.opportunityId === undefined || a.opportunityId === '' || !WIN_ACTIVITY_TYPES.has(a.type)) return;
      out.push({ type: a.type, opportunityId: a.opportunityId, doneAt: a.doneAt, dueAt: a.dueAt, createdAt: a.createdAt });
    },
    { turn: backgroundTurn },
  );
  return out;
}

/** accountId -> region, for region filters and series (region lives on the account). */
export async function loadAccountRegions(db: CrmDatabase): Promise<Map<string, string>> {
  const regions = new Map<string, string>();
  await forEachDocument<Account>(db, db.accounts, (a) => regions.set(a.id, a.region), { turn: backgroundTurn });
  return regions;
}
