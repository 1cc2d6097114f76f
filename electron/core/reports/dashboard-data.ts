import type { ReportFilterOptions } from '../../../shared/contract/reports/report-requests';
import type { OrgDoc } from '../../../shared/schemas';
import { loadOpportunities } from '../analytics/extract-analytics-data';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DashboardOpportunity, DashboardQuota } from './sales-dashboard';

/** Names and regions of accounts, users and teams the dashboard prints beside the figures. */
export type DashboardLookups = {
  readonly accountNames: ReadonlyMap<string, string>;
  readonly accountRegions: ReadonlyMap<string, string>;
  readonly userNames: ReadonlyMap<string, string>;
  readonly quotas: ReadonlyArray<DashboardQuota>;
};

/**
 * Deals of one owner or team ride the [ownerId, closeDate] / [teamId, closeDate] indexes; without
 * either the whole collection is read once and cached by the caller until a deal changes.
 */
export async function loadDashboardOpportunities(
  db: CrmDatabase,
  scope: { readonly ownerId?: string; readonly teamId?: string },
): Promise<DashboardOpportunity[]> {
  // One owner is the narrower scope; the projection is the one analytics use.
  return loadOpportunities(db, scope.ownerId !== undefined ? { ownerId: scope.ownerId } : scope);
}

export async function loadDashboardLookups(db: CrmDatabase): Promise<DashboardLookups> {
  const [accounts, org] = await Promise.all([db.accounts.find().exec(), db.org.find().exec()]);
  const accountNames = new Map<string, string>();
  const accountRegions = new Map<string, string>();
  for (const account of accounts) {
    accountNames.set(account.id, account.name);
    accountRegions.set(account.id, account.region);
  }
  const userNames = new Map<string, string>();
  const quotas: DashboardQuota[] = [];
  for (const doc of org) {
    const record = doc.toJSON() as OrgDoc;
    if (record.kind === 'user') userNames.set(record.id, record.name);
    if (record.kind === 'quota') {
      quotas.push({
        userId: record.userId,
        teamId: record.teamId,
        period: record.period,
        periodStart: record.periodStart,
        currency: record.currency,
        amount: record.amount,
      });
    }
  }
  return { accountNames, accountRegions, userNames, quotas };
}

export async function loadFilterOptions(db: CrmDatabase, lookups: DashboardLookups): Promise<ReportFilterOptions> {
  const [org, products] = await Promise.all([db.org.find().exec(), db.catalog.find({ selector: { kind: 'product' } }).exec()]);
  const owners: Array<{ id: string; label: string }> = [];
  const teams: Array<{ id: string; label: string }> = [];
  for (const doc of org) {
    const record = doc.toJSON() as OrgDoc;
    if (record.kind === 'user') owners.push({ id: record.id, label: record.name });
    if (record.kind === 'team') teams.push({ id: record.id, label: record.name });
  }
  const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label);
  return {
    owners: owners.sort(byLabel),
    teams: teams.sort(byLabel),
    regions: [...new Set(lookups.accountRegions.values())].sort(),
    products: products.map((doc) => ({ id: doc.id, label: doc.get('name') as string })).sort(byLabel),
  };
}
