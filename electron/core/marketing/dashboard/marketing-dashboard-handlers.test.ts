import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketingDashboardFilters } from '../../../../shared/contract/marketing/marketing-dashboard-requests';
import type { Campaign, CampaignMember, Lead, Opportunity } from '../../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { generateDataset } from '../../seed/generate-dataset';
import { writeDataset } from '../../seed/write-dataset';
import { createCampaignFiguresSource, type CampaignFiguresSource } from '../campaigns/campaign-figures-source';
import { computeMarketingDashboard, dashboardFactsFromData, type MarketingDashboardData } from './compute-marketing-dashboard';
import { createMarketingDashboard } from './marketing-dashboard-handlers';

const NOW = Date.UTC(2026, 5, 15);
const ASOF = '2026-06-15';

describe('marketing.dashboard over the store', () => {
  const dir = tempDirectory('crm-marketing-dashboard-');
  let db: CrmDatabase;
  let figures: CampaignFiguresSource;
  let marketing: ReturnType<typeof createMarketingDashboard>;

  /** The same figures from every table read now, nothing cached. */
  const fromScratch = async (filters: MarketingDashboardFilters) => {
    const docs = (await db.marketing.find().exec()).map((d) => d.toMutableJSON(false));
    const data: MarketingDashboardData = {
      campaigns: docs.filter((d): d is Campaign => d.kind === 'campaign'),
      members: docs.filter((d): d is CampaignMember => d.kind === 'campaign_member'),
      leads: (await db.leads.find().exec()).map((d) => d.toMutableJSON(false) as Lead),
      opportunities: (await db.opportunities.find().exec()).map((d) => d.toMutableJSON(false) as Opportunity),
    };
    return computeMarketingDashboard({
      facts: dashboardFactsFromData(data),
      filters,
      asOf: ASOF,
      segments: { status: 'unavailable', rows: [] },
    });
  };

  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 60, seed: 5, referenceDate: NOW }));
    figures = createCampaignFiguresSource(db);
    marketing = createMarketingDashboard({ db, figures, now: () => NOW, log: () => undefined, warmUpMs: null });
  });
  afterAll(async () => {
    marketing.close();
    figures.close();
    await db.close();
    dir.cleanup();
  });

  it('answers what a computation from the tables gives, under each filter', async () => {
    for (const filters of [{}, { model: 'first_touch' as const, from: '2025-01' }, { campaignType: 'event' as const }]) {
      const answer = await marketing.dashboard(filters);
      expect(answer).toEqual(await fromScratch(filters));
    }
    const all = await marketing.dashboard({ from: '2023-01' });
    expect(all.campaigns.length).toBeGreaterThan(10);
  });

  it('follows a write: a campaign cost and a new won deal from a responder move ROI', async () => {
    const before = await marketing.dashboard({ from: '2023-01', model: 'last_touch' });
    const row = before.campaigns.find((c) => c.actualCost > 0)!;
    const campaign = (await db.marketing.findOne(row.id).exec())!;
    await campaign.incrementalPatch({ actualCost: row.actualCost * 2 });
    const after = await marketing.dashboard({ from: '2023-01', model: 'last_touch' });
    const moved = after.campaigns.find((c) => c.id === row.id)!;
    expect(moved.actualCost).toBe(row.actualCost * 2);
    expect(moved.roi).toBeCloseTo((moved.revenue - moved.actualCost) / moved.actualCost, 10);
    expect(after).toEqual(await fromScratch({ from: '2023-01', model: 'last_touch' }));
  });
});
