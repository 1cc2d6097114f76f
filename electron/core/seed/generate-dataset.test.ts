import { describe, expect, it } from 'vitest';
import { crmCollections, sumLineItems, type CrmCollectionName, type CrmDocOf } from '../../../shared/schemas';
import { CASE_TRANSITIONS } from '../../../shared/service/case-workflow';
import { buildSlaReference } from '../service/sla-reference';
import { articleCountFor } from './generate-articles';
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
      // Quotes and deal orders belong to a deal; repeat orders only to their account.
      expect(d.opportunityId === undefined ? d.kind === 'order' : oppIds.has(d.opportunityId)).toBe(true);
      expect(accountIds.has(d.accountId)).toBe(true);
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
    const leadIds = ids(data.leads);
    for (const m of data.marketing)
      if (m.kind === 'campaign_member')
        expect(campaigns.has(m.campaignId) && (m.contactId === undefined ? leadIds.has(m.leadId ?? '') : contactIds.has(m.contactId))).toBe(
          true,
        );
    for (const docs of Object.values(data) as ReadonlyArray<{ createdAt: number; updatedAt: number }>[]) {
      for (const d of docs) {
        expect(d.updatedAt).toBeLessThanOrEqual(ref);
        expect(d.createdAt).toBeLessThanOrEqual(d.updatedAt);
      }
    }
  });

  it('writes calendars, SLA policies and published articles in English and Chinese (2,000+ in the default demo)', () => {
    const calendars = data.knowledge.filter((d) => d.kind === 'business_calendar');
    const policies = data.knowledge.filter((d) => d.kind === 'sla_policy');
    const articles = data.knowledge.filter((d) => d.kind === 'knowledge_article');
    expect(calendars.map((c) => c.timeZone).sort()).toEqual(['America/New_York', 'Asia/Shanghai', 'Europe/Berlin']);
    for (const c of calendars) expect(c.holidays.some((h) => h.date.startsWith('2024-'))).toBe(true);
    for (const priority of ['low', 'medium', 'high', 'urgent'] as const) {
      const base = policies.find((p) => p.active && p.priority === priority && p.tier === undefined);
      const strategic = policies.find((p) => p.active && p.priority === priority && p.tier === 'strategic');
      expect(base && strategic && strategic.resolutionMinutes < base.resolutionMinutes, priority).toBe(true);
    }
    expect(articleCountFor(1_000)).toBeGreaterThanOrEqual(2000);
    expect(articles.length).toBe(articleCountFor(options.accounts));
    const published = articles.filter((a) => a.status === 'published');
    expect(published.length / articles.length).toBeGreaterThan(0.7);
    expect(published.filter((a) => a.language === 'zh-CN' && /[\u4e00-\u9fff]{4}/.test(a.title + a.body)).length).toBeGreaterThan(
      articles.length * 0.35,
    );
    expect(published.filter((a) => a.language === 'en' && !/[\u4e00-\u9fff]/.test(a.title + a.body)).length).toBeGreaterThan(
      articles.length * 0.35,
    );
    expect(articles.every((a) => /^# .+\n\n[\s\S]*\n## /.test(a.body) && /\n1\. /.test(a.body))).toBe(true);
  });

  it('gives cases valid workflow histories whose frozen SLA outcome is what the app computes', () => {
    const knowledge = data.knowledge;
    const sla = buildSlaReference(
      knowledge.filter((d) => d.kind === 'sla_policy'),
      knowledge.filter((d) => d.kind === 'business_calendar'),
    );
    const tiers = new Map(data.accounts.map((a) => [a.id, a.tier]));
    const articleIds = ids(knowledge);
    let breached = 0;
    let resolved = 0;
    for (const c of data.cases) {
      const history = c.statusHistory;
      expect(history[0]?.status).toBe('new');
      for (let i = 1; i < history.length; i++) {
        const [prev, next] = [history[i - 1], history[i]];
        expect(next?.at).toBeGreaterThanOrEqual(prev?.at ?? 0);
        expect(CASE_TRANSITIONS[prev?.status ?? 'new']).toContain(next?.status);
      }
      expect(history.at(-1)?.status).toBe(c.status);
      expect(c.firstRespondedAt).toBe(history[1]?.at);
      for (const id of c.knowledgeArticleIds ?? []) expect(articleIds.has(id)).toBe(true);
      const finished = c.status === 'resolved' || c.status === 'closed';
      expect(c.resolvedAt !== undefined).toBe(finished);
      if (!finished || c.resolvedAt === undefined) {
        expect(c.slaOutcome).toBeUndefined();
        continue;
      }
      expect(c.slaOutcome).toEqual(sla.outcomeAt(c, tiers.get(c.accountId), c.resolvedAt));
      resolved++;
      if (!c.slaOutcome?.firstResponseMet || !c.slaOutcome.resolutionMet) breached++;
    }
    // Some cases are still being worked, some are waiting on the customer, some breached.
    expect(data.cases.some((c) => c.status === 'pending_customer' || c.statusHistory.some((h) => h.status === 'pending_customer'))).toBe(
      true,
    );
    expect(data.cases.some((c) => c.status !== 'resolved' && c.status !== 'closed' && c.assigneeId === undefined)).toBe(true);
    expect(breached / resolved).toBeGreaterThan(0.08);
    expect(breached / resolved).toBeLessThan(0.25);
  });

  it('correlates surveys with how cases went', () => {
    const cases = new Map(data.cases.map((c) => [c.id, c]));
    const csat = { met: [] as number[], breached: [] as number[] };
    for (const s of data.surveys) {
      if (s.survey !== 'csat') continue;
      const outcome = cases.get(s.caseId ?? '')?.slaOutcome;
      expect(outcome).toBeDefined();
      (outcome?.firstResponseMet && outcome.resolutionMet ? csat.met : csat.breached).push(s.score);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(csat.met)).toBeGreaterThan(mean(csat.breached) + 0.7);
    const breachedAccounts = new Set(
      data.cases.filter((c) => c.slaOutcome && !(c.slaOutcome.firstResponseMet && c.slaOutcome.resolutionMet)).map((c) => c.accountId),
    );
    const nps = data.surveys.filter((s) => s.survey === 'nps');
    const withBreach = nps.filter((s) => breachedAccounts.has(s.accountId)).map((s) => s.score);
    const without = nps.filter((s) => !breachedAccounts.has(s.accountId)).map((s) => s.score);
    expect(mean(without)).toBeGreaterThan(mean(withBreach));
  });
});

