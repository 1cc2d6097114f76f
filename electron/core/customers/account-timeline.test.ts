import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../shared/contract';
import type { AccountTimeline } from '../../../shared/contract/customers/account-timeline-requests';
import type { Case, Opportunity, Quote } from '../../../shared/schemas';
import { createCore, type Core } from '../core';
import { TEST_DATABASE_KEY } from '../../../tests/support/test-database-key';
import type { Session } from '../rpc/session';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-timeline-'));
const NOW = Date.UTC(2026, 5, 15, 12);
const DAY = 86_400_000;
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

async function must<T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const result = await answer;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const account = (name: string) =>
  must(session.call('accounts.create', { values: { name, status: 'active', tier: 'key', region: 'emea', currency: 'EUR' } }));
const contact = (accountId: string, lastName: string) =>
  must(session.call('contacts.create', { values: { accountId, lastName, isPrimary: false, doNotContact: false } }));

const base = { ownerId: 'local-user', teamId: 'local-team', updatedAt: NOW };
function deal(
  id: string,
  accountId: string,
  stage: Opportunity['stage'],
  createdAt: number,
  extra: Partial<Opportunity> = {},
): Opportunity {
  return {
    ...base,
    createdAt,
    id,
    accountId,
    name: `Deal ${id}`,
    stage,
    amount: 10_000,
    currency: 'EUR',
    probability: 50,
    forecastCategory: 'pipeline',
    closeDate: '2026-07-01',
    lineItems: [],
    stageHistory: [],
    ...extra,
  };
}
function quote(id: string, accountId: string, opportunityId: string, status: Quote['status'], sentAt: number, decidedAt?: number): Quote {
  return {
    ...base,
    createdAt: sentAt,
    id,
    kind: 'quote',
    quoteNumber: `Q-${id}`,
    version: 1,
    accountId,
    opportunityId,
    status,
    validUntil: '2026-08-01',
    sentAt,
    ...(decidedAt === undefined ? {} : { decidedAt }),
    currency: 'EUR',
    lines: [],
    subtotal: 0,
    discountPercent: 0,
    discountAmount: 0,
    taxPercent: 0,
    taxAmount: 0,
    total: 0,
  };
}
function serviceCase(id: string, accountId: string, openedAt: number, resolvedAt?: number, contactId?: string): Case {
  return {
    ...base,
    createdAt: openedAt,
    id,
    accountId,
    ...(contactId === undefined ? {} : { contactId }),
    caseNumber: `C-${id}`,
    subject: `Case ${id}`,
    priority: 'high',
    status: resolvedAt === undefined ? 'open' : 'resolved',
    channel: 'phone',
    openedAt,
    statusHistory: [{ status: 'new', at: openedAt, byUserId: 'u1' }],
    ...(resolvedAt === undefined ? {} : { resolvedAt }),
  };
}

describe('contacts with their account', () => {
  it('carries the account name on every listed row and on contacts.get, and drops it when the account is gone', async () => {
    const north = await account('Nord GmbH');
    const south = await account('Süd AG');
    const anna = await contact(north.id, 'Albers');
    await contact(south.id, 'Brandt');
    const list = await must(session.call('contacts.list', { filter: { accountId: [north.id, south.id] } }));
    expect(list.rows.map((row) => [row.lastName, row.accountName])).toEqual([
      ['Albers', 'Nord GmbH'],
      ['Brandt', 'Süd AG'],
    ]);
    expect(await must(session.call('contacts.get', { id: anna.id }))).toMatchObject({ lastName: 'Albers', accountName: 'Nord GmbH' });

    await must(session.call('accounts.delete', { id: north.id, contacts: 'keep' }));
    const orphan = await must(session.call('contacts.get', { id: anna.id }));
    expect(orphan.lastName).toBe('Albers');
    expect('accountName' in orphan).toBe(false);
  });
});

