import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpportunityFilter } from '../../../shared/contract/sales/opportunities-requests';
import type { Account, CatalogDoc, Opportunity, OpportunityStage } from '../../../shared/schemas';
import { createCore, LOCAL_ACTOR, type Core } from '../core';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { Session } from '../rpc/session';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-opps-'));
// 15 June 2026: this quarter is April to June.
const now = Date.UTC(2026, 5, 15, 12);
let core: Core;
let session: Session;

const STAGES: OpportunityStage[] = ['prospecting', 'qualification', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];

function deal(i: number): Opportunity {
  const stage = STAGES[i % STAGES.length] ?? 'prospecting';
  const month = 1 + (i % 12);
  return {
    id: `opp-${String(i).padStart(3, '0')}`,
    ownerId: i % 3 === 0 ? LOCAL_ACTOR.ownerId : `rep-${i % 3}`,
    teamId: i % 2 === 0 ? 'team-a' : 'team-b',
    createdAt: now - 86_400_000 * 100,
    updatedAt: now,
    accountId: `acc-${i % 4}`,
    name: `Deal ${i}`,
    stage,
    amount: 1_000 * (i + 1),
    currency: i % 5 === 0 ? 'USD' : 'EUR',
    probability: 50,
    forecastCategory: 'pipeline',
    closeDate: `2026-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    lineItems: [],
    stageHistory: [],
  };
}
const deals = Array.from({ length: 120 }, (_, i) => deal(i));
const isOpen = (o: Opportunity) => o.stage !== 'closed_won' && o.stage !== 'closed_lost';

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now: () => now });
  session = core.openSession(() => undefined);
  const accounts: Account[] = [0, 1, 2, 3].map((i) => ({
    id: `acc-${i}`,
    ownerId: 'rep-1',
    teamId: 'team-a',
    createdAt: now,
    updatedAt: now,
    name: `Account ${i}`,
    status: 'active',
    tier: 'key',
    region: 'emea',
    currency: 'EUR',
  }));
  await core.db.accounts.bulkInsert(accounts);
  await core.db.opportunities.bulkInsert(deals);
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function list(filter: OpportunityFilter, sort?: { field: 'amount' | 'closeDate'; direction: 'asc' | 'desc' }) {
  const result = await session.call('opportunities.list', { filter, ...(sort ? { sort } : {}), limit: 500 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('opportunities.list', () => {
  it('sorts by close date ascending by default and names each deal’s account', async () => {
    const page = await list({ stage: ['prospecting', 'qualification', 'needs_analysis', 'proposal', 'negotiation'] });
    const open = deals.filter(isOpen);
    expect(page.total).toBe(open.length);
    const dates = page.rows.map((row) => row.closeDate);
    expect(dates).toEqual([...dates].sort());
    expect(page.rows[0]?.accountName).toMatch(/^Account \d$/);
  });

  it('filters by owner, "my deals", team, close period, amount range and stage together', async () => {
    const mine = await list({ mine: true });
    expect(mine.total).toBe(deals.filter((o) => o.ownerId === LOCAL_ACTOR.ownerId).length);
    const combined = await list({
      ownerId: ['rep-1', 'rep-2'],
      teamId: ['team-a'],
      closeFrom: '2026-04-01',
      closeTo: '2026-09-30',
      amountMin: 10_000,
      amountMax: 90_000,
      stage: ['proposal', 'closed_won'],
    });
    const expected = deals.filter(
      (o) =>
        (o.ownerId === 'rep-1' || o.ownerId === 'rep-2') &&
        o.teamId === 'team-a' &&
        o.closeDate >= '2026-04-01' &&
        o.closeDate <= '2026-09-30' &&
        o.amount >= 10_000 &&
        o.amount <= 90_000 &&
        (o.stage === 'proposal' || o.stage === 'closed_won'),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(combined.rows.map((row) => row.id).sort()).toEqual(expected.map((o) => o.id).sort());
    // "My deals" and an owner filter naming someone else keep nothing.
    expect((await list({ mine: true, ownerId: ['rep-1'] })).total).toBe(0);
  });

  it('sorts by amount descending when asked', async () => {
    const page = await list({}, { field: 'amount', direction: 'desc' });
    expect(page.rows.slice(0, 3).map((row) => row.amount)).toEqual([120_000, 119_000, 118_000]);
  });
});

describe('opportunities.board', () => {
  it('bounds each column’s cards while count and totals cover every deal the filters keep', async () => {
    const result = await session.call('opportunities.board', { perStage: 3 });
    if (!result.ok) throw new Error(result.error.message);
    const proposal = result.value.find((column) => column.stage === 'proposal');
    const inProposal = deals.filter((o) => o.stage === 'proposal');
    expect(proposal?.cards).toHaveLength(3);
    expect(proposal?.count).toBe(inProposal.length);
    const eur = inProposal.filter((o) => o.currency === 'EUR').reduce((sum, o) => sum + o.amount, 0);
    expect(proposal?.totals.find((total) => total.currency === 'EUR')?.amount).toBe(eur);
    expect(proposal?.cards.map((card) => card.closeDate)).toEqual(
      inProposal
        .map((o) => o.closeDate)
        .sort()
        .slice(0, 3),
    );
    expect(proposal?.cards[0]?.accountName).toMatch(/^Account \d$/);
  });

  it('holds only deals closed this quarter in Won and Lost by default, newest first', async () => {
    const result = await session.call('opportunities.board', { perStage: 50 });
    if (!result.ok) throw new Error(result.error.message);
    const won = result.value.find((column) => column.stage === 'closed_won');
    const expected = deals.filter((o) => o.stage === 'closed_won' && o.closeDate >= '2026-04-01' && o.closeDate <= '2026-06-30');
    expect(won?.count).toBe(expected.length);
    expect(won?.cards.map((card) => card.closeDate)).toEqual(
      expected
        .map((o) => o.closeDate)
        .sort()
        .reverse(),
    );
  });

  it('filters by team and period, and its totals follow a stage move', async () => {
    const params = { teamId: ['team-b'], closeFrom: '2026-01-01', closeTo: '2026-12-31', perStage: 5 };
    const before = await session.call('opportunities.board', params);
    if (!before.ok) throw new Error(before.error.message);
    const qualification = deals.filter((o) => o.stage === 'qualification' && o.teamId === 'team-b');
    expect(before.value.find((column) => column.stage === 'qualification')?.count).toBe(qualification.length);
    const moving = qualification[0];
    if (!moving) throw new Error('no deal to move');
    const moved = await session.call('opportunities.moveStage', { id: moving.id, stage: 'negotiation' });
    if (!moved.ok) throw new Error(moved.error.message);
    const after = await session.call('opportunities.board', params);
    if (!after.ok) throw new Error(after.error.message);
    expect(after.value.find((column) => column.stage === 'qualification')?.count).toBe(qualification.length - 1);
    const negotiation = deals.filter((o) => o.stage === 'negotiation' && o.teamId === 'team-b').length;
    expect(after.value.find((column) => column.stage === 'negotiation')?.count).toBe(negotiation + 1);
  });
});

describe('opportunities.create', () => {
  const product = (id: string, name: string): CatalogDoc => ({
    ...stamp,
    id,
    kind: 'product',
    name,
    sku: id.toUpperCase(),
    isActive: true,
  });
  const price = (productId: string, currency: string, unitPrice: number): CatalogDoc => ({
    ...stamp,
    id: `pe-${productId}-${currency}`,
    kind: 'price_book_entry',
    productId,
    priceBook: 'standard',
    currency,
    unitPrice,
    isActive: true,
  });
  const stamp = { ownerId: 'manager-1', teamId: 'team-a', createdAt: now, updatedAt: now };

  beforeAll(async () => {
    await core.db.catalog.bulkInsert([
      product('crane', 'Harbour crane'),
      product('winch', 'Winch'),
      product('rope', 'Rope kit'),
      price('crane', 'EUR', 1_250_000),
      price('crane', 'USD', 1_400_000),
      price('winch', 'EUR', 2_550),
      // Rope kit has a price in dollars only.
      price('rope', 'USD', 990),
    ]);
    await core.db.accounts.insert({
      ...stamp,
      id: 'acc-usd',
      name: 'Dock Co',
      status: 'active',
      tier: 'standard',
      region: 'north_america',
      currency: 'USD',
    });
  });

  const count = () => core.db.opportunities.count().exec();

  it('creates a deal in the account’s currency with standard prices, the first stage and the acting user as owner', async () => {
    const before = await count();
    const created = await session.call('opportunities.create', {
      accountId: 'acc-1',
      name: '  Harbour crane – Account 1 ',
      closeDate: '2026-09-13',
      lines: [
        { productId: 'crane', quantity: 1 },
        { productId: 'winch', quantity: 3 },
      ],
      source: 'recommendation',
    });
    if (!created.ok) throw new Error(created.error.message);
    const opp = created.value;
    expect(opp).toMatchObject({
      accountId: 'acc-1',
      name: 'Harbour crane – Account 1',
      currency: 'EUR',
      stage: 'prospecting',
      probability: 10,
      forecastCategory: 'pipeline',
      closeDate: '2026-09-13',
      ownerId: LOCAL_ACTOR.ownerId,
      teamId: LOCAL_ACTOR.teamId,
      leadSource: 'recommendation',
      createdAt: now,
      stageHistory: [{ stage: 'prospecting', at: now, byUserId: LOCAL_ACTOR.ownerId }],
    });
    expect(
      opp.lineItems.map(({ productId, productName, quantity, unitPrice, discountPercent }) => ({
        productId,
        productName,
        quantity,
        unitPrice,
        discountPercent,
      })),
    ).toEqual([
      { productId: 'crane', productName: 'Harbour crane', quantity: 1, unitPrice: 1_250_000, discountPercent: 0 },
      { productId: 'winch', productName: 'Winch', quantity: 3, unitPrice: 2_550, discountPercent: 0 },
    ]);
    expect(opp.amount).toBe(1_250_000 + 3 * 2_550);
    expect(await count()).toBe(before + 1);

    // The same record opportunities.get returns, and the same product priced in dollars for a dollar account.
    const read = await session.call('opportunities.get', { id: opp.id });
    expect(read.ok && read.value).toEqual(opp);
    const usd = await session.call('opportunities.create', {
      accountId: 'acc-usd',
      name: 'Cranes for Dock Co',
      closeDate: '2026-09-13',
      lines: [{ productId: 'crane', quantity: 2 }],
    });
    if (!usd.ok) throw new Error(usd.error.message);
    expect(usd.value).toMatchObject({ currency: 'USD', amount: 2_800_000 });
    expect(usd.value.leadSource).toBeUndefined();
  });

  it('refuses an unknown account, an unknown product, a product without a price in the currency and bad input, writing nothing', async () => {
    const before = await count();
    const base = { accountId: 'acc-1', name: 'Deal', closeDate: '2026-09-13', lines: [{ productId: 'crane', quantity: 1 }] };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ accountId: 'acc-nope' }, 'not_found', /no account acc-nope/],
      [
        {
          lines: [
            { productId: 'crane', quantity: 1 },
            { productId: 'ghost', quantity: 1 },
          ],
        },
        'invalid_request',
        /no product ghost/,
      ],
      [{ lines: [{ productId: 'rope', quantity: 1 }] }, 'invalid_request', /Rope kit has no EUR price/],
      [{ lines: [] }, 'invalid_request', /at least one product/],
      [{ lines: [{ productId: 'crane', quantity: 0 }] }, 'invalid_request', /quantity/],
      [{ name: '   ' }, 'invalid_request', /needs a name/],
      [{ name: 'x'.repeat(201) }, 'invalid_request', /name/],
      [{ closeDate: '2026-02-30' }, 'invalid_request', /closeDate/],
      [{ source: 'guess' }, 'invalid_request', /source/],
    ];
    for (const [change, code, message] of cases) {
      const result = await session.call('opportunities.create', { ...base, ...change } as never);
      expect(result.ok, JSON.stringify(change)).toBe(false);
      if (!result.ok) {
        expect(result.error.code, JSON.stringify(change)).toBe(code);
        expect(result.error.message, JSON.stringify(change)).toMatch(message);
      }
    }
    expect(await count()).toBe(before);
  });
});
