import type { MangoQuerySelector } from 'rxdb';
import type { RollupOpportunity } from '../../../shared/analytics/pipeline-rollup';
import type { WinActivity, WinOpportunity } from '../../../shared/analytics/win-features';
import type { Activity, Opportunity } from '../../../shared/schemas';
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
  const selector: MangoQuerySelector<Opportunity> = {};
  if (scope.ownerId !== undefined) selector.ownerId = scope.ownerId;
  if (scope.teamId !== undefined) selector.teamId = scope.teamId;
  const docs = await db.opportunities.find({ selector }).exec();
  return docs.map((d) => {
    const o = d.toJSON();
    return { ...projectOpportunity(o), updatedAt: o.updatedAt };
  });
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

/** Calls, meetings and visits linked to a deal: the only activities the win model reads. */
export async function loadDealActivities(db: CrmDatabase): Promise<WinActivity[]> {
  const selector: MangoQuerySelector<Activity> = { opportunityId: { $gt: '' }, type: { $in: ['call', 'meeting', 'visit'] } };
  const docs = await db.activities.find({ selector }).exec();
  return docs.map((d) => {
    const a = d.toJSON();
    return { type: a.type, opportunityId: a.opportunityId, doneAt: a.doneAt, dueAt: a.dueAt, createdAt: a.createdAt };
  });
}

/** accountId -> region, for region filters and series (region lives on the account). */
export async function loadAccountRegions(db: CrmDatabase): Promise<Map<string, string>> {
  const docs = await db.accounts.find().exec();
  return new Map(docs.map((d) => [d.id, d.region]));
}
