import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDoc, Opportunity } from '../../../shared/schemas';
import { createCore, LOCAL_ACTOR, type Core } from '../core';
import type { Session } from '../rpc/session';
import { createLeadsHandlers } from './leads-handlers';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-sales-'));
let now = Date.UTC(2026, 5, 15, 12);
let core: Core;
let session: Session;

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now: () => now });
  session = core.openSession(() => undefined);
  const base = { ownerId: 'u', teamId: 't', createdAt: now, updatedAt: now, isActive: true };
  const catalog: CatalogDoc[] = [];
  for (const [i, price] of [10_000, 2_550, 99_999].entries()) {
    catalog.push({ ...base, id: `p${i}`, kind: 'product', name: `Product ${i}`, sku: `SKU${i}` });
    catalog.push({
      ...base,
      id: `pe${i}`,
      kind: 'price_book_entry',
      productId: `p${i}`,
      priceBook: 'standard',
      currency: 'EUR',
      unitPrice: price,
    });
  }
  await core.db.catalog.bulkInsert(catalog);
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function counts(): Promise<number[]> {
  return Promise.all([core.db.accounts, core.db.contacts, core.db.opportunities].map((c) => c.count().exec()));
}

async function newLead(lastName: string): Promise<string> {
  const created = await session.call('leads.create', {
    values: {
      lastName,
      firstName: 'Li',
      company: `${lastName} Ltd`,
      status: 'new',
      source: 'referral',
      rating: 'hot',
      email: 'li@example.com',
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  expect(created.value.score).toBeGreaterThan(50);
  return created.value.id;
}

const convertParams = (id: string) => ({ id, opportunityName: 'First order', currency: 'EUR', closeDate: '2026-09-30' });

describe('leads.convert', () => {
  it('creates account, contact and opportunity and marks the lead converted in one request', async () => {
    const id = await newLead('Wang');
    const result = await session.call('leads.convert', convertParams(id));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.lead.status).toBe('converted');
    expect(result.value.lead.convertedOpportunityId).toBe(result.value.opportunityId);
    const opp = await core.db.opportunities.findOne(result.value.opportunityId).exec();
    expect(opp?.accountId).toBe(result.value.accountId);
    expect(opp?.primaryContactId).toBe(result.value.contactId);
    expect((await core.db.accounts.findOne(result.value.accountId).exec())?.name).toBe('Wang Ltd');
    const again = await session.call('leads.convert', convertParams(id));
    expect(again.ok ? 'ok' : again.error.code).toBe('invalid_state');
  });

  it('undoes the account and contact when a later write fails, leaving the lead unconverted', async () => {
    const id = await newLead('Zhao');
    const before = await counts();
    // The opportunity gets the id of an existing one, so its insert fails after two writes succeeded.
    const taken = (await core.db.opportunities.findOne().exec())?.id ?? '';
    const ids = ['acc-fail', 'con-fail', taken];
    const handlers = createLeadsHandlers({ db: core.db, actor: LOCAL_ACTOR, now: () => now }, { newId: () => ids.shift() ?? 'x' });
    const convert = handlers['leads.convert'];
    if (!convert) throw new Error('no handler');
    await expect(convert({ ...convertParams(id) })).rejects.toThrow(/undone/);
    expect(await counts()).toEqual(before);
    expect((await core.db.leads.findOne(id).exec())?.status).toBe('new');
  });

  it('rejects a malformed payload and writes nothing', async () => {
    const id = await newLead('Sun');
    const before = await counts();
    const bad = await session.call('leads.convert', { ...convertParams(id), currency: 'euro' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_request');
    const noReason = await session.call('leads.setStatus', { id, status: 'unqualified' });
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('invalid_request');
    expect(await counts()).toEqual(before);
    const disq = await session.call('leads.setStatus', { id, status: 'unqualified', reason: 'No budget' });
    expect(disq.ok && disq.value.notes).toContain('No budget');
  });
});

describe('opportunities and quotes', () => {
  let oppId = '';
  it('logs each stage change with its time and resets the probability to the stage default', async () => {
    const converted = await session.call('leads.convert', convertParams(await newLead('Qian')));
    if (!converted.ok) throw new Error(converted.error.message);
    oppId = converted.value.opportunityId;
    now += 3_600_000;
    const moved = await session.call('opportunities.moveStage', { id: oppId, stage: 'proposal' });
    if (!moved.ok) throw new Error(moved.error.message);
    expect(moved.value.probability).toBe(60);
    expect(moved.value.stageHistory.map((h) => [h.stage, h.at])).toEqual([
      ['qualification', now - 3_600_000],
      ['proposal', now],
    ]);
    const lost = await session.call('opportunities.moveStage', { id: oppId, stage: 'closed_lost' });
    expect(lost.ok ? 'ok' : lost.error.code).toBe('invalid_request');
    const board = await session.call('opportunities.board', {});
    expect(board.ok && board.value.find((c) => c.stage === 'proposal')?.count).toBe(1);
  });

  it('quote total = lines − discount + tax; accepted quote becomes an order with that total', async () => {
    const lines = [
      { productId: 'p0', quantity: 2 },
      { productId: 'p1', quantity: 3, discountPercent: 10 },
      { productId: 'p2', quantity: 1 },
    ];
    const updated = await session.call('opportunities.update', { id: oppId, patch: { lines } });
    if (!updated.ok) throw new Error(updated.error.message);
    const subtotal = 20_000 + Math.round(3 * 2_550 * 0.9) + 99_999;
    expect(updated.value.amount).toBe(subtotal);
    const quote = await session.call('quotes.createFromOpportunity', {
      opportunityId: oppId,
      discountPercent: 5,
      taxPercent: 19,
      validUntil: '2026-07-15',
    });
    if (!quote.ok) throw new Error(quote.error.message);
    const discount = Math.round(subtotal * 0.05);
    const tax = Math.round((subtotal - discount) * 0.19);
    expect([quote.value.subtotal, quote.value.discountAmount, quote.value.taxAmount, quote.value.total]).toEqual([
      subtotal,
      discount,
      tax,
      subtotal - discount + tax,
    ]);

    const early = await session.call('quotes.toOrder', { id: quote.value.id });
    expect(early.ok ? 'ok' : early.error.code).toBe('invalid_state');
    const revised = await session.call('quotes.revise', {
      id: quote.value.id,
      discountPercent: 10,
      taxPercent: 19,
      validUntil: '2026-07-31',
    });
    if (!revised.ok) throw new Error(revised.error.message);
    expect([revised.value.version, revised.value.supersedesId, revised.value.quoteNumber]).toEqual([
      2,
      quote.value.id,
      quote.value.quoteNumber,
    ]);
    const stale = await session.call('quotes.setStatus', { id: quote.value.id, status: 'accepted' });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('invalid_state');

    await session.call('quotes.setStatus', { id: revised.value.id, status: 'sent' });
    const accepted = await session.call('quotes.setStatus', { id: revised.value.id, status: 'accepted' });
    expect(accepted.ok && accepted.value.status).toBe('accepted');
    const order = await session.call('quotes.toOrder', { id: revised.value.id });
    if (!order.ok) throw new Error(order.error.message);
    expect([order.value.total, order.value.quoteId, order.value.lines.length]).toEqual([revised.value.total, revised.value.id, 3]);
    const docs = await session.call('quotes.forOpportunity', { opportunityId: oppId });
    expect(docs.ok && [docs.value.quotes.length, docs.value.orders.length]).toEqual([2, 1]);
  });

  it('rejects a line with an unknown product and leaves the opportunity as it was', async () => {
    const before = (await core.db.opportunities.findOne(oppId).exec())?.revision;
    const bad = await session.call('opportunities.update', { id: oppId, patch: { lines: [{ productId: 'nope', quantity: 1 }] } });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('invalid_request');
    const opp = (await core.db.opportunities.findOne(oppId).exec())?.toJSON(false) as Opportunity | undefined;
    expect(opp?.lineItems).toHaveLength(3);
    expect((await core.db.opportunities.findOne(oppId).exec())?.revision).toBe(before);
  });
});

describe('agenda.today', () => {
  it('splits open items into overdue, today and reminders due soon, and mark-done removes one', async () => {
    const dayStart = Date.UTC(2026, 5, 15);
    const dayEnd = dayStart + 86_400_000;
    const make = (subject: string, dueAt: number) =>
      session.call('activities.create', { values: { type: 'call', subject, dueAt, done: false, priority: 'normal' } });
    await make('yesterday', dayStart - 3_600_000);
    const soon = await make('soon', now + 20 * 60_000);
    await make('tonight', dayEnd - 60_000);
    const agenda = await session.call('agenda.today', { dayStart, dayEnd });
    if (!agenda.ok) throw new Error(agenda.error.message);
    expect(agenda.value.overdue.map((a) => a.subject)).toEqual(['yesterday']);
    expect(agenda.value.today.map((a) => a.subject)).toEqual(['soon', 'tonight']);
    expect(agenda.value.reminders.map((a) => a.subject)).toEqual(['soon']);
    if (soon.ok) await session.call('activities.complete', { id: soon.value.id });
    const after = await session.call('agenda.today', { dayStart, dayEnd });
    expect(after.ok && after.value.today.map((a) => a.subject)).toEqual(['tonight']);
  });
});
