import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { crmCollections, CRM_COLLECTION_NAMES } from '../../../shared/schemas';
import { openCrmDatabase, type CrmDatabase } from './open-crm-database';
import { tempDirectory, testStorage } from '../../../tests/support/test-storage';

const now = Date.UTC(2025, 5, 30);
const base = { ownerId: 'u1', teamId: 't1', createdAt: now, updatedAt: now };

describe('openCrmDatabase', () => {
  let db: CrmDatabase | undefined;
  const dir = tempDirectory();
  afterEach(async () => {
    await db?.remove();
    db = undefined;
  });
  afterAll(() => dir.cleanup());

  it('creates every registry collection within the open-source collection limit', async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    expect(Object.keys(db.collections).sort()).toEqual([...CRM_COLLECTION_NAMES].sort());
    expect(CRM_COLLECTION_NAMES.length).toBeLessThanOrEqual(12);
    for (const name of CRM_COLLECTION_NAMES) {
      expect(db.collections[name].schema.version).toBe(crmCollections[name].version);
    }
  });

  it('stores and queries documents of grouped kinds through indexes', async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await db.catalog.bulkInsert([
      { ...base, id: 'p1', kind: 'product', name: 'Widget', sku: 'W-1', isActive: true },
      {
        ...base,
        id: 'pb1',
        kind: 'price_book_entry',
        productId: 'p1',
        priceBook: 'standard',
        currency: 'USD',
        unitPrice: 1999,
        isActive: true,
      },
    ]);
    const products = await db.catalog.find({ selector: { kind: 'product' }, sort: [{ name: 'asc' }] }).exec();
    expect(products.map((p) => p.id)).toEqual(['p1']);
    await db.accounts.insert({
      ...base,
      id: 'a1',
      name: 'Acme',
      status: 'active',
      tier: 'key',
      region: 'emea',
      currency: 'EUR',
      city: 'Berlin',
    });
    const byOwner = await db.accounts.find({ selector: { ownerId: 'u1' }, sort: [{ name: 'asc' }] }).exec();
    expect(byOwner[0]?.city).toBe('Berlin');
  });

  it('rejects a document that breaks the stored schema', async () => {
    db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
    await expect(
      db.accounts.insert(
        JSON.parse(
          '{"id":"a1","ownerId":"u1","teamId":"t1","createdAt":0,"updatedAt":0,"name":"Acme","status":"bogus","tier":"key","region":"emea","currency":"EUR"}',
        ),
      ),
    ).rejects.toThrow();
  });
});
