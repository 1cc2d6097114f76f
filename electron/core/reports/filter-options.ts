import type { ReportFilterOptions } from '../../../shared/contract/reports/report-requests';
import type { CrmDatabase } from '../db/open-crm-database';
import type { DashboardSnapshot } from './dashboard-projection';

/** Owners, teams and regions come from the dashboard's projection; products from the (small) catalogue. */
export async function loadFilterOptions(db: CrmDatabase, snapshot: DashboardSnapshot): Promise<ReportFilterOptions> {
  const products = await db.catalog.find({ selector: { kind: 'product' } }).exec();
  const byLabel = (a: { label: string }, b: { label: string }): number => a.label.localeCompare(b.label);
  const options = (names: ReadonlyMap<string, string>) => [...names].map(([id, label]) => ({ id, label })).sort(byLabel);
  return {
    owners: options(snapshot.userNames),
    teams: options(snapshot.teamNames),
    regions: [...new Set(snapshot.accountRegions.values())].sort(),
    products: products.map((doc) => ({ id: doc.id, label: doc.get('name') as string })).sort(byLabel),
  };
}
