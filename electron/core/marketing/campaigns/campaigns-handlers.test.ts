import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom, take, timeout } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmError, RequestName, Result, ResultOf } from '../../../../shared/contract';
import type { ParamsOf } from '../../../../shared/contract/requests';
import type { CampaignValues } from '../../../../shared/contract/marketing/campaigns-requests';
import type { Lead, Opportunity, Segment } from '../../../../shared/schemas';
import { testAccount, testContact } from '../../../../tests/support/service-test-setup';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { createDispatcher } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { getRxStorageSqlite } from '../../storage/sqlite';
import { createCampaignFiguresSource, type CampaignFiguresSource } from './campaign-figures-source';
import { createCampaignsHandlers } from './campaigns-handlers';

const directory = mkdtempSync(join(tmpdir(), 'crm-campaigns-'));
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };
const start = Date.UTC(2026, 2, 2, 9);
const DAY = 86_400_000;
let db: CrmDatabase;
let figures: CampaignFiguresSource;
let now = start;
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

const spring: CampaignValues = {
  name: 'Spring fair',
  type: 'event',
  status: 'active',
  startDate: '2026-03-01',
  endDate: '2026-03-31',
  currency: 'EUR',
  budget: 500_000,
  actualCost: 400_000,
};

const stamp = { ownerId: 'rep-1', teamId: 'team-a', createdAt: start, updatedAt: start };
const wonDeal = (id: string, contactId: string, amount: number): Opportunity => ({
  ...stamp,
  id,
  accountId: 'acc1',
  primaryContactId: contactId,
  name: `Deal ${id}`,
  stage: 'closed_won',
  amount,
  currency: 'EUR',
  probability: 100,
  forecastCategory: 'closed',
  closeDate: '2026-03-20',
  closedAt: start + 18 * DAY,
  lineItems: [],
  stageHistory: [{ stage: 'closed_won', at: start + 18 * DAY }],
});

beforeAll(async () => {
  const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
  db = await openCrmDatabase({ directory, storage });
  await db.accounts.bulkInsert([testAccount('acc1', start), testAccount('acc2', start)]);
  await db.contacts.bulkInsert([
    testContact('c1', 'acc1', start),
    testContact('c2', 'acc1', start),
    { ...testContact('c3', 'acc2', start), doNotContact: true },
  ]);
  const lead: Lead = { ...stamp, id: 'l1', lastName: 'Lead One', company: 'Prospect Ltd', status: 'working', source: 'event' };
  await db.leads.insert(lead);
  figures = createCampaignFiguresSource(db);
  const deps = {
    db,
    actor: { ownerId: 'rep-1', teamId: 'team-a' },
    now: () => now,
    figures,
    // The segment engine is the segments area's; a stand-in that lists the accounts the test names.
    segments: { ids: (definition: Segment['definition']) => (definition.target === 'accounts' ? ['acc1', 'acc2'] : []) },
  };
  const dispatcher = createDispatcher([createCampaignsHandlers(deps, { newId: () => `id-${++ids}` })]);
  call = (name, params) => dispatcher.dispatch(name, params, context) as never;
});

