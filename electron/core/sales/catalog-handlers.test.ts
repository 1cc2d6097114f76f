import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogDoc } from '../../../shared/schemas';
import { createEditorHarness, type EditorHarness } from '../../../tests/support/editor-test-setup';

const now = Date.UTC(2026, 11, 1, 9);
const manager = { userId: 'm1', email: 'm1@example.com', role: 'manager', teamId: 'A' } as const;
const rep = { userId: 'r1', email: 'r1@example.com', role: 'rep', teamId: 'A' } as const;
let h: EditorHarness;

beforeAll(async () => {
  h = await createEditorHarness(() => now);
  const base = { ownerId: 'admin', teamId: 'hq', createdAt: now, updatedAt: now };
  const docs: CatalogDoc[] = [
    { ...base, id: 'p1', kind: 'product', name: 'Field Sensor', sku: 'FS-100', family: 'Hardware', isActive: true },
    { ...base, id: 'p2', kind: 'product', name: 'Gateway', sku: 'GW-200', isActive: false },
    { ...base, id: 'p3', kind: 'product', name: 'Analytics Seat', sku: 'AN-300', isActive: true },
    {
      ...base,
      id: 'e1',
      kind: 'price_book_entry',
      productId: 'p1',
      priceBook: 'standard',
      currency: 'USD',
      unitPrice: 10_000,
      isActive: true,
    },
    {
      ...base,
      id: 'e2',
      kind: 'price_book_entry',
      productId: 'p1',
      priceBook: 'standard',
      currency: 'EUR',
      unitPrice: 9_200,
      isActive: true,
    },
    {
      ...base,
      id: 'e3',
      kind: 'price_book_entry',
      productId: 'p3',
      priceBook: 'partner',
      currency: 'USD',
      unitPrice: 5_000,
      isActive: true,
    },
  ];
  await h.core.db.catalog.bulkInsert(docs);
});

afterAll(async () => {
  await h.close();
});

const count = (): Promise<number> => h.core.db.catalog.count().exec();

describe('catalogue reads', () => {
  it('lists products in windows, sorted, searched by name or code in any case, and by activity', async () => {
    const all = await h.call('catalog.products', { sort: { field: 'name', direction: 'asc' }, offset: 0, limit: 2 });
    if (!all.ok) throw new Error(all.error.message);
    expect(all.value.total).toBe(3);
    expect(all.value.rows.map((p) => p.name)).toEqual(['Analytics Seat', 'Field Sensor']);

    const byCode = await h.call('catalog.products', { filter: { search: 'gw-2' } });
    expect(byCode.ok && byCode.value.rows.map((p) => p.id)).toEqual(['p2']);
    const byName = await h.call('catalog.products', { filter: { search: 'SENSOR' } });
    expect(byName.ok && byName.value.rows.map((p) => p.id)).toEqual(['p1']);
    const inactive = await h.call('catalog.products', { filter: { active: 'inactive' } });
    expect(inactive.ok && inactive.value.total).toBe(1);
    const regexChars = await h.call('catalog.products', { filter: { search: '.*' } });
    expect(regexChars.ok && regexChars.value.total).toBe(0);
  });

  it('shows a product with its prices, and the price books with their currencies', async () => {
    const detail = await h.call('catalog.product', { id: 'p1' });
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.value.prices.map((p) => `${p.priceBook}/${p.currency}`)).toEqual(['standard/EUR', 'standard/USD']);
    const books = await h.call('catalog.priceBooks', {});
    expect(books.ok && books.value).toEqual([
      { name: 'partner', products: 1, entries: 1, currencies: ['USD'] },
      { name: 'standard', products: 1, entries: 2, currencies: ['EUR', 'USD'] },
    ]);
    const missing = await h.call('catalog.product', { id: 'e1' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});

describe('catalogue writes', () => {
  it('a manager edits a product and sets prices per currency (changing the price in force or adding one)', async () => {
    h.signInAs(manager);
    const saved = await h.call('catalog.saveProduct', {
      id: 'p1',
      values: { name: 'Field Sensor v2', sku: 'FS-100', isActive: true, description: 'Rugged' },
    });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value).toMatchObject({ name: 'Field Sensor v2', description: 'Rugged', ownerId: 'admin' });
    expect(saved.value.family).toBeUndefined();

    const before = await count();
    const usd = await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'USD', unitPrice: 12_500 });
    expect(usd.ok && usd.value).toMatchObject({ id: 'e1', unitPrice: 12_500 });
    const jpy = await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'JPY', unitPrice: 1_800 });
    expect(jpy.ok && jpy.value).toMatchObject({ currency: 'JPY', unitPrice: 1_800, validFrom: '2026-12-01', ownerId: 'm1', teamId: 'A' });
    expect(await count()).toBe(before + 1);

    const created = await h.call('catalog.saveProduct', { values: { name: 'Install', sku: 'SV-1', isActive: true } });
    expect(created.ok && created.value.kind).toBe('product');
  });

  it('refuses bad prices and codes and writes nothing', async () => {
    h.signInAs(manager);
    const before = await count();
    const bad = [
      await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'usd', unitPrice: 100 }),
      await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'USD', unitPrice: -1 }),
      await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'USD', unitPrice: 10.5 }),
      await h.call('catalog.setPrice', { productId: 'p1', priceBook: ' ', currency: 'USD', unitPrice: 100 }),
      await h.call('catalog.setPrice', { productId: 'e1', priceBook: 'standard', currency: 'USD', unitPrice: 100 }),
      await h.call('catalog.saveProduct', { values: { name: 'Copy', sku: 'gw-200', isActive: true } }),
      await h.call('catalog.saveProduct', { values: { name: '', sku: 'X-1', isActive: true } }),
    ];
    expect(bad.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'invalid_request',
      'invalid_request',
      'invalid_request',
      'invalid_request',
      'not_found',
      'invalid_request',
      'invalid_request',
    ]);
    expect(!bad[5]!.ok && bad[5]!.error.message).toContain('already used by Gateway');
    expect(await count()).toBe(before);
  });

  it('refuses a rep in words and writes nothing', async () => {
    h.signInAs(rep);
    const before = (await h.core.db.catalog.findOne('e1').exec())?.toJSON();
    const price = await h.call('catalog.setPrice', { productId: 'p1', priceBook: 'standard', currency: 'USD', unitPrice: 1 });
    const product = await h.call('catalog.saveProduct', { id: 'p2', values: { name: 'Mine', sku: 'GW-200', isActive: true } });
    for (const r of [price, product]) {
      expect(!r.ok && r.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Only a manager or an admin') });
    }
    expect((await h.core.db.catalog.findOne('e1').exec())?.toJSON()).toEqual(before);
    expect((await h.core.db.catalog.findOne('p2').exec())?.toJSON()).toMatchObject({ name: 'Gateway' });
    const access = await h.call('org.access', {});
    expect(access.ok && access.value).toEqual({ canEdit: false, role: 'rep', teamId: null });
  });

  it('lets the single user of a device that is not signed in edit', async () => {
    h.signInAs(null);
    const access = await h.call('org.access', {});
    expect(access.ok && access.value).toEqual({ canEdit: true, role: 'local', teamId: null });
    const price = await h.call('catalog.setPrice', { productId: 'p3', priceBook: 'partner', currency: 'USD', unitPrice: 4_000 });
    expect(price.ok && price.value.unitPrice).toBe(4_000);
  });
});
