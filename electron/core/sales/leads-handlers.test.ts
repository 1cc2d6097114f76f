import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LeadRecord } from '../../../shared/contract/sales/leads-requests';
import type { Account, Campaign, CampaignMember } from '../../../shared/schemas';
import { createCore, LOCAL_ACTOR, type Core } from '../core';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { Session } from '../rpc/session';
import { createLeadMemberships } from './lead-campaign-members';
import { companyMailDomain, normaliseCompanyName } from './lead-duplicates';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-leads-'));
const now = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
let core: Core;
let session: Session;

const account = (id: string, fields: Partial<Account> & { name: string }): Account => ({
  id,
  ownerId: 'rep-2',
  teamId: 't',
  createdAt: now,
  updatedAt: now,
  status: 'active',
  tier: 'standard',
  region: 'emea',
  currency: 'EUR',
  ...fields,
});

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', now: () => now });
  session = core.openSession(() => undefined);
  const filler = Array.from({ length: 300 }, (_, i) => account(`filler-${i}`, { name: `Northwind Trading ${i}`, city: 'Berlin' }));
  await core.db.accounts.bulkInsert([
    ...filler,
    account('acme-de', { name: 'ACME GmbH', city: 'Munich' }),
    account('acme-web', { name: 'Acme Holdings', domain: 'acme-industries.com' }),
    account('acme-phone', { name: 'Roadrunner Supplies', phone: '+49 89 1234 5678' }),
    account('acme-mail', { name: 'Coyote & Partners', email: 'info@gmail.com' }),
    account('other', { name: 'Acme Rockets Unlimited' }),
  ]);
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createLead(values: Record<string, unknown>) {
  const created = await session.call('leads.create', { values: { lastName: 'Wile', status: 'new', source: 'web', ...values } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe('duplicate rule', () => {
  it('ignores case, punctuation, width and legal form, and never counts public mail domains', () => {
    expect(normaliseCompanyName('ACME Corp.')).toBe('acme');
    expect(normaliseCompanyName('Acme Corporation')).toBe('acme');
    expect(normaliseCompanyName('ＡＣＭＥ Ltd')).toBe('acme');
    expect(normaliseCompanyName('上海华为技术有限公司')).toBe('上海华为技术');
    expect(normaliseCompanyName('Ltd')).toBe('ltd');
    expect(companyMailDomain('w.coyote@Acme-Industries.com')).toBe('acme-industries.com');
    expect(companyMailDomain('someone@gmail.com')).toBeUndefined();
  });
});

describe('leads.convertCandidates', () => {
  it('finds accounts with the same normalised name, e-mail domain or phone, and only those', async () => {
    const lead = await createLead({ company: 'Acme Ltd', email: 'wile@acme-industries.com', phone: '089 12345678' });
    const result = await session.call('leads.convertCandidates', { id: lead.id });
    if (!result.ok) throw new Error(result.error.message);
    const byId = Object.fromEntries(result.value.candidates.map((c) => [c.id, c.reasons]));
    // The duplicate engine also counts "Acme Holdings" as a similar name next to the shared domain.
    expect(byId).toEqual({ 'acme-de': ['name'], 'acme-web': ['domain', 'name'], 'acme-phone': ['phone'] });
    expect(result.value.candidates.find((c) => c.id === 'acme-web')?.matchReasons).toEqual(expect.arrayContaining(['same_domain']));
  });

  it('finds the contact the lead is already, by e-mail and name', async () => {
    await core.db.contacts.insert({
      id: 'wile-contact',
      ownerId: 'u1',
      teamId: 't',
      createdAt: now,
      updatedAt: now,
      accountId: 'acme-web',
      firstName: 'E.',
      lastName: 'Wile',
      email: 'wile@acme-industries.com',
      isPrimary: true,
      doNotContact: false,
    });
    const lead = await createLead({ firstName: 'E.', company: 'Acme Ltd', email: 'wile@acme-industries.com' });
    const result = await session.call('leads.convertCandidates', { id: lead.id });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.contactCandidates[0]).toMatchObject({ id: 'wile-contact', subtitle: 'Acme Holdings' });
    expect(result.value.contactCandidates[0]?.reasons).toContain('same_email');
  });

  it('finds nothing for a lead whose company is new, and a public mail domain is no evidence', async () => {
    const lead = await createLead({ company: 'Brand New Ventures', email: 'x@gmail.com' });
    const result = await session.call('leads.convertCandidates', { id: lead.id });
    expect(result.ok && result.value.candidates).toEqual([]);
  });
});

describe('leads.get and leads.update', () => {
  it('updates fields, clears the ones asked, and refuses a stale revision with conflict', async () => {
    const lead = await createLead({ company: 'Gadget Co', title: 'Buyer', city: 'Lyon' });
    const updated = await session.call('leads.update', {
      id: lead.id,
      patch: { company: 'Gadget SA', rating: 'hot' },
      unset: ['title'],
      expectedRevision: lead.revision,
    });
    if (!updated.ok) throw new Error(updated.error.message);
    expect(updated.value).toMatchObject({ company: 'Gadget SA', rating: 'hot', city: 'Lyon' });
    expect(updated.value.title).toBeUndefined();

    const stale = await session.call('leads.update', { id: lead.id, patch: { city: 'Paris' }, expectedRevision: lead.revision });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('conflict');
    const got = await session.call('leads.get', { id: lead.id });
    expect(got.ok && got.value.city).toBe('Lyon');
    expect(got.ok && got.value.revision).toBe(updated.value.revision);
  });

  it('lists the current user\'s leads with "mine"', async () => {
    await createLead({ lastName: 'Mine', company: 'Own Co' });
    await createLead({ lastName: 'Theirs', ownerId: 'rep-9' });
    const mine = await session.call('leads.list', { filter: { mine: true }, limit: 500 });
    if (!mine.ok) throw new Error(mine.error.message);
    const rows: ReadonlyArray<LeadRecord> = mine.value.rows;
    expect(rows.every((row) => row.ownerId === LOCAL_ACTOR.ownerId && row.mine)).toBe(true);
    expect(mine.value.rows.some((row) => row.lastName === 'Mine')).toBe(true);
  });
});

describe('leads.convert into an existing account', () => {
  it('writes no new account and links the contact, the deal and the lead to the chosen one', async () => {
    const lead = await createLead({ company: 'Acme Ltd', email: 'wile@acme-industries.com' });
    const accountsBefore = await core.db.accounts.count().exec();
    const result = await session.call('leads.convert', {
      id: lead.id,
      existingAccountId: 'acme-web',
      opportunityName: 'Rockets',
      currency: 'EUR',
      closeDate: '2026-09-30',
      expectedRevision: lead.revision,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(await core.db.accounts.count().exec()).toBe(accountsBefore);
    expect(result.value.accountId).toBe('acme-web');
    expect(result.value.lead).toMatchObject({ status: 'converted', convertedAccountId: 'acme-web' });
    expect((await core.db.contacts.findOne(result.value.contactId).exec())?.accountId).toBe('acme-web');
    expect((await core.db.opportunities.findOne(result.value.opportunityId).exec())?.accountId).toBe('acme-web');

    const edit = await session.call('leads.update', { id: lead.id, patch: { city: 'Oslo' } });
    expect(edit.ok ? 'ok' : edit.error.code).toBe('invalid_state');
  });
});

describe("leads.convert and the lead's campaign memberships", () => {
  const campaign = (id: string): Campaign => ({
    id,
    ownerId: 'rep-2',
    teamId: 't',
    createdAt: now - 30 * DAY,
    updatedAt: now - 30 * DAY,
    kind: 'campaign',
    name: `Campaign ${id}`,
    type: 'event',
    status: 'active',
    startDate: '2026-05-01',
    endDate: '2026-06-30',
    currency: 'EUR',
    budget: 100_000,
    actualCost: 50_000,
  });
  const member = (id: string, campaignId: string, fields: Partial<CampaignMember>): CampaignMember => ({
    id,
    ownerId: 'rep-2',
    teamId: 't',
    createdAt: now - 20 * DAY,
    updatedAt: now - 10 * DAY,
    kind: 'campaign_member',
    campaignId,
    status: 'targeted',
    ...fields,
  });
  const storedMember = async (id: string) => (await core.db.marketing.findOne(id).exec())?.toJSON() as CampaignMember;
  const convert = (lead: LeadRecord, extra: Record<string, unknown> = {}) =>
    session.call('leads.convert', { id: lead.id, opportunityName: 'First order', currency: 'EUR', closeDate: '2026-09-30', ...extra });

  beforeAll(async () => {
    await core.db.marketing.bulkInsert([campaign('fair'), campaign('mailing')]);
  });

  it('moves every membership to converted, keeping a recorded response time and setting the conversion time otherwise', async () => {
    const lead = await createLead({ company: 'Two Campaigns Ltd' });
    const other = await createLead({ company: 'Bystander Ltd' });
    const respondedAt = now - 5 * DAY;
    await core.db.marketing.bulkInsert([
      member('m-fair', 'fair', { leadId: lead.id, status: 'responded', respondedAt }),
      member('m-mail', 'mailing', { leadId: lead.id, status: 'sent', sentAt: now - 8 * DAY }),
      member('m-other', 'mailing', { leadId: other.id, status: 'sent' }),
    ]);
    // The campaign figures are loaded first, so the conversion reaches them through the change stream.
    const counts = async () => {
      const got = await session.call('campaigns.get', { id: 'mailing' });
      if (!got.ok) throw new Error(got.error.message);
      return got.value.statusCounts;
    };
    expect(await counts()).toMatchObject({ sent: 2, converted: 0 });
    const result = await convert(lead);
    if (!result.ok) throw new Error(result.error.message);
    expect(await counts()).toMatchObject({ sent: 1, converted: 1 });

    expect(await storedMember('m-fair')).toMatchObject({ status: 'converted', respondedAt, updatedAt: now });
    expect(await storedMember('m-mail')).toMatchObject({ status: 'converted', respondedAt: now, sentAt: now - 8 * DAY, updatedAt: now });
    // Another lead's membership in the same campaign is not touched.
    expect(await storedMember('m-other')).toMatchObject({ status: 'sent', updatedAt: now - 10 * DAY });
    expect((await storedMember('m-other')).respondedAt).toBeUndefined();
    expect(result.value.lead.status).toBe('converted');
  });

  it('converts a lead with no memberships as before, and writes no member', async () => {
    const lead = await createLead({ company: 'Unreached Ltd' });
    const membersBefore = await core.db.marketing.count({ selector: { kind: 'campaign_member' } }).exec();
    const result = await convert(lead);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.lead).toMatchObject({ status: 'converted', convertedOpportunityId: result.value.opportunityId });
    expect(await core.db.marketing.count({ selector: { kind: 'campaign_member' } }).exec()).toBe(membersBefore);
  });

  it('writes nothing, members included, when the conversion is refused', async () => {
    const lead = await createLead({ lastName: 'Nameless' }); // no company, so a new account has no name
    await core.db.marketing.insert(member('m-refused', 'fair', { leadId: lead.id, status: 'opened' }));
    const before = (await core.db.marketing.findOne('m-refused').exec())!.revision;
    const counts = async () =>
      Promise.all([core.db.accounts.count().exec(), core.db.contacts.count().exec(), core.db.opportunities.count().exec()]);
    const countsBefore = await counts();

    const noName = await convert(lead);
    expect(noName.ok ? 'ok' : noName.error.code).toBe('invalid_request');
    const noAccount = await convert(lead, { existingAccountId: 'no-such-account' });
    expect(noAccount.ok ? 'ok' : noAccount.error.code).toBe('not_found');

    expect(await counts()).toEqual(countsBefore);
    expect((await core.db.marketing.findOne('m-refused').exec())!.revision).toBe(before);
    expect(await storedMember('m-refused')).toMatchObject({ status: 'opened' });
    const got = await session.call('leads.get', { id: lead.id });
    expect(got.ok && got.value.status).toBe('new');
  });

  it('leaves a membership already converted as it was', async () => {
    const lead = await createLead({ company: 'Converted Before Ltd' });
    await core.db.marketing.insert(member('m-done', 'fair', { leadId: lead.id, status: 'converted', respondedAt: now - 3 * DAY }));
    const before = (await core.db.marketing.findOne('m-done').exec())!.revision;
    const result = await convert(lead);
    if (!result.ok) throw new Error(result.error.message);
    expect((await core.db.marketing.findOne('m-done').exec())!.revision).toBe(before);
  });
});

describe('leads.convert when the memberships cannot be written', () => {
  it('undoes the whole conversion: no contact, deal or account is left and the lead is as it was', async () => {
    await core.db.marketing.insert({
      id: 'c-undo',
      ownerId: 'rep-2',
      teamId: 't',
      createdAt: now,
      updatedAt: now,
      kind: 'campaign',
      name: 'Undo fair',
      type: 'trade_show',
      status: 'active',
      startDate: '2026-06-01',
      endDate: '2026-06-30',
      currency: 'EUR',
      budget: 0,
      actualCost: 0,
    });
    const lead = await createLead({ company: 'Unlucky Ltd' });
    const memberDoc = { id: 'm-undo', ownerId: 'rep-2', teamId: 't', createdAt: now, updatedAt: now - DAY };
    await core.db.marketing.insert({ ...memberDoc, kind: 'campaign_member', campaignId: 'c-undo', leadId: lead.id, status: 'sent' });
    const counts = async () =>
      Promise.all([core.db.accounts.count().exec(), core.db.contacts.count().exec(), core.db.opportunities.count().exec()]);
    const countsBefore = await counts();
    const storage = core.db.marketing.storageInstance;
    const spy = vi.spyOn(storage, 'bulkWrite').mockImplementationOnce(async (rows) => ({
      error: rows.map((row) => ({
        isError: true as const,
        status: 422 as const,
        documentId: row.document.id,
        writeRow: row,
        validationErrors: [],
        context: 'test',
        schema: storage.schema,
      })),
    }));
    try {
      const result = await session.call('leads.convert', {
        id: lead.id,
        opportunityName: 'Never',
        currency: 'EUR',
        closeDate: '2026-09-30',
      });
      expect(result.ok ? 'ok' : result.error.code).toBe('internal');
    } finally {
      spy.mockRestore();
    }
    expect(await counts()).toEqual(countsBefore);
    const got = await session.call('leads.get', { id: lead.id });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.status).toBe('new');
    expect(got.value.convertedOpportunityId).toBeUndefined();
    expect((await core.db.marketing.findOne('m-undo').exec())?.toJSON()).toMatchObject({ status: 'sent', updatedAt: now - DAY });
  });
});

describe('lead memberships written after a concurrent change', () => {
  it('reads a membership that changed since it was planned again and converts it as it now is', async () => {
    const memberships = createLeadMemberships({ db: core.db, actor: LOCAL_ACTOR, now: () => now });
    await core.db.marketing.insert({
      id: 'm-race',
      ownerId: 'rep-2',
      teamId: 't',
      createdAt: now,
      updatedAt: now - DAY,
      kind: 'campaign_member',
      campaignId: 'c-undo',
      leadId: 'lead-race',
      status: 'sent',
    });
    const rows = await memberships.plan('lead-race', now);
    expect(rows.map((row) => row.document.status)).toEqual(['converted']);
    // A sync pull lands between the plan and the write: the member responded on another device.
    await (await core.db.marketing.findOne('m-race').exec())!.incrementalPatch({ status: 'attended', respondedAt: now - 2 * DAY });
    expect(await memberships.write(rows, 'lead-race', now)).toEqual(['m-race']);
    expect((await core.db.marketing.findOne('m-race').exec())?.toJSON()).toMatchObject({ status: 'converted', respondedAt: now - 2 * DAY });
  });
});
