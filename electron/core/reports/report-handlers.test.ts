import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgDoc } from '../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';
import { createReportHandlers } from './report-handlers';
import { computeSalesDashboard, type DashboardOpportunity, type DashboardQuota } from './sales-dashboard';

const NOW = Date.UTC(2025, 5, 18);
const AS_OF = '2025-06-18';

/** The dashboard computed from scratch: every table read now, nothing cached. */
async function fromScratch(db: CrmDatabase, filters: object) {
  const [opps, accounts, org] = await Promise.all([db.opportunities.find().exec(), db.accounts.find().exec(), db.org.find().exec()]);
  const userNames = new Map<string, string>();
  const quotas: DashboardQuota[] = [];
  for (const doc of org) {
    const record = doc.toJSON() as OrgDoc;
    if (record.kind === 'user') userNames.set(record.id, record.name);
    if (record.kind === 'quota') {
      const { userId, teamId, period, periodStart, currency, amount } = record;
      quotas.push({ userId, teamId, period, periodStart, currency, amount });
    }
  }
  return computeSalesDashboard({
    opportunities: opps.map((doc): DashboardOpportunity => doc.toMutableJSON()),
    quotas,
    accountNames: new Map(accounts.map((doc) => [doc.id, doc.name])),
    accountRegions: new Map(accounts.map((doc) => [doc.id, doc.region])),
    userNames,
    filters,
    asOf: AS_OF,
  });
}

describe('sales dashboard answers from its cached projection', () => {
  const dir = tempDirectory('crm-dashboard-');
  let db: CrmDatabase;
  let reports: ReturnType<typeof createReportHandlers>;
  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 60, seed: 3, referenceDate: NOW }));
    reports = createReportHandlers({ db, now: () => NOW, warmUpMs: null });
  });
  afterAll(async () => {
    reports.close();
    await db.close();
    dir.cleanup();
  });

  it('equals a from-scratch computation, before and after writes', async () => {
    for (const filters of [{}, { region: 'emea' }, { ownerId: 'local-user' }]) {
      expect(await reports.salesDashboard(filters)).toEqual(await fromScratch(db, filters));
    }
    const before = await reports.salesDashboard({});
    const top = before.topDeals[0]!;
    const deal = (await db.opportunities.findOne(top.id).exec())!;
    await deal.incrementalPatch({ stage: 'closed_won', probability: 100, forecastCategory: 'closed', closeDate: AS_OF, closedAt: NOW });
    const after = await reports.salesDashboard({});
    expect(after.totals.openPipeline).toBe(before.totals.openPipeline - top.amount);
    expect(after.totals.openCount).toBe(before.totals.openCount - 1);
    expect(after.revenueMonthToDate.value).toBe(before.revenueMonthToDate.value + top.amount);
    expect(after).toEqual(await fromScratch(db, {}));

    const account = (await db.accounts.findOne().exec())!;
    await account.incrementalPatch({ region: account.region === 'emea' ? 'apac' : 'emea' });
    expect(await reports.salesDashboard({ region: 'emea' })).toEqual(await fromScratch(db, { region: 'emea' }));
    await deal.getLatest().remove();
    expect(await reports.salesDashboard({})).toEqual(await fromScratch(db, {}));
  });

  it('answers a repeated request with the same cached object until something changes', async () => {
    const first = await reports.salesDashboard({ ownerId: 'local-user' });
    expect(await reports.salesDashboard({ ownerId: 'local-user' })).toBe(first);
    const options = await reports.handlers['reports.filterOptions']();
    expect(options.ok && options.value.owners.some((owner) => owner.id === 'local-user')).toBe(true);
  });
});