afterAll(async () => {
  figures.close();
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('campaigns handlers', () => {
  let campaignId = '';

  it('creates a campaign owned by the creator, with zero figures', async () => {
    const created = await must('campaigns.create', { values: spring });
    campaignId = created.id;
    expect(created).toMatchObject({ kind: 'campaign', name: 'Spring fair', ownerId: 'rep-1', members: 0 });
    expect(created.figures.even_split).toMatchObject({ revenue: 0, roi: -1, leads: 0, costPerLead: null });
    const list = await must('campaigns.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([campaignId]);
  });

  it('refuses an end before the start in words, and an update that would make it so, changing nothing', async () => {
    const create = await refused('campaigns.create', { values: { ...spring, endDate: '2026-02-01' } });
    expect(create.message).toMatch(/end date must be on or after the start date/);
    const update = await refused('campaigns.update', { id: campaignId, patch: { endDate: '2026-02-28' } });
    expect(update.message).toMatch(/end date must be on or after the start date/);
    const negative = await refused('campaigns.update', { id: campaignId, patch: { budget: -5 } });
    expect(negative.code).toBe('invalid_request');
    expect((await must('campaigns.get', { id: campaignId })).endDate).toBe('2026-03-31');
    expect((await must('campaigns.list', {})).total).toBe(1);
  });

  it('adds members by hand, skips those already in, and refuses unknown ids adding no one', async () => {
    const added = await must('campaigns.addMembers', { campaignId, contactIds: ['c1', 'c3'], leadIds: ['l1'] });
    expect(added).toEqual({ added: 3, skippedExisting: 0, optedOut: 1 });
    const again = await must('campaigns.addMembers', { campaignId, contactIds: ['c1'] });
    expect(again).toEqual({ added: 0, skippedExisting: 1, optedOut: 0 });
    const unknown = await refused('campaigns.addMembers', { campaignId, contactIds: ['c2', 'nobody'] });
    expect(unknown.message).toMatch(/No one was added: 1 contact\(s\) \(nobody\)/);
    const members = await must('campaigns.members', { campaignId });
    expect(members.total).toBe(3);
    expect(members.rows.find((r) => r.contactId === 'c3')).toMatchObject({ optedOut: true, accountName: 'Account acc2' });
    expect(members.rows.find((r) => r.leadId === 'l1')).toMatchObject({ name: 'Lead One', accountName: 'Prospect Ltd' });
  });

  it('adds an account segment as the accounts’ contacts and remembers the segment', async () => {
    const segment = {
      ...stamp,
      id: 'seg-1',
      kind: 'segment',
      name: 'All',
      definition: { target: 'accounts', root: { op: 'and', items: [] } },
    } as const;
    await db.marketing.insert(segment);
    const added = await must('campaigns.addMembers', { campaignId, segmentId: 'seg-1' });
    expect(added).toEqual({ added: 1, skippedExisting: 2, optedOut: 0 });
    const detail = await must('campaigns.get', { id: campaignId });
    expect(detail).toMatchObject({ members: 4, segmentName: 'All', segmentId: 'seg-1' });
  });

  it('logs a response with its time, refuses the same status again, and filters members by status', async () => {
    const members = await must('campaigns.members', { campaignId });
    const c1 = members.rows.find((r) => r.contactId === 'c1')!;
    now = start + 5 * DAY;
    const logged = await must('campaigns.logResponse', { memberId: c1.id, status: 'responded' });
    expect(logged).toMatchObject({ status: 'responded', respondedAt: start + 5 * DAY });
    now = start + 6 * DAY;
    const attended = await must('campaigns.logResponse', { memberId: c1.id, status: 'attended' });
    expect(attended.respondedAt).toBe(start + 5 * DAY);
    expect((await refused('campaigns.logResponse', { memberId: c1.id, status: 'attended' })).code).toBe('invalid_state');
    const responded = await must('campaigns.members', { campaignId, status: ['attended'] });
    expect(responded.rows.map((r) => r.id)).toEqual([c1.id]);
  });

  it('credits a won deal of a responding contact: revenue and ROI change and the source says so', async () => {
    const before = await must('campaigns.get', { id: campaignId });
    expect(before.figures.first_touch.revenue).toBe(0);
    const changed = firstValueFrom(figures.changed$.pipe(take(1), timeout(5_000)));
    await db.opportunities.insert(wonDeal('o1', 'c1', 1_200_000));
    await changed;
    const after = await must('campaigns.get', { id: campaignId });
    for (const model of ['first_touch', 'last_touch', 'even_split'] as const) {
      expect(after.figures[model].revenue).toBe(1_200_000);
      expect(after.figures[model].roi).toBeCloseTo((1_200_000 - 400_000) / 400_000);
      expect(after.figures[model].costPerWonDeal).toBe(400_000);
    }
    expect(after.figures.even_split.funnel.map((s) => s.count)).toEqual([4, 1, 1, 1, 1, 0]);
    const row = (await must('campaigns.list', { model: 'last_touch' })).rows[0]!;
    expect(row).toMatchObject({ revenue: 1_200_000, wonDeals: 1 });
  });

  it('updates cost and clears the description; removes a member', async () => {
    await must('campaigns.update', { id: campaignId, patch: { description: 'Stand B12' } });
    const updated = await must('campaigns.update', { id: campaignId, patch: { actualCost: 600_000 }, unset: ['description'] });
    expect(updated.description).toBeUndefined();
    expect(updated.figures.first_touch.roi).toBeCloseTo(1);
    const lead = (await must('campaigns.members', { campaignId })).rows.find((r) => r.leadId === 'l1')!;
    await must('campaigns.removeMember', { memberId: lead.id });
    expect((await must('campaigns.get', { id: campaignId })).members).toBe(3);
    expect((await refused('campaigns.removeMember', { memberId: campaignId })).code).toBe('not_found');
  });

  it('lists options newest first and filters the list by type and status', async () => {
    await must('campaigns.create', {
      values: { ...spring, name: 'Autumn mailing', type: 'email', startDate: '2026-09-01', endDate: '2026-09-02' },
    });
    expect((await must('campaigns.options', {})).map((o) => o.name)).toEqual(['Autumn mailing', 'Spring fair']);
    expect((await must('campaigns.list', { filter: { type: ['email'] } })).rows.map((r) => r.name)).toEqual(['Autumn mailing']);
    expect((await must('campaigns.list', { filter: { status: ['planned'] } })).total).toBe(0);
    expect((await must('campaigns.list', { sort: { field: 'roi', direction: 'desc' } })).rows.map((r) => r.name)).toEqual([
      'Spring fair',
      'Autumn mailing',
    ]);
  });
});
