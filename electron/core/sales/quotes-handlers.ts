import { randomUUID } from 'node:crypto';
import { ok } from '../../../shared/contract';
import type { OrderRecord, PricedProduct, QuoteRecord } from '../../../shared/contract/sales/quotes-requests';
import type { CatalogDoc, Opportunity, Order, Quote, SalesDoc } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { findQuote, quotePrint } from '../reports/quote-document';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { pricesIn } from './pricing';
import { quoteTotals } from './quote-totals';
import { createSalesStore, toStored } from './sales-store';

/** Quotes from opportunities, their revisions and decisions, and orders from accepted quotes. */
export function createQuotesHandlers(deps: StoreDeps) {
  const docs = createSalesStore<SalesDoc>('sales_docs', deps);
  const opportunities = createSalesStore<Opportunity>('opportunities', deps);

  const stamp = () => {
    const at = deps.now();
    return { id: randomUUID(), ownerId: deps.actor.ownerId, teamId: deps.actor.teamId, createdAt: at, updatedAt: at };
  };
  // Readable and unique enough offline: date plus a random suffix (the server may renumber on sync).
  const docNumber = (prefix: string) =>
    `${prefix}-${new Date(deps.now()).toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 6).toUpperCase()}`;

  async function quote(id: string): Promise<Quote> {
    const doc = (await docs.mustFind(id)).toJSON(false) as SalesDoc;
    if (doc.kind !== 'quote') throw new HandlerError('not_found', `No quote with id ${id}`);
    return doc;
  }
  async function latestVersion(quoteNumber: string): Promise<number> {
    const all = await docs.collection.find({ selector: { kind: 'quote', quoteNumber } }).exec();
    return Math.max(...all.map((doc) => (doc.kind === 'quote' ? doc.version : 0)));
  }

  return defineHandlers({
    'catalog.priced': async ({ currency, priceBook }) => {
      const prices = await pricesIn(deps.db, currency, priceBook);
      const products = await deps.db.catalog.find({ selector: { kind: 'product', isActive: true }, sort: [{ name: 'asc' }] }).exec();
      const priced: PricedProduct[] = [];
      for (const doc of products) {
        const product = doc.toJSON(false) as CatalogDoc;
        const price = prices.get(product.id);
        if (product.kind !== 'product' || !price) continue;
        priced.push({
          id: product.id,
          name: product.name,
          sku: product.sku,
          ...(product.family ? { family: product.family } : {}),
          ...(product.unit ? { unit: product.unit } : {}),
          unitPrice: price.unitPrice,
          currency,
        });
      }
      return ok(priced);
    },

    'quotes.forOpportunity': async ({ opportunityId }) => {
      const found = await docs.collection.find({ selector: { opportunityId }, sort: [{ updatedAt: 'desc' }] }).exec();
      const records = found.map(toStored);
      const quotes = records
        .filter((r): r is QuoteRecord => r.kind === 'quote')
        .sort((a, b) => b.createdAt - a.createdAt || b.version - a.version);
      const orders = records.filter((r): r is OrderRecord => r.kind === 'order');
      return ok({ quotes, orders });
    },

    'quotes.find': async ({ idOrNumber }) => {
      const found = await findQuote(deps.db, idOrNumber);
      if (!found) throw new HandlerError('not_found', `No quote has the number or id ${idOrNumber}`);
      return ok(toStored(await docs.mustFind(found.id)) as QuoteRecord);
    },

    'quotes.document': async ({ id }) => ok(await quotePrint(deps.db, await quote(id))),

    'quotes.createFromOpportunity': async ({ opportunityId, discountPercent, taxPercent, validUntil }) => {
      const opp = (await opportunities.mustFind(opportunityId)).toJSON(false) as Opportunity;
      if (opp.lineItems.length === 0) throw new HandlerError('invalid_state', 'Add products to the opportunity before quoting it');
      const doc: Quote = {
        ...stamp(),
        kind: 'quote',
        quoteNumber: docNumber('Q'),
        version: 1,
        accountId: opp.accountId,
        opportunityId: opp.id,
        ...(opp.primaryContactId ? { contactId: opp.primaryContactId } : {}),
        status: 'draft',
        validUntil,
        currency: opp.currency,
        ...quoteTotals(opp.lineItems, discountPercent, taxPercent),
      };
      return ok((await docs.insert(doc)) as QuoteRecord);
    },

    'quotes.revise': async ({ id, discountPercent, taxPercent, validUntil }) => {
      const previous = await quote(id);
      const opp = (await opportunities.mustFind(previous.opportunityId)).toJSON(false) as Opportunity;
      const version = (await latestVersion(previous.quoteNumber)) + 1;
      // A revision re-reads the deal's current lines; the superseded one keeps what the customer saw.
      const doc: Quote = {
        ...previous,
        ...stamp(),
        version,
        supersedesId: previous.id,
        status: 'draft',
        validUntil,
        currency: opp.currency,
        ...quoteTotals(opp.lineItems, discountPercent, taxPercent),
      };
      delete doc.sentAt;
      delete doc.decidedAt;
      return ok((await docs.insert(doc)) as QuoteRecord);
    },

    'quotes.setStatus': async ({ id, status, expectedRevision }) => {
      const current = await quote(id);
      if (current.version < (await latestVersion(current.quoteNumber)))
        throw new HandlerError('invalid_state', 'A newer revision supersedes this quote');
      const allowed = status === 'sent' ? current.status === 'draft' : current.status === 'sent' || current.status === 'draft';
      if (!allowed) throw new HandlerError('invalid_state', `A ${current.status} quote cannot become ${status}`);
      const at = deps.now();
      const updated = await docs.modify(
        id,
        (doc) => ({ ...(doc as Quote), status, ...(status === 'sent' ? { sentAt: at } : { decidedAt: at }) }),
        expectedRevision,
      );
      return ok(updated as QuoteRecord);
    },

    'quotes.toOrder': async ({ id }) => {
      const accepted = await quote(id);
      if (accepted.status !== 'accepted') throw new HandlerError('invalid_state', 'Only an accepted quote becomes an order');
      const existing = await docs.collection.findOne({ selector: { kind: 'order', quoteId: id } }).exec();
      if (existing) throw new HandlerError('invalid_state', 'This quote has an order already');
      const { lines, subtotal, discountPercent, discountAmount, taxPercent, taxAmount, total, currency } = accepted;
      const order: Order = {
        ...stamp(),
        kind: 'order',
        orderNumber: docNumber('O'),
        accountId: accepted.accountId,
        opportunityId: accepted.opportunityId,
        quoteId: id,
        status: 'confirmed',
        orderDate: new Date(deps.now()).toISOString().slice(0, 10),
        currency,
        lines,
        subtotal,
        discountPercent,
        discountAmount,
        taxPercent,
        taxAmount,
        total,
      };
      return ok((await docs.insert(order)) as OrderRecord);
    },
  });
}
