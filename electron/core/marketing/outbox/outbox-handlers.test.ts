import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmError, RequestName, Result, ResultOf } from '../../../../shared/contract';
import type { EmailDraft, OutboxRecord } from '../../../../shared/contract/marketing/outbox-requests';
import type { ParamsOf } from '../../../../shared/contract/requests';
import type { Account, Campaign, CampaignMember, Contact, Lead, OutboxMessage, User } from '../../../../shared/schemas';
import { UNSUBSCRIBE_PLACEHOLDER_URL } from '../../../../shared/schemas/marketing';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { accountTimeline } from '../../customers/account-timeline';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { createDispatcher } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { getRxStorageSqlite } from '../../storage/sqlite';
import { createOutboxHandlers } from './outbox-handlers';

const directory = mkdtempSync(join(tmpdir(), 'crm-outbox-'));
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };
const at = Date.UTC(2026, 11, 1, 9);
const base = { ownerId: 'rep-1', teamId: 'team-a', createdAt: at, updatedAt: at };
let db: CrmDatabase;
let ids = 0;
let call: <K extends RequestName>(name: K, params: ParamsOf<K>) => Promise<Result<ResultOf<K>>>;

async function must<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
  const answer = await call(name, params);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value;
}
async function refused<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<CrmError> {
  const answer = await call(name, params);
  if (answer.ok) throw new Error(`${name} was accepted`);
  return answer.error;
}

const draft: EmailDraft = {
  language: 'en',
  format: 'markdown',
  subject: 'Hello {{contact.firstName | there}}',
  body: 'Dear {{contact.fullName}},\n\nsee you in {{account.city}}. {{rep.name}}',
};