describe('account deals and timeline', () => {
  it('merges activities, deals, quotes and cases newest first, and narrows to one contact', async () => {
    const acme = await account('Acme Timeline');
    const other = await account('Elsewhere');
    const lena = await contact(acme.id, 'Lena');
    const t = (days: number) => NOW - days * DAY;
    await core.db.opportunities.bulkInsert([
      deal('won', acme.id, 'closed_won', t(30), { closedAt: t(10), primaryContactId: lena.id, closeDate: '2026-06-05' }),
      deal('lost', acme.id, 'closed_lost', t(20), { stageHistory: [{ stage: 'closed_lost', at: t(5) }], closeDate: '2026-06-10' }),
      deal('open', acme.id, 'proposal', t(2), { closeDate: '2026-08-01' }),
      deal('open-soon', acme.id, 'negotiation', t(1), { closeDate: '2026-06-20', primaryContactId: lena.id }),
      deal('foreign', other.id, 'proposal', t(1)),
    ]);
    await core.db.sales_docs.bulkInsert([
      quote('q1', acme.id, 'won', 'accepted', t(15), t(12)),
      quote('q2', other.id, 'foreign', 'sent', t(1)),
    ]);
    await core.db.cases.bulkInsert([serviceCase('c1', acme.id, t(8), t(3), lena.id), serviceCase('c2', acme.id, t(4))]);
    await must(
      session.call('activities.create', {
        values: { accountId: acme.id, contactId: lena.id, type: 'call', subject: 'Kick-off', dueAt: t(25), done: true, priority: 'normal' },
      }),
    );
    await must(
      session.call('activities.create', {
        values: { accountId: acme.id, type: 'visit', subject: 'Planned', dueAt: NOW + DAY, done: false, priority: 'normal' },
      }),
    );

    const timeline = await must(session.call('accounts.timeline', { id: acme.id }));
    const ids = timeline.entries.map((entry) => entry.id.replace(/activity:.*/, 'activity:Kick-off'));
    expect(ids).toEqual([
      'deal:open-soon:created',
      'deal:open:created',
      'case:c1:resolved',
      'case:c2:opened',
      'deal:lost:lost',
      'case:c1:opened',
      'deal:won:won',
      'quote:q1:accepted',
      'quote:q1:sent',
      'deal:lost:created',
      'activity:Kick-off',
      'deal:won:created',
    ]);
    expect(timeline.total).toBe(12);
    expect(await must(session.call('accounts.timeline', { id: acme.id, limit: 3 }))).toMatchObject({ total: 12, entries: { length: 3 } });

    const hers = await must(session.call('accounts.timeline', { id: acme.id, contactId: lena.id }));
    expect(
      hers.entries.map(
        (entry) => entry.kind + ':' + ('event' in entry ? entry.event : 'activity' in entry ? entry.activity.subject : entry.subject),
      ),
    ).toEqual(['deal:created', 'case:resolved', 'case:opened', 'deal:won', 'activity:Kick-off', 'deal:created']);

    const deals = await must(session.call('accounts.deals', { id: acme.id }));
    expect(deals.open.map((d) => d.id)).toEqual(['open-soon', 'open']);
    expect(deals.closed.map((d) => [d.id, d.stage])).toEqual([
      ['lost', 'closed_lost'],
      ['won', 'closed_won'],
    ]);
    expect(await must(session.call('accounts.deals', { id: acme.id, contactId: lena.id, closedLimit: 1 }))).toMatchObject({
      open: [{ id: 'open-soon' }],
      closed: [{ id: 'won' }],
      closedTotal: 1,
    });
  });

  it('pushes a new deal to a live timeline subscriber', async () => {
    const live = await account('Live Timeline KG');
    const sub = await must(session.call('live.subscribe', { query: { request: 'accounts.timeline', params: { id: live.id } } }));
    expect(sub.result).toEqual({ entries: [], total: 0 });
    events.length = 0;
    await core.db.opportunities.insert(deal('fresh', live.id, 'prospecting', NOW));
    await expect
      .poll(() =>
        events
          .filter((event) => event.subscriptionId === sub.subscriptionId)
          .map((event) => (event.result as AccountTimeline).entries.map((entry) => entry.id))
          .at(-1),
      )
      .toEqual(['deal:fresh:created']);
    await session.call('live.unsubscribe', { subscriptionId: sub.subscriptionId });
  });
});