describe('generateDataset sized by records', () => {
  const sized = { records: 20_000, seed: 7, referenceDate: Date.UTC(2025, 5, 30) };
  const data = collect(generateDataset({ ...sized, batchSize: 500 }));
  const total = Object.values(data).reduce((n: number, docs: ReadonlyArray<unknown>) => n + docs.length, 0);

  it('writes about as many documents as asked for, in every collection', () => {
    expect(total).toBeGreaterThanOrEqual(sized.records);
    expect(total).toBeLessThan(sized.records * 1.01);
    for (const name of Object.keys(crmCollections) as CrmCollectionName[]) expect(data[name].length, name).toBeGreaterThan(0);
    // Believable proportions: a few contacts per account, more orders than deals, more activities than cases.
    expect(data.contacts.length / data.accounts.length).toBeGreaterThan(2);
    expect(data.sales_docs.length).toBeGreaterThan(data.opportunities.length);
    expect(data.activities.length).toBeGreaterThan(data.cases.length);
  });

  it('ends on a whole account and is the same whatever the batch size', () => {
    const again = collect(generateDataset({ ...sized, batchSize: 7 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const last = data.accounts.at(-1)?.id;
    expect(data.contacts.filter((c) => c.accountId === last).length).toBeGreaterThanOrEqual(2);
  });
});
