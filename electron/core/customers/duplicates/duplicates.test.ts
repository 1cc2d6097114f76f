import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName, Result, ResultOf } from '../../../../shared/contract';
import type { ParamsOf } from '../../../../shared/contract/requests';
import type { AuthSession } from '../../../../shared/contract/sync/sync-types';
import type { Account, Activity, Case, Contact, MergeUndo, Opportunity, SalesDoc, SurveyResponse } from '../../../../shared/schemas';
import { tempDirectory, testStorage } from '../../../../tests/support/test-storage';
import { openCrmDatabase, type CrmDatabase } from '../../db/open-crm-database';
import { createDispatcher, type Dispatcher } from '../../rpc/dispatcher';
import type { SessionContext } from '../../rpc/handler-types';
import { createAccountsHandlers } from '../accounts-handlers';
import { createContactsHandlers } from '../contacts-handlers';
import { createImportHandlers } from '../import/import-handlers';
import { DEFAULT_DUPLICATE_THRESHOLD } from '../../../../shared/dedup/duplicate-index';
import type { DuplicateSource } from './duplicate-source';
import { createDuplicatesHandlers } from './duplicates-handlers';

const NOW = Date.UTC(2026, 11, 1, 9);
const base = { ownerId: 'u-rep', teamId: 't-1', createdAt: NOW - 1000, updatedAt: NOW - 1000 };
const totals = { currency: 'EUR', lines: [], subtotal: 0, discountPercent: 0, discountAmount: 0, taxPercent: 0, taxAmount: 0, total: 0 };
const context: SessionContext = { sessionId: 'test', emit: () => undefined, onClose: () => undefined };

let db: CrmDatabase;
let dispatcher: Dispatcher;
let closeDuplicates: () => void;
let sources: DuplicateSource;
let session: AuthSession = { signedIn: false };
const dir = tempDirectory('crm-dedup-');

