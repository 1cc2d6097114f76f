import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmError, RequestName, Result, ResultOf } from '../../../../shared/contract';
import { ACCOUNT_IMPORT_FIELDS, CONTACT_IMPORT_FIELDS, type ImportField } from '../../../../shared/contract/customers/import-requests';
import type { ParamsOf } from '../../../../shared/contract/requests';
import type { SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import type { Account, Activity, CampaignMember, Contact, Lead } from '../../../../shared/schemas';
import { TEST_DATABASE_KEY } from '../../../../tests/support/test-database-key';
import { createAccountsHandlers } from '../../customers/accounts-handlers';
import { createContactsHandlers } from '../../customers/contacts-handlers';
import { createImportHandlers } from '../../customers/import/import-handlers';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { createDispatcher } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { getRxStorageSqlite } from '../../storage/sqlite';
import { createSegmentEngine, type SegmentEngine } from './segment-engine';
import { createSegmentFilter } from './segment-filter';
import { createSegmentsHandlers } from './segments-handlers';

const directory = mkdtempSync(join(tmpdir(), 'crm-segments-'));
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };
const NOW = Date.UTC(2026, 11, 7, 9);
const DAY = 86_400_000;
let db: CrmDatabase;
let engine: SegmentEngine;
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

const base = { ownerId: 'rep-1', teamId: 'team-a', createdAt: NOW - 100 * DAY, updatedAt: NOW - 100 * DAY };
const account = (id: string, over: Partial<Account> = {}): Account => ({
  ...base,
  id,
  name: `Account ${id}`,
  status: 'active',
  tier: 'standard',
  region: 'emea',
  currency: 'EUR',
  ...over,
});
const contact = (id: string, accountId: string, over: Partial<Contact> = {}): Contact => ({
  ...base,
  id,
  accountId,
  lastName: `Last ${id}`,
  firstName: 'Ann',
  isPrimary: false,
  doNotContact: false,
  ...over,
});

/** Waits until the engine has taken in the writes (change events arrive asynchronously). */
async function settled(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the segment engine did not take in the change');
}

const retail: SegmentDefinition = { target: 'accounts', root: { op: 'and', items: [{ field: 'industry', op: 'in', values: ['Retail'] }] } };

beforeAll(async () => {
  const storage = getRxStorageSqlite({ directory, databaseKey: TEST_DATABASE_KEY });
  db = await openCrmDatabase({ directory, storage });
  await db.accounts.bulkInsert([
    account('a1', { industry: 'Retail', annualRevenue: 1_234_550, country: 'Germany', phone: '+49 30 1234567', tags: ['vip', 'north'] }),
    account('a2', { industry: 'Energy', name: '=HYPERLINK("http://x")' }),
    account('a3', { industry: 'Retail', name: '零售三号' }),
  ]);
  await db.contacts.bulkInsert([
    contact('c1', 'a1', { preferredLanguage: 'zh-CN', lastContactedAt: NOW - DAY }),
    contact('c2', 'a2'),
    contact('c3', 'a3', { firstName: '伟', lastName: '张' }),
  ]);
  const lead: Lead = { ...base, id: 'l1', lastName: 'Lead', company: 'Prospect Ltd', status: 'new', source: 'web' };
  await db.leads.insert(lead);
  const activity: Activity = {
    ...base,
    id: 'act1',
    type: 'call',
    subject: 'Call',
    done: true,
    doneAt: NOW - 2 * DAY,
    priority: 'normal',
    accountId: 'a1',
    contactId: 'c1',
  };
  await db.activities.insert(activity);
  const member: CampaignMember = {
    ...base,
    id: 'm1',
    kind: 'campaign_member',
    campaignId: 'camp-1',
    leadId: 'l1',
    status: 'responded',
    respondedAt: NOW - DAY,
  };
  await db.marketing.insert(member as never);
  engine = createSegmentEngine({ db, now: () => NOW });
  const deps = { db, actor: { ownerId: 'rep-1', teamId: 'team-a' }, now: () => NOW };
  const dispatcher = createDispatcher([
    createSegmentsHandlers({ ...deps, engine }, { newId: () => `seg-${++ids}` }),
    createImportHandlers({ db, actor: () => deps.actor, now: () => NOW }),
    createAccountsHandlers(deps, { segments: createSegmentFilter(db, () => engine) }).handlers,
    createContactsHandlers(deps, { segments: createSegmentFilter(db, () => engine) }).handlers,
  ]);
  call = (name, params) => dispatcher.dispatch(name, params, context) as never;
});

