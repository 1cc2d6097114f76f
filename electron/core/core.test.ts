import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type EventMap, type RequestName } from '../../shared/contract';
import { createCore, type Core } from './core';
import type { Session } from './rpc/session';
import { TEST_DATABASE_KEY } from '../../tests/support/test-database-key';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-core-'));
let core: Core;
let session: Session;
const events: Array<EventMap['live.changed']> = [];

const account = { name: 'Acme GmbH', status: 'active', tier: 'key', region: 'emea', currency: 'EUR', city: 'Berlin' } as const;
let seededId = '';

beforeAll(async () => {
  core = await createCore({ dataDir, databaseKey: TEST_DATABASE_KEY, host: 'browser', appVersion: 'test', liveDebounceMs: 10 });
  session = core.openSession((event, payload) => {
    if (event === 'live.changed') events.push(payload as EventMap['live.changed']);
  });
  const created = await session.call('accounts.create', { values: account });
  if (!created.ok) throw new Error(created.error.message);
  seededId = created.value.id;
  await session.call('contacts.create', {
    values: { accountId: seededId, lastName: '王', firstName: '芳', isPrimary: true, doNotContact: false },
  });
});

afterAll(async () => {
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Everything stored, revisions included, so "unchanged" means byte-for-byte the same data. */
async function snapshot(): Promise<string> {
  const [accounts, contacts] = await Promise.all([core.db.accounts.find().exec(), core.db.contacts.find().exec()]);
  return JSON.stringify([...accounts, ...contacts].map((doc) => [doc.id, doc.revision, doc.toJSON()]));
}

const generic: ReadonlyArray<unknown> = [null, 'accounts', 42, [], { unexpectedField: true }];

/** Per request, payloads that are wrong in one field, and the field the error must name. */
const specific: Partial<Record<RequestName, ReadonlyArray<readonly [unknown, string]>>> = {
  'accounts.list': [
    [{ limit: 100_000 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ sort: { field: 'password', direction: 'asc' } }, 'sort.field'],
    [{ filter: { status: ['bogus'] } }, 'filter.status[0]'],
  ],
  'accounts.get': [[{ id: '' }, 'id']],
  'accounts.create': [
    [{ values: { ...account, name: '' } }, 'values.name'],
    [{ values: { ...account, status: 'bogus' } }, 'values.status'],
    [{ values: { ...account, currency: 'euro' } }, 'values.currency'],
    [{ values: { ...account, id: 'chosen-by-client' } }, 'values'],
  ],
  'accounts.update': [
    [{ id: 'x', patch: { status: 'bogus' } }, 'patch.status'],
    [{ id: 'x', patch: { createdAt: 1 } }, 'patch'],
    [{ id: 'x', patch: {}, unset: ['name'] }, 'unset[0]'],
  ],
  'accounts.delete': [[{ id: 7 }, 'id']],
  'accounts.restore': [[{}, 'id']],
  'contacts.create': [[{ values: { lastName: 'X', isPrimary: 'yes', doNotContact: false, accountId: 'a' } }, 'values.isPrimary']],
  'contacts.update': [[{ id: 'x', patch: { email: 'not-an-email' } }, 'patch.email']],
  'search.global': [
    [{ text: 'x'.repeat(1000) }, 'text'],
    [{ text: 'a', types: ['planet'] }, 'types[0]'],
  ],
  'live.subscribe': [
    [{ query: { request: 'accounts.delete', params: {} } }, 'query.request'],
    [{ query: { request: 'accounts.list', params: { limit: 0 } } }, 'accounts.list: limit'],
  ],
  'live.unsubscribe': [[{ subscriptionId: '' }, 'subscriptionId']],
};

describe('core requests with malformed payloads', () => {
  for (const name of REQUEST_NAMES) {
    it(`${name} rejects them with invalid_request and writes nothing`, async () => {
      const before = await snapshot();
      for (const payload of generic) {
        const result = await session.request(name, payload);
        expect(result, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
      }
      for (const [payload, field] of specific[name] ?? []) {
        const result = await session.request(name, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        if (result.ok) continue;
        expect(result.error.code).toBe('invalid_request');
        expect(result.error.message).toContain(`${field}:`);
      }
      expect(await snapshot()).toBe(before);
    });
  }
});

describe('core requests', () => {
  it('lists, updates, deletes and restores an account', async () => {
    const list = await session.request('accounts.list', { filter: { region: ['emea'] }, sort: { field: 'name', direction: 'desc' } });
    expect(list).toMatchObject({ ok: true, value: { total: 1, offset: 0, rows: [{ id: seededId, name: 'Acme GmbH' }] } });

    const got = await session.call('accounts.get', { id: seededId });
    if (!got.ok) throw new Error(got.error.message);
    const { revision } = got.value;
    const updated = await session.request('accounts.update', {
      id: seededId,
      patch: { tier: 'strategic' },
      unset: ['city'],
      expectedRevision: revision,
    });
    expect(updated).toMatchObject({ ok: true, value: { tier: 'strategic' } });
    expect(updated.ok && 'city' in updated.value).toBe(false);

    const stale = await session.request('accounts.update', { id: seededId, patch: { tier: 'small' }, expectedRevision: revision });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await session.request('accounts.delete', { id: seededId })).toEqual({ ok: true, value: { id: seededId, contactIds: [] } });
    expect(await session.request('accounts.get', { id: seededId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await session.request('accounts.restore', { id: seededId })).toMatchObject({
      ok: true,
      value: { id: seededId, tier: 'strategic' },
    });
    expect(await session.request('accounts.restore', { id: seededId })).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
  });

  it('finds records through the full-text index', async () => {
    const result = await session.request('search.global', { text: 'acme' });
    expect(result).toMatchObject({ ok: true, value: { hits: [{ type: 'account', id: seededId }] } });
  });

  it('pushes live.changed when a write changes a subscribed window, and stops after unsubscribe', async () => {
    const sub = await session.call('live.subscribe', { query: { request: 'accounts.list', params: { limit: 10 } } });
    if (!sub.ok) throw new Error(sub.error.message);
    const { subscriptionId } = sub.value;
    events.length = 0;
    await session.request('accounts.create', { values: { ...account, name: 'Beta Ltd' } });
    await expect.poll(() => events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ subscriptionId, request: 'accounts.list', result: { total: 2 } });

    expect(await session.request('live.unsubscribe', { subscriptionId })).toEqual({ ok: true, value: { removed: true } });
    events.length = 0;
    await session.request('accounts.create', { values: { ...account, name: 'Gamma AB' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual([]);
  });

  it('makes any read in LIVE_REQUEST_NAMES live: a lead list and the sales dashboard follow writes', async () => {
    const leads = await session.call('live.subscribe', { query: { request: 'leads.list', params: { limit: 10 } } });
    const dashboard = await session.call('live.subscribe', { query: { request: 'reports.salesDashboard', params: { filters: {} } } });
    if (!leads.ok || !dashboard.ok) throw new Error('subscribe failed');
    expect(leads.value).toMatchObject({ request: 'leads.list', result: { total: 0 } });
    events.length = 0;
    await session.request('leads.create', { values: { lastName: 'Lee', status: 'new', source: 'web' } });
    await expect
      .poll(() => events.find((event) => event.subscriptionId === leads.value.subscriptionId)?.result)
      .toMatchObject({ total: 1 });

    const deal = await session.call('leads.list', { limit: 1 });
    if (!deal.ok) throw new Error(deal.error.message);
    const converted = await session.call('leads.convert', {
      id: deal.value.rows[0]!.id,
      existingAccountId: seededId,
      opportunityName: 'Lee: pilot',
      currency: 'EUR',
      closeDate: '2030-01-31',
    });
    expect(converted.ok).toBe(true);
    await expect.poll(() => events.some((event) => event.subscriptionId === dashboard.value.subscriptionId)).toBe(true);
  });

  it("counts the board's columns from the dashboard's in-memory deals, and follows a stage move", async () => {
    const count = async (stage: string): Promise<number> => {
      const board = await session.call('opportunities.board', {});
      if (!board.ok) throw new Error(board.error.message);
      return board.value.find((column) => column.stage === stage)?.count ?? 0;
    };
    const list = await session.call('opportunities.list', { limit: 10 });
    if (!list.ok) throw new Error(list.error.message);
    const deal = list.value.rows.find((row) => row.name === 'Lee: pilot');
    if (!deal) throw new Error('the converted deal is missing');
    const before = { from: await count(deal.stage), to: await count('negotiation') };
    expect(before.from).toBeGreaterThan(0);
    const moved = await session.call('opportunities.moveStage', { id: deal.id, stage: 'negotiation' });
    expect(moved.ok).toBe(true);
    await expect.poll(() => count('negotiation')).toBe(before.to + 1);
    expect(await count(deal.stage)).toBe(before.from - 1);
  });

  it('refuses a live query whose params do not fit the request, naming the field', async () => {
    const answer = await session.call('live.subscribe', { query: { request: 'leads.list', params: { limit: 100_000 } } });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(!answer.ok && answer.error.message).toContain('limit');
    const unknown = await session.request('live.subscribe', { query: { request: 'leads.create', params: {} } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