async function call<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>> {
  return (await dispatcher.dispatch(name, params, context)) as Result<ResultOf<K>>;
}
async function value<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<ResultOf<K>> {
  const result = await call(name, params);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

const account = (id: string, name: string, extra: Partial<Account> = {}): Account => ({
  ...base,
  id,
  name,
  status: 'active',
  tier: 'key',
  region: 'emea',
  currency: 'EUR',
  ...extra,
});
const contact = (id: string, accountId: string, lastName: string, extra: Partial<Contact> = {}): Contact => ({
  ...base,
  id,
  accountId,
  lastName,
  isPrimary: false,
  doNotContact: false,
  ...extra,
});

/** Every stored document of the collections a merge touches, with its revision: "nothing changed" compares these. */
async function snapshot(): Promise<string> {
  const names = ['accounts', 'contacts', 'opportunities', 'sales_docs', 'activities', 'cases', 'surveys'] as const;
  const all = await Promise.all(names.map((name) => db[name].find().exec()));
  return JSON.stringify(all.flat().map((doc) => [doc.id, doc.revision]));
}

async function stored(name: 'accounts' | 'contacts', id: string) {
  const [doc] = await db[name].storageInstance.findDocumentsById([id], true);
  return doc as (Account & Contact & { _deleted: boolean; mergeUndo?: MergeUndo }) | undefined;
}

/** An account with one child of every kind, for the merge to move. */
async function seedFamily(prefix: string): Promise<void> {
  await db.accounts.bulkInsert([
    account(`${prefix}-s`, 'Acme GmbH', { city: 'Berlin', phone: '+49 30 1234567', industry: 'Machinery' }),
    account(`${prefix}-l`, 'ACME', { city: 'Berlin', email: 'info@acme.de', website: 'https://acme.de', notes: 'from the fair' }),
    account(`${prefix}-sub`, 'Acme Service', { parentAccountId: `${prefix}-l` }),
  ]);
  await db.contacts.bulkInsert([contact(`${prefix}-c1`, `${prefix}-l`, 'Meyer'), contact(`${prefix}-c2`, `${prefix}-s`, 'Schulz')]);
  await db.opportunities.insert({
    ...base,
    id: `${prefix}-o1`,
    accountId: `${prefix}-l`,
    primaryContactId: `${prefix}-c1`,
    name: 'Press line',
    stage: 'proposal',
    amount: 100_000,
    currency: 'EUR',
    probability: 60,
    closeDate: '2026-12-20',
    forecastCategory: 'pipeline',
    lineItems: [],
    stageHistory: [],
  } as Opportunity);
  await db.sales_docs.bulkInsert([
    {
      ...base,
      id: `${prefix}-q1`,
      kind: 'quote',
      accountId: `${prefix}-l`,
      opportunityId: `${prefix}-o1`,
      quoteNumber: `Q-${prefix}`,
      version: 1,
      status: 'draft',
      ...totals,
      validUntil: '2026-12-31',
    },
    {
      ...base,
      id: `${prefix}-so1`,
      kind: 'order',
      accountId: `${prefix}-l`,
      orderNumber: `SO-${prefix}`,
      status: 'confirmed',
      ...totals,
      orderDate: '2026-11-01',
    },
  ] as SalesDoc[]);
  await db.activities.insert({
    ...base,
    id: `${prefix}-a1`,
    type: 'call',
    subject: 'Intro call',
    accountId: `${prefix}-l`,
    contactId: `${prefix}-c1`,
    done: true,
    priority: 'normal',
  } as Activity);
  await db.cases.insert({
    ...base,
    id: `${prefix}-k1`,
    caseNumber: `C-${prefix}`,
    accountId: `${prefix}-l`,
    subject: 'Broken press',
    priority: 'high',
    status: 'new',
    channel: 'phone',
    category: 'technical',
    openedAt: NOW - 5000,
    statusHistory: [{ status: 'new', at: NOW - 5000, byUserId: 'u-rep' }],
  } as Case);
  await db.surveys.insert({
    ...base,
    id: `${prefix}-sv1`,
    survey: 'csat',
    accountId: `${prefix}-l`,
    score: 4,
    respondedAt: NOW - 2000,
  } as SurveyResponse);
}

beforeAll(async () => {
  db = await openCrmDatabase({ directory: dir.path, storage: testStorage(dir.path) });
  const deps = { db, actor: { ownerId: 'u-rep', teamId: 't-1' }, now: () => NOW };
  const duplicates = createDuplicatesHandlers({ db, now: () => NOW, session: () => session, log: () => undefined });
  closeDuplicates = duplicates.close;
  sources = duplicates.source;
  dispatcher = createDispatcher([
    createAccountsHandlers(deps).handlers,
    createContactsHandlers(deps).handlers,
    duplicates.handlers,
    createImportHandlers({ db, actor: () => deps.actor, now: () => NOW, duplicates: duplicates.service }),
  ]);
});

afterAll(async () => {
  closeDuplicates();
  await db.remove();
  dir.cleanup();
});

describe('merging accounts', () => {
  it('previews both sides field by field and the children that would move', async () => {
    await seedFamily('p');
    const preview = await value('duplicates.mergePreview', { entity: 'account', survivorId: 'p-s', loserId: 'p-l' });
    expect(preview.survivor.name).toBe('Acme GmbH');
    expect(preview.fields.find((f) => f.field === 'name')).toEqual({ field: 'name', survivor: 'Acme GmbH', loser: 'ACME', differs: true });
    expect(preview.fields.find((f) => f.field === 'city')).toMatchObject({ survivor: 'Berlin', loser: 'Berlin', differs: false });
    expect(preview.fields.find((f) => f.field === 'email')).toMatchObject({ loser: 'info@acme.de', differs: true });
    expect(preview.children).toEqual({ accounts: 1, contacts: 1, opportunities: 1, sales_docs: 2, activities: 1, cases: 1, surveys: 1 });
  });

  it('moves every kind of child, keeps the chosen fields and leaves a tombstone pointing at the survivor', async () => {
    await seedFamily('m');
    const result = await value('duplicates.merge', {
      entity: 'account',
      survivorId: 'm-s',
      loserId: 'm-l',
      take: { email: 'loser', website: 'loser', notes: 'loser', name: 'survivor' },
    });
    expect(result).toEqual({
      survivorId: 'm-s',
      moved: { accounts: 1, contacts: 1, opportunities: 1, sales_docs: 2, activities: 1, cases: 1, surveys: 1 },
    });

    const survivor = await stored('accounts', 'm-s');
    expect(survivor).toMatchObject({
      name: 'Acme GmbH',
      email: 'info@acme.de',
      website: 'https://acme.de',
      notes: 'from the fair',
      industry: 'Machinery',
    });
    expect(survivor?.updatedAt).toBe(NOW);

    const tombstone = await stored('accounts', 'm-l');
    expect(tombstone?._deleted).toBe(true);
    expect(tombstone?.mergedIntoId).toBe('m-s');
    expect(tombstone?.mergeUndo?.moved).toEqual({
      accounts: ['m-sub'],
      contacts: ['m-c1'],
      opportunities: ['m-o1'],
      sales_docs: expect.arrayContaining(['m-q1', 'm-so1']) as unknown,
      activities: ['m-a1'],
      cases: ['m-k1'],
      surveys: ['m-sv1'],
    });
    expect(tombstone?.mergeUndo?.fields.map((f) => f.field).sort()).toEqual(['email', 'notes', 'website']);

    expect((await db.accounts.findOne('m-sub').exec())?.parentAccountId).toBe('m-s');
    expect((await db.contacts.findOne('m-c1').exec())?.accountId).toBe('m-s');
    expect((await db.opportunities.findOne('m-o1').exec())?.accountId).toBe('m-s');
    for (const id of ['m-q1', 'm-so1']) expect((await db.sales_docs.findOne(id).exec())?.accountId).toBe('m-s');
    expect((await db.activities.findOne('m-a1').exec())?.accountId).toBe('m-s');
    expect((await db.cases.findOne('m-k1').exec())?.accountId).toBe('m-s');
    expect((await db.surveys.findOne('m-sv1').exec())?.accountId).toBe('m-s');

    // Opening the loser follows to the survivor.
    const opened = await call('accounts.get', { id: 'm-l' });
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.error).toMatchObject({ code: 'not_found', reason: 'merged', reasonParams: { survivorId: 'm-s' } });
  });

  it('undo restores the loser, the survivor fields not edited since, and the moved links', async () => {
    await seedFamily('u');
    await value('duplicates.merge', { entity: 'account', survivorId: 'u-s', loserId: 'u-l', take: { email: 'loser', notes: 'loser' } });
    // Edited after the merge: the notes stay as edited, and the case keeps its new subject.
    await value('accounts.update', { id: 'u-s', patch: { notes: 'edited later' } });
    const kase = await db.cases.findOne('u-k1').exec();
    await kase?.incrementalPatch({ subject: 'Press fixed', updatedAt: NOW + 1 });

    const undone = await value('duplicates.undoMerge', { entity: 'account', loserId: 'u-l' });
    expect(undone.restored).toEqual({ accounts: 1, contacts: 1, opportunities: 1, sales_docs: 2, activities: 1, cases: 1, surveys: 1 });

    const loser = await db.accounts.findOne('u-l').exec();
    expect(loser?.toJSON()).toMatchObject({ name: 'ACME', email: 'info@acme.de' });
    expect(loser?.mergedIntoId).toBeUndefined();
    expect(loser?.mergeUndo).toBeUndefined();
    const survivor = await db.accounts.findOne('u-s').exec();
    expect(survivor?.email).toBeUndefined();
    expect(survivor?.notes).toBe('edited later');
    expect((await db.contacts.findOne('u-c1').exec())?.accountId).toBe('u-l');
    expect((await db.accounts.findOne('u-sub').exec())?.parentAccountId).toBe('u-l');
    expect((await db.cases.findOne('u-k1').exec())?.toJSON()).toMatchObject({ accountId: 'u-l', subject: 'Press fixed' });
    expect((await db.contacts.findOne('u-c2').exec())?.accountId).toBe('u-s');
    expect((await value('accounts.get', { id: 'u-l' })).name).toBe('ACME');
  });

  it('refuses a merge into itself, into a tombstone, of unknown fields or for a rep who does not own both, writing nothing', async () => {
    await seedFamily('r');
    await value('duplicates.merge', { entity: 'account', survivorId: 'r-s', loserId: 'r-sub', take: {} });
    const before = await snapshot();

    const self = await call('duplicates.merge', { entity: 'account', survivorId: 'r-s', loserId: 'r-s', take: {} });
    expect(self.ok ? null : self.error).toMatchObject({ code: 'invalid_request', reason: 'merge_same_record' });

    const intoTombstone = await call('duplicates.merge', { entity: 'account', survivorId: 'r-sub', loserId: 'r-l', take: {} });
    expect(intoTombstone.ok ? null : intoTombstone.error).toMatchObject({
      code: 'invalid_state',
      reason: 'merged',
      reasonParams: { survivorId: 'r-s' },
    });

    const contactField = await call('duplicates.merge', {
      entity: 'account',
      survivorId: 'r-s',
      loserId: 'r-l',
      take: { lastName: 'loser' },
    });
    expect(contactField.ok ? null : contactField.error).toMatchObject({ code: 'invalid_request', reason: 'merge_unknown_field' });

    const missing = await call('duplicates.merge', { entity: 'account', survivorId: 'r-s', loserId: 'nope', take: {} });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');

    session = {
      signedIn: true,
      serverUrl: 'https://crm.example.com',
      user: { userId: 'u-other', name: 'Other', email: 'o@x.com', role: 'rep', teamId: 't-1' } as never,
    };
    try {
      const forbidden = await call('duplicates.merge', { entity: 'account', survivorId: 'r-s', loserId: 'r-l', take: {} });
      expect(forbidden.ok ? null : forbidden.error.code).toBe('forbidden');
    } finally {
      session = { signedIn: false };
    }

    const plainRestore = await call('accounts.restore', { id: 'r-sub' });
    expect(plainRestore.ok ? null : plainRestore.error).toMatchObject({ code: 'invalid_state', reason: 'merged' });

    const notMerged = await call('duplicates.undoMerge', { entity: 'account', loserId: 'r-l' });
    expect(notMerged.ok ? null : notMerged.error).toMatchObject({ code: 'invalid_state', reason: 'not_merged' });

    expect(await snapshot()).toBe(before);
  });

  it('merging a parent into its own subsidiary clears the parent of the subsidiary, and undo puts it back', async () => {
    await seedFamily('x');
    const merged = await value('duplicates.merge', { entity: 'account', survivorId: 'x-sub', loserId: 'x-l', take: {} });
    expect(merged.moved.accounts).toBe(0);
    expect((await db.accounts.findOne('x-sub').exec())?.parentAccountId).toBeUndefined();
    expect((await db.contacts.findOne('x-c1').exec())?.accountId).toBe('x-sub');
    await value('duplicates.undoMerge', { entity: 'account', loserId: 'x-l' });
    expect((await db.accounts.findOne('x-sub').exec())?.parentAccountId).toBe('x-l');
  });

  it('re-points a child that arrives later pointing at the merged record', async () => {
    await seedFamily('f');
    await value('duplicates.merge', { entity: 'account', survivorId: 'f-s', loserId: 'f-l', take: {} });
    // As if pulled from a device that had not heard of the merge.
    await db.activities.insert({
      ...base,
      id: 'f-late',
      type: 'note',
      subject: 'Written offline',
      accountId: 'f-l',
      done: true,
      priority: 'normal',
    } as Activity);
    await expect.poll(async () => (await db.activities.findOne('f-late').exec())?.accountId, { timeout: 3000 }).toBe('f-s');
  });
});