afterAll(async () => {
  engine.close();
  await db.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('segments handlers', () => {
  it('counts from the index and follows writes', async () => {
    expect(await must('segments.count', { definition: retail })).toEqual({ count: 2, total: 3, computedAt: NOW });
    await db.accounts.insert(account('a4', { industry: 'Retail' }));
    await settled(async () => (await must('segments.count', { definition: retail })).count === 3);
    await (await db.accounts.findOne('a4').exec())!.remove();
    await settled(async () => (await must('segments.count', { definition: retail })).count === 2);
  });

  it('counts leads by their responses and contacts by their own language and activity', async () => {
    const responders: SegmentDefinition = {
      target: 'leads',
      root: { op: 'and', items: [{ field: 'campaignResponse', op: 'responded_to', campaignIds: ['camp-1'] }] },
    };
    expect((await must('segments.count', { definition: responders })).count).toBe(1);
    const chineseRecent: SegmentDefinition = {
      target: 'contacts',
      root: {
        op: 'and',
        items: [
          { field: 'language', op: 'in', values: ['zh'] },
          { field: 'lastActivity', op: 'within_days', days: 7 },
        ],
      },
    };
    expect((await must('segments.count', { definition: chineseRecent })).count).toBe(1);
  });

  it('refuses a condition the target cannot use, in words', async () => {
    const error = await refused('segments.count', {
      definition: { target: 'leads', root: { op: 'and', items: [{ field: 'industry', op: 'in', values: ['Retail'] }] } },
    });
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('does not apply to leads');
  });

  it('saves, lists with sizes, updates and soft-deletes segments', async () => {
    const created = await must('segments.create', { values: { name: '  Retail  ', description: 'Shops', definition: retail } });
    expect(created).toMatchObject({ id: 'seg-1', kind: 'segment', name: 'Retail', visibility: 'team', ownerId: 'rep-1' });
    const list = await must('segments.list', {});
    expect(list.rows.map((r) => [r.name, r.size, r.total])).toEqual([['Retail', 2, 3]]);
    const updated = await must('segments.update', {
      id: 'seg-1',
      patch: {
        name: 'Energy',
        definition: { ...retail, root: { op: 'and', items: [{ field: 'industry', op: 'in', values: ['Energy'] }] } },
      },
    });
    expect(updated.name).toBe('Energy');
    expect((await must('segments.get', { id: 'seg-1' })).size).toBe(1);
    expect(await must('segments.delete', { id: 'seg-1' })).toEqual({ id: 'seg-1' });
    expect((await refused('segments.get', { id: 'seg-1' })).code).toBe('not_found');
    expect((await must('segments.list', {})).total).toBe(0);
    const tombstone = await db.marketing.storageInstance.findDocumentsById(['seg-1'], true);
    expect(tombstone[0]?._deleted).toBe(true);
  });

  it('previews the first records with names and what tells them apart', async () => {
    const preview = await must('segments.preview', { definition: { ...retail, target: 'contacts' }, limit: 10 });
    expect(preview.count).toBe(2);
    expect(preview.rows).toEqual([
      { id: 'c1', name: 'Ann Last c1', detail: 'Account a1' },
      { id: 'c3', name: '张伟', detail: '零售三号' },
    ]);
  });

  it('exports values the customer import reads back without an issue', async () => {
    const everyone: SegmentDefinition = { target: 'accounts', root: { op: 'and', items: [] } };
    const exported = await must('segments.exportCsv', { source: { definition: everyone } });
    expect(exported.rows).toBe(3);
    expect(exported.fileName).toBe('segment-accounts-2026-12-07.csv');
    expect(exported.csv.startsWith('\ufeff')).toBe(true);
    const parsed = Papa.parse<string[]>(exported.csv.slice(1), { skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...ACCOUNT_IMPORT_FIELDS]);
    const a1 = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(a1).toMatchObject({
      id: 'a1',
      status: 'active',
      region: 'emea',
      annualRevenue: '12345.50',
      phone: '+49 30 1234567',
      tags: 'vip; north',
      owner: '',
    });
    // A cell a spreadsheet would run is written as text.
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://x")`);
    // Re-imported here, beside the originals, the ids would collide (the import only inserts): the
    // id column is left unmapped, and every other value must read back without an issue.
    const columns = (header as ImportField[]).map((c) => (c === 'id' ? null : c));
    const preview = await must('import.preview', { entity: 'accounts', columns, rows: [rows[0]!, rows[2]!] });
    expect(preview.issues).toEqual([]);

    const contacts = await must('segments.exportCsv', { source: { definition: { ...retail, target: 'contacts' } } });
    const [cHeader, ...cRows] = Papa.parse<string[]>(contacts.csv.slice(1), { skipEmptyLines: true }).data;
    expect(cHeader).toEqual([...CONTACT_IMPORT_FIELDS]);
    expect(cRows).toHaveLength(2);
    const cColumns = (cHeader as ImportField[]).map((c) => (c === 'id' ? null : c));
    const cPreview = await must('import.preview', { entity: 'contacts', columns: cColumns, rows: cRows });
    expect(cPreview.issues).toEqual([]);
  });

  it('filters the accounts and contacts lists by a saved segment of their kind', async () => {
    const accounts = await must('segments.create', { values: { name: 'Retail accounts', definition: retail } });
    const contacts = await must('segments.create', { values: { name: 'Retail contacts', definition: { ...retail, target: 'contacts' } } });
    const listed = await must('accounts.list', { filter: { segmentId: accounts.id, status: ['active'] } });
    expect(listed.rows.map((r) => r.id)).toEqual(['a1', 'a3']);
    expect(listed.total).toBe(2);
    const people = await must('contacts.list', { filter: { segmentId: contacts.id } });
    expect(people.rows.map((r) => r.id).sort()).toEqual(['c1', 'c3']);
    const wrong = await refused('accounts.list', { filter: { segmentId: contacts.id } });
    expect(wrong.code).toBe('invalid_request');
    expect(wrong.message).toContain('selects contacts, not accounts');
    expect((await refused('accounts.list', { filter: { segmentId: 'nope' } })).code).toBe('not_found');
  });
});
