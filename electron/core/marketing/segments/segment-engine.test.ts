import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInsight } from '../../../../shared/contract/insight/insight-requests';
import type { SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import type { Account, Order } from '../../../../shared/schemas';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { getRxStorageSqlite } from '../../storage/sqlite';
import { createSegmentEngine } from './segment-engine';

const directory = mkdtempSync(join(tmpdir(), 'crm-segment-engine-'));
const NOW = Date.UTC(2026, 11, 7, 9);
const base = { ownerId: 'rep-1', teamId: 'team-a', createdAt: NOW, updatedAt: NOW };
let db: CrmDatabase;

const account = (id: string): Account => ({ ...base, id, name: id, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' });
const order = (id: string, accountId: string, status: Order['status'], productId: string): Order => ({
  ...base,
  id,
  kind: 'order',
  orderNumber: id,
  accountId,
  status,
  orderDate: '2026-11-01',
  currency: 'EUR',
  lines: [{ id: 'l1', productId, quantity: 1, unitPrice: 100, discountPercent: 0, total: 100 }],
  subtotal: 100,
  discountPercent: 0,
  discountAmount: 0,
  taxPercent: 0,
  taxAmount: 0,
  total: 100,
});

beforeAll(async () => {
  db = await openCrmDatabase({ directory, storage: getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY }) });
  await db.accounts.bulkInsert([account('a1'), account('a2')]);
  await db.sales_docs.bulkInsert([order('o1', 'a1', 'fulfilled', 'p1'), order('o2', 'a2', 'draft', 'p1')]);
});
afterAll(async () => {
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

const where = (items: SegmentDefinition['root']['items']): SegmentDefinition => ({ target: 'accounts', root: { op: 'and', items } });

describe('segment engine', () => {
  it('reads behaviour from the insight run when it finishes, and purchases only from confirmed or fulfilled orders', async () => {
    let current: Map<string, Pick<AccountInsight, 'clv' | 'churn' | 'rfm'>> | null = null;
    const changed = new Subject<void>();
    const engine = createSegmentEngine({ db, now: () => NOW, insight: { current: () => current, changed$: changed } });
    const atRisk = where([{ field: 'rfmSegment', op: 'in', values: ['at_risk'] }]);
    const lapsed = where([{ field: 'churnRisk', op: 'in', values: ['lapsed'] }]);
    expect(await engine.count(atRisk)).toMatchObject({ count: 0, total: 2 });
    expect(await engine.ids(where([{ field: 'productsBought', op: 'any_of', productIds: ['p1'] }]))).toEqual(['a1']);

    current = new Map([
      [
        'a2',
        {
          rfm: { recency: 1, frequency: 1, monetary: 1, segment: 'at_risk' },
          churn: { risk: 1, band: 'high', reasons: [], lapsed: true },
          clv: null,
        },
      ],
    ]);
    changed.next();
    expect(await engine.ids(atRisk)).toEqual(['a2']);
    expect(await engine.ids(lapsed)).toEqual(['a2']);
    expect(await engine.ids(where([{ field: 'clvBand', op: 'in', values: ['none'] }]))).toEqual(['a1', 'a2']);
    engine.close();
  });
});
