import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, CatalogDoc, OrgDoc } from '../../../shared/schemas';
import { ok } from '../../../shared/contract';
import { createCore, LOCAL_ACTOR, type Core } from '../core';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { PrintJob } from '../reports/report-printer';
import type { Session } from '../rpc/session';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-quotes-'));
const now = Date.UTC(2026, 5, 15, 12);
let core: Core;
let session: Session;
const printed: PrintJob[] = [];
let opportunityId = '';

async function value<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

beforeAll(async () => {
  core = await createCore({
    dataDir,
    databaseKey: TEST_DATABASE_KEY,
    host: 'browser',
    appVersion: 'test',
    now: () => now,
    // The printer is the host's; what is tested is which route the core asks it to print.
    printer: async (job) => {
      printed.push(job);
      return ok({ outcome: 'download', url: '/pdf/1', fileName: job.fileName, pages: 1 });
    },
  });
  session = core.openSession(() => undefined);
  const base = { ownerId: 'admin', teamId: 'hq', createdAt: now, updatedAt: now };
  const org: OrgDoc[] = [
    { ...base, id: 'admin', kind: 'user', name: 'Alex Admin', email: 'admin@example.com', role: 'admin', active: true },
    { ...base, id: 'hq', kind: 'team', name: 'Acme Instruments GmbH', managerId: 'admin' },
    { ...base, id: 'team-emea', kind: 'team', name: 'EMEA Sales', managerId: 'admin' },
    { ...base, id: 'rep-1', teamId: 'team-emea', kind: 'user', name: 'Dana Reyes', email: 'dana@example.com', role: 'rep', active: true },
  ];
  await core.db.org.bulkInsert(org);
  const catalog: CatalogDoc[] = [
    { ...base, id: 'p0', kind: 'product', name: 'Sensor', sku: 'S0', isActive: true },
    {
      ...base,
      id: 'pe0',
      kind: 'price_book_entry',
      productId: 'p0',
      priceBook: 'standard',
      currency: 'EUR',
      unitPrice: 12_500,
      isActive: true,
    },
  ];
  await core.db.catalog.bulkInsert(catalog);
  const account: Account = { ...base, id: 'acc', name: 'Harbour Foods', status: 'active', tier: 'key', region: 'emea', currency: 'EUR' };
  await core.db.accounts.bulkInsert([account]);
  opportunityId = 'opp-1';
  await core.db.opportunities.bulkInsert([
    {
      ...base,
      id: opportunityId,
      ownerId: LOCAL_ACTOR.ownerId,
      teamId: 'team-emea',
      accountId: 'acc',
      name: 'Cold chain',
      stage: 'proposal',
      amount: 0,
      currency: 'EUR',
      probability: 60,
      forecastCategory: 'best_case',
      closeDate: '2026-07-31',
      lineItems: [],
      stageHistory: [],
    },
  ]);
  await value(session.call('opportunities.update', { id: opportunityId, patch: { lines: [{ productId: 'p0', quantity: 2 }] } }));
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('quotes by their visible number', () => {
  it('finds the newest revision by number in any letter case, and says not_found for a wrong one', async () => {
    const terms = { discountPercent: 0, taxPercent: 19, validUntil: '2026-07-15' };
    const first = await value(session.call('quotes.createFromOpportunity', { opportunityId, ...terms }));
    const second = await value(session.call('quotes.revise', { id: first.id, ...terms }));
    expect((await value(session.call('quotes.find', { idOrNumber: first.quoteNumber }))).id).toBe(second.id);
    expect((await value(session.call('quotes.find', { idOrNumber: ` ${first.quoteNumber.toLowerCase()} ` }))).version).toBe(2);
    expect((await value(session.call('quotes.find', { idOrNumber: first.id }))).id).toBe(first.id);
    const wrong = await session.call('quotes.find', { idOrNumber: 'Q-00000000-NOPE00' });
    expect(wrong.ok ? 'found' : wrong.error.code).toBe('not_found');
  });

  it('prints by number, and refuses a number no quote has instead of printing a "does not exist" page', async () => {
    const quote = await value(
      session.call('quotes.createFromOpportunity', { opportunityId, discountPercent: 5, taxPercent: 0, validUntil: '2026-07-15' }),
    );
    const labels = { title: 'Quote', page: 'Page' };
    await value(session.call('reports.exportPdf', { kind: 'quote', exportId: 'e1', quoteId: quote.quoteNumber, language: 'en', labels }));
    expect(printed.at(-1)?.route).toContain(`print/quote/${encodeURIComponent(quote.id)}`);
    const before = printed.length;
    const wrong = await session.call('reports.exportPdf', { kind: 'quote', exportId: 'e2', quoteId: 'Q-WRONG', language: 'en', labels });
    expect(wrong.ok ? 'printed' : wrong.error.code).toBe('not_found');
    expect(printed.length).toBe(before);
  });
});

describe('quote document', () => {
  it('names the seller company and the rep from the org data, and never the internal "local-user"', async () => {
    const quote = await value(
      session.call('quotes.createFromOpportunity', { opportunityId, discountPercent: 0, taxPercent: 0, validUntil: '2026-07-15' }),
    );
    const local = await value(session.call('quotes.document', { id: quote.id }));
    expect(local.sellerCompany).toBe('Acme Instruments GmbH');
    expect(local.ownerName).not.toBe(LOCAL_ACTOR.ownerId);
    expect(local.accountName).toBe('Harbour Foods');
    // A quote owned by a synced rep prints their name and team.
    const stored = await core.db.sales_docs.findOne(quote.id).exec();
    await stored?.incrementalPatch({ ownerId: 'rep-1' });
    const rep = await value(session.call('quotes.document', { id: quote.id }));
    expect([rep.ownerName, rep.teamName, rep.ownerEmail]).toEqual(['Dana Reyes', 'EMEA Sales', 'dana@example.com']);
  });
});

describe('accepting a quote, then winning the deal', () => {
  it('an accepted quote leaves the deal open until the rep marks it won, which closes it as won', async () => {
    const quote = await value(
      session.call('quotes.createFromOpportunity', { opportunityId, discountPercent: 0, taxPercent: 0, validUntil: '2026-07-15' }),
    );
    await value(session.call('quotes.setStatus', { id: quote.id, status: 'accepted' }));
    expect((await value(session.call('opportunities.get', { id: opportunityId }))).stage).toBe('proposal');
    const won = await value(session.call('opportunities.moveStage', { id: opportunityId, stage: 'closed_won' }));
    expect([won.stage, won.probability, won.closedAt]).toEqual(['closed_won', 100, now]);
    const docs = await value(session.call('quotes.forOpportunity', { opportunityId }));
    expect(docs.quotes.find((q) => q.id === quote.id)?.status).toBe('accepted');
  });
});
