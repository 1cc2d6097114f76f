import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOfEpochMs } from '../../../shared/insight/transactions';
import type { Activity, Case, Opportunity, Order } from '../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../db/open-crm-database';
import { generateDataset } from '../seed/generate-dataset';
import { writeDataset } from '../seed/write-dataset';
import { createSlaReferenceSource } from '../service/sla-reference';
import type { RxStorageSqlite } from '../storage/sqlite/sqlite-types';
import { loadInsightInput, sizeBand } from './extract-insight-data';

const NOW = Date.UTC(2025, 5, 30);

describe('sizeBand', () => {
  it('bands employee counts and knows when it does not know', () => {
    expect([1, 49, 50, 249, 250, 999, 1000, 50_000].map(sizeBand)).toEqual([
      '1-49',
      '1-49',
      '50-249',
      '50-249',
      '250-999',
      '250-999',
      '1000+',
      '1000+',
    ]);
    expect(sizeBand(undefined)).toBeNull();
  });
});

describe('insight input from the local database', () => {
  const dir = tempDirectory('crm-insight-extract-');
  let db: CrmDatabase;
  beforeAll(async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await writeDataset(db, generateDataset({ accounts: 30, seed: 4, referenceDate: NOW }));
  });
  afterAll(async () => {
    await db.close();
    dir.cleanup();
  });

  it('takes confirmed and fulfilled orders plus won deals without an order as purchases', async () => {
    const sla = createSlaReferenceSource(db);
    try {
      const input = await loadInsightInput(db, { now: NOW, sla: await sla.current() });
      const orders = (await db.sales_docs.find({ selector: { kind: 'order' } }).exec()).map((d) => d.toJSON() as Order);
      const won = (await db.opportunities.find({ selector: { stage: 'closed_won' } }).exec()).map((d) => d.toJSON() as Opportunity);
      const ordered = new Set(orders.flatMap((o) => (o.opportunityId ? [o.opportunityId] : [])));
      const purchases = orders.filter((o) => o.status === 'confirmed' || o.status === 'fulfilled');
      const wonWithoutOrder = won.filter((d) => !ordered.has(d.id));
      expect(purchases.length).toBeGreaterThan(0);
      expect(input.transactions.length + input.skippedOtherCurrency).toBe(purchases.length + wonWithoutOrder.length);

      // Every order purchase is there with its total, day and distinct products.
      const order = purchases[0] as Order;
      const match = input.transactions.find(
        (t) =>
          t.accountId === order.accountId && t.amount === order.total && t.day === dayOfEpochMs(Date.parse(`${order.orderDate}T00:00:00Z`)),
      );
      expect(match?.productIds).toEqual([...new Set(order.lines.map((l) => l.productId))]);

      // Sorted by account then day; amounts in the account's own currency.
      const currency = new Map(input.profiles.map((p) => [p.accountId, p.currency]));
      for (let i = 1; i < input.transactions.length; i++) {
        const a = input.transactions[i - 1];
        const b = input.transactions[i];
        if (!a || !b) continue;
        expect(a.accountId < b.accountId || (a.accountId === b.accountId && a.day <= b.day)).toBe(true);
      }
      expect(input.transactions.every((t) => currency.has(t.accountId) && Number.isInteger(t.amount))).toBe(true);
      expect(input.profiles).toHaveLength(30);
      expect(input.accounts.map((a) => a.id).sort()).toEqual(input.profiles.map((p) => p.accountId).sort());
      expect(input.products.length).toBeGreaterThan(0);
    } finally {
      sla.close();
    }
  });

  it('reads cases with their breaches, surveys and done contact activities', async () => {
    const input = await loadInsightInput(db, { now: NOW });
    const cases = (await db.cases.find().exec()).map((d) => d.toJSON() as Case);
    expect(input.events.cases).toHaveLength(cases.length);
    const frozenBreaches = cases.filter((c) => c.slaOutcome && (!c.slaOutcome.firstResponseMet || !c.slaOutcome.resolutionMet)).length;
    // Without the SLA reference only frozen outcomes count.
    expect(input.events.cases.filter((c) => c.breached).length).toBe(frozenBreaches);
    expect(input.events.cases.every((c) => c.resolvedDay === null || c.resolvedDay >= c.openedDay)).toBe(true);

    expect(input.events.surveys).toHaveLength(await db.surveys.count().exec());
    expect(input.events.surveys.every((s) => (s.kind === 'csat' ? s.score >= 1 && s.score <= 5 : s.score >= 0 && s.score <= 10))).toBe(
      true,
    );

    const activities = (await db.activities.find().exec()).map((d) => d.toJSON() as Activity);
    const contact = activities.filter((a) => a.accountId && a.doneAt !== undefined && ['call', 'meeting', 'visit'].includes(a.type));
    expect(input.events.activities).toHaveLength(contact.length);
  });

  it('reads page by page straight from the table, with turns of the event loop between pages', async () => {
    // The SQLite connection is there (also through the test storage's validating wrapper).
    expect(typeof (db.storage as Partial<RxStorageSqlite>).getConnection).toBe('function');
    const whole = await loadInsightInput(db, { now: NOW });

    let turns = 0;
    let counting = true;
    const count = (): void => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    let loaded = false;
    const loading = loadInsightInput(db, { now: NOW, pageRows: 10 }).then((input) => {
      loaded = true;
      return input;
    });
    // A request that comes in while the run reads is answered before the read is over.
    const accounts = await db.accounts.count().exec();
    expect(loaded).toBe(false);
    const paged = await loading;
    counting = false;

    expect(accounts).toBe(30);
    expect(paged).toEqual(whole);
    // At least one turn per full page of sales documents alone (10 rows a page).
    const salesDocs = await db.sales_docs.count().exec();
    expect(turns).toBeGreaterThanOrEqual(Math.floor(salesDocs / 10));
    await expect(loadInsightInput(db, { now: NOW, pageRows: 0 })).rejects.toThrow(/pageRows/);
  });
});
