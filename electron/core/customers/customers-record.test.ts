import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../shared/contract';
import type { Case, Opportunity } from '../../../shared/schemas';
import { createRevision } from 'rxdb';
import { createCore, type Core } from '../core';
import { SERVER_BOOKKEEPING_CONTEXT } from '../db/domain-changes';
import type { Session } from '../rpc/session';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-record-'));
const NOW = Date.UTC(2026, 5, 15, 12); // 15 June 2026
let core: Core;
let session: Session;
const events: Array<EventMap['live.changed']> = [];

beforeAll(async () => {
  core = await createCore({
    dataDir,
    databaseKey: TEST_DATABASE_KEY,
    host: 'browser',
    appVersion: 'test',
    liveDebounceMs: 10,
    now: () => NOW,
  });
  session = core.openSession((event, payload) => {
    if (event === 'live.changed') events.push(payload as EventMap['live.changed']);
  });
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function createAccount(name: string): Promise<string> {
  const created = await session.call('accounts.create', {
    values: { name, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

async function createContact(accountId: string, lastName: string): Promise<string> {
  const created = await session.call('contacts.create', { values: { accountId, lastName, isPrimary: false, doNotContact: false } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value.id;
}

/** Everything stored in the collections these handlers write, revisions included. */
async function snapshot(): Promise<string> {
  const all = await Promise.all([core.db.accounts, core.db.contacts, core.db.activities].map((c) => c.find().exec()));
  return JSON.stringify(all.flat().map((doc) => [doc.id, doc.revision]));
}

const base = { ownerId: 'local-user', teamId: 'local-team', createdAt: NOW, updatedAt: NOW };
function opportunity(
  id: string,
  accountId: string,
  stage: Opportunity['stage'],
  amount: number,
  closeDate: string,
  currency = 'EUR',
): Opportunity {
  return {
    ...base,
    id,
    accountId,
    name: id,
    stage,
    amount,
    currency,
    probability: 50,
    forecastCategory: 'pipeline',
    closeDate,
    lineItems: [],
    stageHistory: [],
  };
}
function serviceCase(id: string, accountId: string, status: Case['status']): Case {
  return {
    ...base,
    id,
    accountId,
    caseNumber: id,
    subject: id,
    priority: 'low',
    status,
    channel: 'phone',
    openedAt: NOW,
    statusHistory: [{ status: 'new', at: NOW, byUserId: 'u1' }],
  };
}

describe('accounts.summary', () => {
  it('adds up open pipeline, won this year, open cases and the last contact of one account only', async () => {
    const id = await createAccount('Summary GmbH');
    const other = await createAccount('Other AG');
    await createContact(id, 'Eins');
    await createContact(id, 'Zwei');
    await core.db.opportunities.bulkInsert([
      opportunity('o1', id, 'proposal', 100_000, '2026-09-30'),
      opportunity('o2', id, 'negotiation', 250_050, '2026-07-01'),
      opportunity('o3', id, 'prospecting', 5_000, '2026-08-01', 'USD'),
      opportunity('o4', id, 'closed_won', 70_000, '2026-02-01'),
      opportunity('o5', id, 'closed_won', 999_999, '2025-12-31'),
      opportunity('o6', id, 'closed_lost', 40_000, '2026-03-01'),
      opportunity('o7', other, 'proposal', 1_000_000, '2026-09-30'),
    ]);
    await core.db.cases.bulkInsert([
      serviceCase('c1', id, 'open'),
      serviceCase('c2', id, 'escalated'),
      serviceCase('c3', id, 'closed'),
      serviceCase('c4', other, 'new'),
    ]);
    const log = (type: 'call' | 'task' | 'note' | 'visit', dueAt: number, done: boolean) =>
      session.call('activities.create', { values: { accountId: id, type, subject: type, dueAt, done, priority: 'normal' } });
    await log('call', NOW - 5 * 86_400_000, true);
    await log('note', NOW - 2 * 86_400_000, true);
    await log('task', NOW - 86_400_000, true); // a task is not a contact
    await log('visit', NOW + 86_400_000, false); // planned, not yet done

    const summary = await session.call('accounts.summary', { id, year: 2026 });
    expect(summary).toEqual({
      ok: true,
      value: {
        accountId: id,
        currency: 'EUR',
        openPipeline: {
          count: 3,
          totals: [
            { currency: 'EUR', amount: 350_050 },
            { currency: 'USD', amount: 5_000 },
          ],
        },
        wonThisYear: { count: 1, totals: [{ currency: 'EUR', amount: 70_000 }] },
        year: 2026,
        openCases: 2,
        contacts: 2,
        lastContactAt: NOW - 2 * 86_400_000,
      },
    });

    const empty = await session.call('accounts.summary', { id: other });
    expect(empty).toMatchObject({
      ok: true,
      value: { year: 2026, openCases: 1, contacts: 0, wonThisYear: { count: 0, totals: [{ currency: 'EUR', amount: 0 }] } },
    });
    expect(empty.ok && 'lastContactAt' in empty.value).toBe(false);
    expect(await session.call('accounts.summary', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('activities', () => {
  it('lists an account timeline newest first, live, and completes a planned activity once', async () => {
    const id = await createAccount('Timeline Ltd');
    const sub = await session.call('live.subscribe', {
      query: { request: 'activities.list', params: { filter: { accountId: id }, limit: 10 } },
    });
    if (!sub.ok) throw new Error(sub.error.message);
    expect(sub.value).toMatchObject({ request: 'activities.list', result: { total: 0 } });

    events.length = 0;
    const older = await session.call('activities.create', {
      values: { accountId: id, type: 'call', subject: 'First call', dueAt: NOW - 60_000, done: true, priority: 'normal' },
    });
    const planned = await session.call('activities.create', {
      values: { accountId: id, type: 'visit', subject: 'Site visit', dueAt: NOW + 60_000, done: false, priority: 'high' },
    });
    if (!older.ok || !planned.ok) throw new Error('create failed');
    expect(older.value).toMatchObject({ done: true, doneAt: NOW - 60_000, ownerId: 'local-user' });

    await expect.poll(() => (events.at(-1)?.result as { total?: number } | undefined)?.total).toBe(2);
    const list = await session.call('activities.list', { filter: { accountId: id } });
    expect(list.ok && list.value.rows.map((row) => row.subject)).toEqual(['Site visit', 'First call']);

    const stale = await session.call('activities.complete', { id: planned.value.id, expectedRevision: '0-stale' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const done = await session.call('activities.complete', { id: planned.value.id, expectedRevision: planned.value.revision });
    expect(done).toMatchObject({ ok: true, value: { done: true, doneAt: NOW } });
    expect(await session.call('activities.complete', { id: planned.value.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state' },
    });
    await session.call('live.unsubscribe', { subscriptionId: sub.value.subscriptionId });
  });

  it('saves an edit opened before the sync wrote back the server revision, and refuses one opened before a real change', async () => {
    const id = await createAccount('Revision KG');
    const opened = await session.call('accounts.get', { id });
    if (!opened.ok) throw new Error(opened.error.message);
    // The push was answered: the sync gives the record the server's revision, as write-back does.
    const stored = (await core.db.accounts.storageInstance.findDocumentsById([id], false))[0];
    if (!stored) throw new Error('not stored');
    const written = await core.db.accounts.storageInstance.bulkWrite(
      [{ previous: stored, document: { ...stored, serverRevision: 1, serverUpdatedAt: NOW, _rev: createRevision(core.db.token, stored) } }],
      SERVER_BOOKKEEPING_CONTEXT,
    );
    expect(written.error).toEqual([]);
    const reread = await session.call('accounts.get', { id });
    expect(reread.ok && reread.value.revision).toBe(opened.value.revision);
    const saved = await session.call('accounts.update', { id, patch: { city: 'Gothenburg' }, expectedRevision: opened.value.revision });
    expect(saved).toMatchObject({ ok: true, value: { city: 'Gothenburg' } });
    expect(await session.call('accounts.update', { id, patch: { city: 'Malmö' }, expectedRevision: opened.value.revision })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('rejects malformed payloads with a clear error and writes nothing', async () => {
    const id = await createAccount('Strict KG');
    const before = await snapshot();
    const bad: ReadonlyArray<readonly [string, unknown, string]> = [
      ['activities.list', { filter: {} }, 'filter: needs an accountId or a contactId'],
      ['activities.list', { filter: { accountId: id }, limit: 10_000 }, 'limit:'],
      ['activities.create', { values: { accountId: id, type: 'call', subject: '', done: true, priority: 'normal' } }, 'values.subject:'],
      ['activities.create', { values: { accountId: id, type: 'fax', subject: 'x', done: true, priority: 'normal' } }, 'values.type:'],
      [
        'activities.create',
        { values: { accountId: id, type: 'call', subject: 'x', done: true, priority: 'normal', serverRevision: 3 } },
        'values:',
      ],
      ['activities.complete', { id: '' }, 'id:'],
      ['accounts.summary', { id, year: 1066 }, 'year:'],
      ['accounts.delete', { id, contacts: 'orphan' }, 'contacts:'],
      ['accounts.restore', { id, contactIds: [''] }, 'contactIds[0]:'],
    ];
    for (const [name, payload, message] of bad) {
      const result = await session.request(name, payload);
      expect(result, `${name} ${JSON.stringify(payload)}`).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      expect(!result.ok && result.error.message).toContain(message);
    }
    expect(await snapshot()).toBe(before);
  });
});

describe('accounts.delete and restore', () => {
  it('keeps the contacts by default', async () => {
    const id = await createAccount('Keep Contacts SA');
    const contactId = await createContact(id, 'Bleibt');
    expect(await session.call('accounts.delete', { id })).toEqual({ ok: true, value: { id, contactIds: [] } });
    expect(await session.call('contacts.get', { id: contactId })).toMatchObject({ ok: true });
    expect(await session.call('accounts.restore', { id })).toMatchObject({ ok: true, value: { id, name: 'Keep Contacts SA' } });
  });

  it('deletes the contacts with the account when asked, and one undo brings all of them back', async () => {
    const id = await createAccount('Cascade BV');
    const contactIds = [await createContact(id, 'Een'), await createContact(id, 'Twee')];
    const deleted = await session.call('accounts.delete', { id, contacts: 'delete' });
    if (!deleted.ok) throw new Error(deleted.error.message);
    expect([...deleted.value.contactIds].sort()).toEqual([...contactIds].sort());
    for (const contactId of contactIds)
      expect(await session.call('contacts.get', { id: contactId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await session.call('accounts.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(await session.call('accounts.restore', { id, contactIds: [...deleted.value.contactIds] })).toMatchObject({
      ok: true,
      value: { id },
    });
    const list = await session.call('contacts.list', { filter: { accountId: [id] } });
    expect(list.ok && list.value.rows.map((row) => row.lastName).sort()).toEqual(['Een', 'Twee']);
    expect(await session.call('accounts.delete', { id: 'missing', contacts: 'delete' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('restores a deleted contact and refuses to restore a live one', async () => {
    const id = await createAccount('Undo Oy');
    const contactId = await createContact(id, 'Takaisin');
    expect(await session.call('contacts.delete', { id: contactId })).toEqual({ ok: true, value: { id: contactId } });
    expect(await session.call('contacts.restore', { id: contactId })).toMatchObject({ ok: true, value: { lastName: 'Takaisin' } });
    expect(await session.call('contacts.restore', { id: contactId })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });
});