describe('merging contacts', () => {
  it('moves the contact children and takes the chosen fields', async () => {
    await db.accounts.insert(account('cx', 'Contact Co'));
    await db.contacts.bulkInsert([
      contact('cs', 'cx', 'Wang', { firstName: 'Wei', email: 'wei@contact.co' }),
      contact('cl', 'cx', 'Wang', { firstName: 'W.', phone: '+86 21 5555 0101', title: 'Buyer' }),
    ]);
    await db.activities.insert({
      ...base,
      id: 'ca',
      type: 'call',
      subject: 'Call',
      contactId: 'cl',
      accountId: 'cx',
      done: true,
      priority: 'normal',
    } as Activity);
    const merged = await value('duplicates.merge', {
      entity: 'contact',
      survivorId: 'cs',
      loserId: 'cl',
      take: { phone: 'loser', title: 'loser' },
    });
    expect(merged.moved).toEqual({ opportunities: 0, sales_docs: 0, activities: 1, cases: 0, surveys: 0 });
    expect((await db.contacts.findOne('cs').exec())?.toJSON()).toMatchObject({
      firstName: 'Wei',
      phone: '+86 21 5555 0101',
      title: 'Buyer',
    });
    expect((await db.activities.findOne('ca').exec())?.contactId).toBe('cs');
    const opened = await call('contacts.get', { id: 'cl' });
    expect(opened.ok ? null : opened.error).toMatchObject({ code: 'not_found', reason: 'merged', reasonParams: { survivorId: 'cs' } });
    await value('duplicates.undoMerge', { entity: 'contact', loserId: 'cl' });
    expect((await db.activities.findOne('ca').exec())?.contactId).toBe('cl');
    expect((await db.contacts.findOne('cs').exec())?.phone).toBeUndefined();
  });
});