const account = (id: string, name: string, city: string): Account =>
  ({ ...base, id, name, city, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' }) as Account;
const contact = (id: string, firstName: string, lastName: string, extra: Partial<Contact> = {}): Contact =>
  ({ ...base, id, accountId: 'acc-1', firstName, lastName, email: `${id}@example.com`, doNotContact: false, ...extra }) as Contact;
const member = (id: string, who: { contactId: string } | { leadId: string }): CampaignMember => ({
  ...base,
  id,
  kind: 'campaign_member',
  campaignId: 'cmp-1',
  status: 'targeted',
  ...who,
});

beforeAll(async () => {
  const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
  db = await openCrmDatabase({ directory, storage });
  const deps = { db, actor: { ownerId: 'rep-1', teamId: 'team-a' }, now: () => at };
  const dispatcher = createDispatcher([createOutboxHandlers(deps, { newId: () => `msg-${++ids}` })]);
  call = (name, params) => dispatcher.dispatch(name, params, context) as never;

  await db.org.insert({ ...base, id: 'rep-1', kind: 'user', name: 'Rita Rep', email: 'rita@crm.test', role: 'rep', active: true } as User);
  await db.accounts.insert(account('acc-1', 'Acme GmbH', 'Berlin'));
  await db.contacts.bulkInsert([
    contact('c-anna', 'Anna', 'Schmidt'),
    contact('c-out', 'Otto', 'Opted', { doNotContact: true }),
    contact('c-none', 'Nora', 'Noaddress', { email: undefined }),
    contact('c-wei', '伟', '张'),
  ]);
  await db.leads.insert({
    ...base,
    id: 'lead-1',
    lastName: 'Lee',
    email: 'lee@lead.test',
    company: 'Lee Ltd',
    status: 'new',
    source: 'web',
  } as Lead);
  await db.marketing.insert({
    ...base,
    id: 'cmp-1',
    kind: 'campaign',
    name: 'Spring fair',
    type: 'email',
    status: 'active',
    startDate: '2026-12-01',
    endDate: '2026-12-31',
    currency: 'EUR',
    budget: 0,
    actualCost: 0,
  } as Campaign);
  await db.marketing.bulkInsert([
    member('m-anna', { contactId: 'c-anna' }),
    member('m-out', { contactId: 'c-out' }),
    member('m-none', { contactId: 'c-none' }),
    member('m-wei', { contactId: 'c-wei' }),
    member('m-lead', { leadId: 'lead-1' }),
  ]);
});

afterAll(async () => {
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

const message = async (id: string): Promise<OutboxMessage> => (await db.marketing.findOne(id).exec())?.toJSON() as OutboxMessage;

describe('outbox handlers', () => {
  it('previews a draft for a member with contact, account and rep filled, and says when a contact opted out', async () => {
    const preview = await must('outbox.preview', { draft, recipient: { memberId: 'm-anna' } });
    expect(preview).toMatchObject({ ok: true, to: 'c-anna@example.com', toName: 'Anna Schmidt', subject: 'Hello Anna', optedOut: false });
    if (!preview.ok) throw new Error('no preview');
    expect(preview.text).toContain('Dear Anna Schmidt');
    expect(preview.text).toContain('see you in Berlin. Rita Rep');
    expect(preview.text).toContain(UNSUBSCRIBE_PLACEHOLDER_URL);
    expect(await must('outbox.preview', { draft, recipient: { contactId: 'c-out' } })).toMatchObject({ ok: true, optedOut: true });
    expect(await must('outbox.preview', { draft, recipient: { leadId: 'lead-1' } })).toMatchObject({ ok: true, subject: 'Hello there' });
    const broken = await must('outbox.preview', {
      draft: { ...draft, subject: 'Hi {{contact.nickname}}' },
      recipient: { contactId: 'c-anna' },
    });
    expect(broken).toMatchObject({ ok: false, errors: [{ code: 'unknown_field', part: 'subject' }] });
  });

  it('queues one rendered message per member with an address who has not opted out, and links each member to it', async () => {
    const result = await must('outbox.queueCampaign', { campaignId: 'cmp-1', draft });
    expect(result).toEqual({ queued: 3, skippedOptedOut: 1, skippedNoAddress: 1, skippedAlreadyQueued: 0 });
    const list = await must('outbox.list', { campaignId: 'cmp-1' });
    const rows = list.rows as ReadonlyArray<OutboxRecord>;
    expect(list.total).toBe(3);
    expect(rows.map((row) => row.to).sort()).toEqual(['c-anna@example.com', 'c-wei@example.com', 'lee@lead.test']);
    expect(rows.every((row) => row.campaignName === 'Spring fair' && row.status === 'queued' && row.ownerId === 'rep-1')).toBe(true);
    const wei = rows.find((row) => row.contactId === 'c-wei');
    expect(wei).toMatchObject({ toName: '张伟', accountName: 'Acme GmbH', subject: 'Hello 伟' });
    const members = await db.marketing.findByIds(['m-anna', 'm-out', 'm-lead']).exec();
    expect((members.get('m-anna')?.toJSON() as CampaignMember).messageId).toMatch(/^msg-/);
    expect((members.get('m-out')?.toJSON() as CampaignMember).messageId).toBeUndefined();
    expect((members.get('m-lead')?.toJSON() as CampaignMember).messageId).toBe(rows.find((r) => r.leadId === 'lead-1')?.id);
    // Queueing again skips members whose message is still on its way.
    expect(await must('outbox.queueCampaign', { campaignId: 'cmp-1', draft })).toMatchObject({ queued: 0, skippedAlreadyQueued: 3 });
    expect(await must('outbox.counts', { campaignId: 'cmp-1' })).toMatchObject({ queued: 3, sent: 0, cancelled: 0 });
  });

  it('refuses a draft that does not render and an unknown campaign, writing nothing', async () => {
    const before = (await must('outbox.counts', {})).queued;
    expect(await refused('outbox.queueCampaign', { campaignId: 'cmp-1', draft: { ...draft, body: '{{contact.firstName' } })).toMatchObject({
      code: 'invalid_request',
    });
    expect(await refused('outbox.queueCampaign', { campaignId: 'nope', draft })).toMatchObject({ code: 'not_found' });
    expect((await must('outbox.counts', {})).queued).toBe(before);
  });

  it('queues a one-to-one follow-up about a deal that shows on the contact timeline, never to an opted-out contact', async () => {
    await db.opportunities.insert({
      ...base,
      id: 'opp-1',
      accountId: 'acc-1',
      name: 'Printers',
      stage: 'prospecting',
      amount: 100_00,
      currency: 'EUR',
      closeDate: '2027-01-31',
      probability: 10,
      forecastCategory: 'pipeline',
      stageHistory: [{ stage: 'prospecting', at }],
      lineItems: [],
    } as never);
    const sent = await must('outbox.queueFollowUp', { contactId: 'c-anna', opportunityId: 'opp-1', draft });
    expect(sent).toMatchObject({ status: 'queued', opportunityId: 'opp-1', contactId: 'c-anna', accountName: 'Acme GmbH' });
    expect(sent).not.toHaveProperty('campaignId');
    expect(await refused('outbox.queueFollowUp', { contactId: 'c-out', draft })).toMatchObject({
      code: 'invalid_state',
      reason: 'opted_out',
    });
    expect(await refused('outbox.queueFollowUp', { contactId: 'c-none', draft })).toMatchObject({ code: 'invalid_state' });
    expect((await must('outbox.list', { opportunityId: 'opp-1' })).rows.map((r) => r.id)).toEqual([sent.id]);
    const timeline = await accountTimeline(db, 'acc-1', 'c-anna', 20);
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({ kind: 'email', messageId: sent.id, subject: 'Hello Anna', status: 'queued', opportunityId: 'opp-1' }),
    );
  });

  it('cancels a queued message only', async () => {
    const queued = (await must('outbox.list', { contactId: 'c-wei' })).rows[0];
    if (!queued) throw new Error('no message');
    expect(await must('outbox.cancel', { id: queued.id })).toMatchObject({ status: 'cancelled' });
    expect((await message(queued.id)).status).toBe('cancelled');
    expect(await refused('outbox.cancel', { id: queued.id })).toMatchObject({ code: 'invalid_state' });
    expect(await refused('outbox.cancel', { id: 'cmp-1' })).toMatchObject({ code: 'not_found' });
    // A cancelled message frees its member for the next queueing.
    expect(await must('outbox.queueCampaign', { campaignId: 'cmp-1', draft, memberIds: ['m-wei'] })).toMatchObject({ queued: 1 });
  });

  it('queues thousands of members in bulk within seconds', async () => {
    const n = 2_000;
    await db.marketing.insert({ ...(await db.marketing.findOne('cmp-1').exec())?.toJSON(), id: 'cmp-big' } as Campaign);
    await db.contacts.bulkInsert(Array.from({ length: n }, (_, i) => contact(`bulk-${i}`, `First${i}`, `Last${i}`)));
    await db.marketing.bulkInsert(
      Array.from({ length: n }, (_, i) => ({ ...member(`bm-${i}`, { contactId: `bulk-${i}` }), campaignId: 'cmp-big' })),
    );
    const started = performance.now();
    expect(await must('outbox.queueCampaign', { campaignId: 'cmp-big', draft })).toMatchObject({ queued: n });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await must('outbox.counts', { campaignId: 'cmp-big' })).queued).toBe(n);
  });
});
