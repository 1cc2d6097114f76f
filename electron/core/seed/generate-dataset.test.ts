import { describe, expect, it } from 'vitest';
import { crmCollections, sumLineItems, type CrmCollectionName, type CrmDocOf } from '../../../shared/schemas';
import { generateAccounts, generateDataset, type DatasetBatch } from './generate-dataset';

const options = { accounts: 120, seed: 7, referenceDate: Date.UTC(2025, 5, 30), batchSize: 50 };

type Docs = { [Name in CrmCollectionName]: CrmDocOf<Name>[] };

function collect(batches: Iterable<DatasetBatch>): Docs {
  const docs = Object.fromEntries(Object.keys(crmCollections).map((name) => [name, []])) as unknown as Docs;
  for (const batch of batches) (docs[batch.collection] as object[]).push(...batch.docs);
  return docs;
}

const ids = (docs: ReadonlyArray<{ id: string }>) => new Set(docs.map((d) => d.id));

describe('generateDataset', () => {
  const data = collect(generateDataset(options));

  it('is deterministic and independent of batch size', () => {
    const again = collect(generateDataset({ ...options, batchSize: 7 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other = collect(generateDataset({ ...options, seed: 8 }));
    expect(other.accounts[0]?.id).not.toBe(data.accounts[0]?.id);
  });

  it('generateAccounts yields the same accounts for the same seed and reference date', () => {
    expect(generateAccounts(options.accounts, options.seed, options.referenceDate)).toEqual(data.accounts);
  });

  it('produces every collection, Chinese and English names, and +1 555 phone numbers', () => {
    for (const name of Object.keys(crmCollections) as CrmCollectionName[]) expect(data[name].length, name).toBeGreaterThan(0);
    expect(data.accounts.length).toBe(options.accounts);
    expect(data.accounts.some((a) => /[\u4e00-\u9fff]/.test(a.name))).toBe(true);
    expect(data.contacts.some((c) => /[\u4e00-\u9fff]/.test(c.lastName))).toBe(true);
    expect(data.accounts.some((a) => a.phone?.startsWith('+1 555 '))).toBe(true);
    const stages = new Set(data.opportunities.map((o) => o.stage));
    expect(stages.size).toBe(7);
  });

  it('passes every document through its collection validator', () => {
    for (const name of Object.keys(crmCollections) as CrmCollectionName[]) {
      for (const doc of data[name]) {
        const result = crmCollections[name].parse(doc);
        if (!result.ok) throw new Error(`${name} ${doc.id}: ${result.error.message}`);
      }
    }
  });

  it('keeps references and totals consistent', () => {
    const accountIds = ids(data.accounts);
    const contactIds = ids(data.contacts);
    const oppIds = ids(data.opportunities);
    const userIds = ids(data.org.filter((d) => d.kind === 'user'));
    const products = ids(data.catalog.filter((d) => d.kind === 'product'));
    const campaigns = ids(data.marketing.filter((d) => d.kind === 'campaign'));
    const ref = options.referenceDate;
    const allIds = Object.values(data).flatMap((docs: ReadonlyArray<{ id: string }>) => docs.map((d) => d.id));
    expect(new Set(allIds).size).toBe(allIds.length);
    for (const c of data.contacts) expect(accountIds.has(c.accountId)).toBe(true);
    for (const a of data.accounts) expect(userIds.has(a.ownerId)).toBe(true);
    for (const o of data.opportunities) {
      expect(accountIds.has(o.accountId)).toBe(true);
      expect(o.primaryContactId === undefined || contactIds.has(o.primaryContactId)).toBe(true);
      expect(o.amount).toBe(sumLineItems(o.lineItems));
      for (const line of o.lineItems) expect(products.has(line.productId)).toBe(true);
      expect(o.stageHistory.at(-1)?.stage).toBe(o.stage);
      const times = o.stageHistory.map((s) => s.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(o.createdAt).toBeLessThanOrEqual(o.updatedAt);
      if (o.closedAt !== undefined) expect(o.closeDate <= new Date(ref).toISOString().slice(0, 10)).toBe(true);
      if (o.campaignId !== undefined) expect(campaigns.has(o.campaignId)).toBe(true);
    }
    for (const d of data.sales_docs) {
      expect(oppIds.has(d.opportunityId ?? '')).toBe(true);
      expect(d.subtotal).toBe(d.lines.reduce((sum, l) => sum + l.total, 0));
      expect(d.total).toBe(d.subtotal - d.discountAmount + d.taxAmount);
    }
    const won = data.opportunities.filter((o) => o.stage === 'closed_won').map((o) => o.id);
    const ordered = new Set(data.sales_docs.flatMap((d) => (d.kind === 'order' ? [d.opportunityId] : [])));
    expect(won.every((id) => ordered.has(id))).toBe(true);
    for (const a of data.activities) {
      expect(a.accountId === undefined || accountIds.has(a.accountId)).toBe(true);
      expect(a.opportunityId === undefined || oppIds.has(a.opportunityId)).toBe(true);
      if (!a.done) expect(a.dueAt ?? 0).toBeGreaterThan(0);
    }
    for (const c of data.cases) expect(c.statusHistory[0]?.at).toBe(c.openedAt);
    for (const m of data.marketing)
      if (m.kind === 'campaign_member') expect(campaigns.has(m.campaignId) && contactIds.has(m.contactId ?? '')).toBe(true);
    for (const docs of Object.values(data) as ReadonlyArray<{ createdAt: number; updatedAt: number }>[]) {
      for (const d of docs) {
        expect(d.updatedAt).toBeLessThanOrEqual(ref);
        expect(d.createdAt).toBeLessThanOrEqual(d.updatedAt);
      }
    }
  });
});