describe('warnings and the queue', () => {
  it('warns about a likely duplicate while typing, lists pairs best first and drops a dismissed pair', async () => {
    await db.accounts.bulkInsert([
      account('q1', 'Northwind Traders', { email: 'sales@northwind.com', city: 'Seattle', country: 'US' }),
      account('q2', 'Northwind Traders Inc.', { email: 'info@northwind.com', city: 'Seattle', country: 'US' }),
    ]);
    const check = await value('duplicates.check', {
      entity: 'account',
      record: { name: 'Northwind Traders Ltd', website: 'northwind.com' },
    });
    expect(check.candidates.map((c) => c.id)).toEqual(expect.arrayContaining(['q1', 'q2']));
    expect(check.candidates[0]?.subtitle).toBe('Seattle, US');

    const queue = await value('duplicates.queue', { entity: 'account', offset: 0, limit: 50 });
    const pair = queue.rows.find((row) => [row.a.id, row.b.id].sort().join() === 'q1,q2');
    expect(pair).toBeDefined();
    for (let i = 1; i < queue.rows.length; i++) expect(queue.rows[i - 1]!.score).toBeGreaterThanOrEqual(queue.rows[i]!.score);

    await value('duplicates.dismiss', { entity: 'account', aId: 'q2', bId: 'q1' });
    expect((await db.accounts.findOne('q1').exec())?.notDuplicateOf).toEqual(['q2']);
    await expect
      .poll(async () =>
        (await value('duplicates.queue', { entity: 'account', offset: 0, limit: 50 })).rows.some(
          (row) => [row.a.id, row.b.id].sort().join() === 'q1,q2',
        ),
      )
      .toBe(false);

    // A record written after the queue was built joins it (its pairs are scored on the change), and
    // the kept pairs equal a full recount of the index.
    await db.accounts.insert(account('q3', 'Northwind Traders GmbH', { email: 'kontakt@northwind.com', city: 'Seattle', country: 'US' }));
    await expect
      .poll(async () =>
        (await value('duplicates.queue', { entity: 'account', offset: 0, limit: 50 })).rows.some((row) =>
          [row.a.id, row.b.id].includes('q3'),
        ),
      )
      .toBe(true);
    const kept = (await sources.pairs('account')).map((p) => `${p.aId}|${p.bId}`).sort();
    const full = (await sources.index('account'))
      .pairs({ threshold: DEFAULT_DUPLICATE_THRESHOLD })
      .map((p) => `${p.aId}|${p.bId}`)
      .sort();
    expect(kept).toEqual(full);
  });
});

describe('import preview', () => {
  it('reports rows that look like stored records and like other rows of the file', async () => {
    await db.accounts.insert(account('g-stored', 'Globex Corporation', { email: 'hello@globex.com', city: 'Springfield' }));
    const preview = await value('import.preview', {
      entity: 'accounts',
      columns: ['name', 'region', 'email', 'city'],
      rows: [
        ['Globex Corporation', 'emea', 'info@globex.com', 'Springfield'],
        ['Globex Corp.', 'emea', 'sales@globex.com', 'Springfield'],
        ['Initrode Widgets', 'emea', 'x@initrode.example', 'Shelbyville'],
      ],
    });
    expect(preview.issues).toEqual([]);
    const byRow = new Map(preview.duplicates.map((d) => [d.row, d]));
    expect(byRow.get(2)?.existing.map((c) => c.id)).toContain('g-stored');
    expect(byRow.get(2)?.rows.map((r) => r.row)).toEqual([3]);
    expect(byRow.get(3)?.rows.map((r) => r.row)).toEqual([2]);
    expect(byRow.has(4)).toBe(false);
  });
});
