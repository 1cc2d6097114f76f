import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import type { Opportunity } from '../../../shared/schemas';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import { createCore, type Core } from '../core';
import { createOpportunityTotals } from './opportunity-totals';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-totals-'));
const now = Date.UTC(2026, 5, 15, 12);
let core: Core;

const deal = (i: number): Opportunity => ({
  id: `deal-${String(i).padStart(5, '0')}`,
  ownerId: `rep-${i % 3}`,
  teamId: 'team',
  createdAt: now,
  updatedAt: now,
  accountId: 'acc',
  name: `Deal ${i}`,
  stage: i % 2 === 0 ? 'proposal' : 'closed_won',
  amount: 100,
  currency: i % 4 === 0 ? 'USD' : 'EUR',
  probability: 60,
  forecastCategory: 'best_case',
  closeDate: '2026-06-01',
  lineItems: [],
  stageHistory: [],
});

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now: () => now });
  await core.db.opportunities.bulkInsert(Array.from({ length: 4_500 }, (_, i) => deal(i)));
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('reads every deal across load pages, keeps a change made during the load, and follows later writes', async () => {
  const collection = core.db.opportunities as unknown as RxCollection<Opportunity>;
  const totals = createOpportunityTotals(collection);
  const all = () => ({});
  // A write racing the first load: the change stream's version wins over the page read.
  const [first] = await Promise.all([totals.byStage(all), collection.findOne('deal-04000').incrementalPatch({ stage: 'negotiation' })]);
  expect(first.get('proposal')?.count).toBe(2_249);
  expect(first.get('negotiation')?.count).toBe(1);
  expect(first.get('closed_won')?.totals.get('EUR')).toEqual({ amount: 2_250 * 100, count: 2_250 });
  await collection.findOne('deal-00001').remove();
  const mine = await totals.byStage(() => ({ ownerIds: new Set(['rep-1']) }));
  expect(mine.get('closed_won')?.count).toBe(749);
  totals.close();
});
