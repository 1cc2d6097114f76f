import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector } from 'rxdb';
import { ok } from '../../../shared/contract';
import type { PriceBookSummary, PriceRecord, ProductRecord, ProductValues } from '../../../shared/contract/sales/catalog-requests';
import type { CatalogDoc, PriceBookEntry, Product } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { requireEditor, type SessionSource } from './org-access';
import { createSalesStore, toStored } from './sales-store';

export type CatalogDeps = StoreDeps & { readonly session: SessionSource };

const CLEARABLE = new Set(['family', 'description', 'unit']);

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Values as stored: blank optional text is absent, not an empty string. */
function productFields(values: ProductValues): Omit<Product, 'id' | 'ownerId' | 'teamId' | 'createdAt' | 'updatedAt' | 'kind'> {
  return {
    name: values.name,
    sku: values.sku,
    isActive: values.isActive,
    ...(values.family ? { family: values.family } : {}),
    ...(values.description ? { description: values.description } : {}),
    ...(values.unit ? { unit: values.unit } : {}),
  };
}

/**
 * The product catalogue and its price books. Reads are open to everyone; writes need a manager or
 * an admin (org-access.ts), checked before anything is written, as the sync server checks again.
 */
export function createCatalogHandlers(deps: CatalogDeps) {
  const store = createSalesStore<CatalogDoc>('catalog', deps);

  async function product(id: string): Promise<Product> {
    const doc = (await store.mustFind(id)).toJSON(false) as CatalogDoc;
    if (doc.kind !== 'product') throw new HandlerError('not_found', `No product with id ${id}`);
    return doc;
  }

  /** A code names one product: another product with the same code (any case) is refused. */
  async function assertCodeFree(sku: string, exceptId: string | undefined): Promise<void> {
    const same = await store.collection
      .find({ selector: { kind: 'product', sku: { $regex: `^${escapeRegex(sku)}$`, $options: 'i' } } as MangoQuerySelector<CatalogDoc> })
      .exec();
    const other = same.find((doc) => doc.id !== exceptId);
    if (other)
      throw new HandlerError('invalid_request', `values.sku: the code ${sku} is already used by ${(other as unknown as Product).name}`);
  }

  return defineHandlers({
    'catalog.products': async ({ filter, sort, offset, limit }) => {
      const selector: Record<string, unknown> = { kind: 'product' };
      if (filter.active !== 'all') selector['isActive'] = filter.active === 'active';
      // The catalogue is company reference data of hundreds to thousands of products: a search
      // walks the product range of the sort index and matches name and code in memory.
      if (filter.search) {
        const pattern = escapeRegex(filter.search);
        selector['$or'] = [{ name: { $regex: pattern, $options: 'i' } }, { sku: { $regex: pattern, $options: 'i' } }];
      }
      const query = { selector: selector as MangoQuerySelector<CatalogDoc> };
      const [docs, total] = await Promise.all([
        store.collection.find({ ...query, sort: [{ [sort.field]: sort.direction }] as never, skip: offset, limit }).exec(),
        store.collection.count(query).exec(),
      ]);
      return ok({ rows: docs.map((doc) => toStored(doc) as ProductRecord), total, offset });
    },

    'catalog.product': async ({ id }) => {
      const found = await store.mustFind(id);
      const record = toStored(found) as CatalogDoc & { revision: string };
      if (record.kind !== 'product') throw new HandlerError('not_found', `No product with id ${id}`);
      const entries = await store.collection.find({ selector: { productId: id } as MangoQuerySelector<CatalogDoc> }).exec();
      const prices = entries
        .map((doc) => toStored(doc) as PriceRecord)
        .sort(
          (a, b) =>
            a.priceBook.localeCompare(b.priceBook) ||
            a.currency.localeCompare(b.currency) ||
            (b.validFrom ?? '').localeCompare(a.validFrom ?? ''),
        );
      return ok({ product: record, prices });
    },

    'catalog.priceBooks': async () => {
      const entries = await store.collection.find({ selector: { kind: 'price_book_entry' } }).exec();
      const books = new Map<string, { products: Set<string>; entries: number; currencies: Set<string> }>();
      for (const doc of entries) {
        const entry = doc.toJSON(false) as PriceBookEntry;
        let book = books.get(entry.priceBook);
        if (!book) books.set(entry.priceBook, (book = { products: new Set(), entries: 0, currencies: new Set() }));
        book.entries += 1;
        book.products.add(entry.productId);
        book.currencies.add(entry.currency);
      }
      const summaries: PriceBookSummary[] = [...books.entries()]
        .map(([name, book]) => ({ name, products: book.products.size, entries: book.entries, currencies: [...book.currencies].sort() }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return ok(summaries);
    },

    'catalog.saveProduct': async ({ id, expectedRevision, values }) => {
      requireEditor(deps.session(), 'change the product catalogue');
      await assertCodeFree(values.sku, id);
      if (id === undefined) {
        const at = deps.now();
        const doc: Product = {
          id: randomUUID(),
          ownerId: deps.actor.ownerId,
          teamId: deps.actor.teamId,
          createdAt: at,
          updatedAt: at,
          kind: 'product',
          ...productFields(values),
        };
        return ok((await store.insert(doc)) as ProductRecord);
      }
      await product(id);
      const saved = await store.modify(
        id,
        (current) => {
          // Optional fields left blank are cleared, not kept from before.
          const kept = Object.fromEntries(Object.entries(current).filter(([key]) => !CLEARABLE.has(key)));
          return { ...kept, ...productFields(values) } as CatalogDoc;
        },
        expectedRevision,
      );
      return ok(saved as ProductRecord);
    },

    'catalog.setPrice': async ({ productId, priceBook, currency, unitPrice, isActive, expectedRevision }) => {
      requireEditor(deps.session(), 'change prices');
      await product(productId);
      const entries = await store.collection
        .find({ selector: { productId, priceBook, currency } as MangoQuerySelector<CatalogDoc> })
        .exec();
      // The newest entry is the price in force (pricing.ts); older ones stay as history.
      const newest = entries
        .map((doc) => doc.toJSON(false) as PriceBookEntry)
        .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0];
      if (newest) {
        const saved = await store.modify(newest.id, (current) => ({ ...current, unitPrice, isActive }) as CatalogDoc, expectedRevision);
        return ok(saved as PriceRecord);
      }
      const at = deps.now();
      const entry: PriceBookEntry = {
        id: randomUUID(),
        ownerId: deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
        kind: 'price_book_entry',
        productId,
        priceBook,
        currency,
        unitPrice,
        validFrom: new Date(at).toISOString().slice(0, 10),
        isActive,
      };
      return ok((await store.insert(entry)) as PriceRecord);
    },
  });
}
