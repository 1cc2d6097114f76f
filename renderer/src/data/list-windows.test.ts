import { describe, expect, it } from 'vitest';
import type { AccountRecord, EventMap, ParamsOf, RequestName, Result, ResultOf } from '../../../shared/contract';
import type { CrmClient } from '../transport/crm-client';
import { LANDING_WINDOW_ELEMENT_ID } from '../../../shared/contract/customers/landing-window';
import { DEFAULT_ACCOUNTS_WINDOW } from '../customers/list/default-accounts-window';
import { firstWindow } from '../customers/list/prime-accounts-window';
import { peekPrimedWindow, primeWindow } from './primed-window';
import { createListWindows, LIVE_PAGES, PAGE_SIZE } from './list-windows';

const account = (id: string, name: string, revision: string): AccountRecord => ({
  id,
  name,
  revision,
  status: 'active',
  tier: 'key',
  region: 'emea',
  currency: 'EUR',
  ownerId: 'u1',
  teamId: 't1',
  createdAt: 0,
  updatedAt: 0,
});

/** A core stand-in: `total` rows named by index, answering list windows and live subscriptions. */
function fakeClient(total: number) {
  const rows: AccountRecord[] = Array.from({ length: total }, (_, i) => account(`a${i}`, `Account ${i}`, '1-x'));
  const listeners = new Set<(payload: EventMap['live.changed']) => void>();
  const calls: Array<{ name: string; params: unknown }> = [];
  let live: { id: string; offset: number; limit: number } | undefined;
  const window = (offset: number, limit: number) => ({ rows: rows.slice(offset, offset + limit), total: rows.length, offset });

  const client: CrmClient = {
    host: 'browser',
    async send<K extends RequestName>(name: K, params: ParamsOf<K>): Promise<Result<ResultOf<K>>> {
      calls.push({ name, params });
      const p = params as { offset?: number; limit?: number; query?: { params: { offset: number; limit: number } } };
      let value: unknown;
      if (name === 'accounts.list') value = window(p.offset ?? 0, p.limit ?? 100);
      else if (name === 'live.subscribe') {
        const { offset, limit } = p.query!.params;
        live = { id: `s${calls.length}`, offset, limit };
        value = { subscriptionId: live.id, request: 'accounts.list', result: window(offset, limit) };
      } else value = { removed: true };
      return { ok: true, value: value as ResultOf<K> };
    },
    subscribe: (event, listener) => {
      if (event !== 'live.changed') return () => undefined;
      const wrapped = listener as (payload: EventMap['live.changed']) => void;
      listeners.add(wrapped);
      return () => listeners.delete(wrapped);
    },
    onConnectionChange: () => () => undefined,
  };

  return {
    client,
    calls,
    /** Pushes the live window again, with the row at `index` given a new revision when asked. */
    push(changeAt?: number) {
      if (changeAt !== undefined) rows[changeAt] = { ...(rows[changeAt] as AccountRecord), revision: '2-z' };
      if (!live) return;
      const payload: EventMap['live.changed'] = {
        subscriptionId: live.id,
        request: 'accounts.list',
        result: window(live.offset, live.limit),
      };
      for (const listener of listeners) listener(payload);
    },
    /** Simulates another writer: inserts a row at the top and pushes the live window. */
    insertAtTop(name: string) {
      rows.unshift(account(`new-${name}`, name, '1-y'));
      if (!live) return;
      const payload: EventMap['live.changed'] = {
        subscriptionId: live.id,
        request: 'accounts.list',
        result: window(live.offset, live.limit),
      };
      for (const listener of listeners) listener(payload);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const query = { filter: {}, sort: { field: 'name', direction: 'asc' } } as const;

describe('createListWindows', () => {
  it('loads the live window first, then pages as they scroll into view', async () => {
    const fake = fakeClient(1000);
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    await settle();
    expect(windows.getSnapshot()).toMatchObject({ status: 'ready', total: 1000 });
    expect(windows.rowAt(0)?.name).toBe('Account 0');
    expect(windows.rowAt(PAGE_SIZE * 2 + 5)).toBeUndefined();

    windows.setVisibleRange(PAGE_SIZE * 5, PAGE_SIZE * 5 + 20);
    await settle();
    expect(windows.rowAt(PAGE_SIZE * 5 + 3)?.name).toBe(`Account ${PAGE_SIZE * 5 + 3}`);
    expect(fake.calls.filter((call) => call.name === 'accounts.list')).toHaveLength(1);
    windows.stop();
  });

  it('applies live pushes and drops pages that may be stale', async () => {
    const fake = fakeClient(500);
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    await settle();
    windows.setVisibleRange(0, 20);
    fake.insertAtTop('Aardvark Ltd');
    expect(windows.rowAt(0)?.name).toBe('Aardvark Ltd');
    expect(windows.getSnapshot().total).toBe(501);
    windows.stop();
  });

  it('keeps the row objects a live window repeats and re-renders only when something changed', async () => {
    const fake = fakeClient(300);
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    await settle();
    const before = [0, 1, 2].map((index) => windows.rowAt(index));
    const version = windows.getSnapshot().version;
    fake.push(); // the same rows, as new objects
    expect(windows.getSnapshot().version).toBe(version);
    expect([0, 1, 2].map((index) => windows.rowAt(index))).toEqual(before);
    expect(windows.rowAt(0)).toBe(before[0]);
    fake.push(1); // one row edited
    expect(windows.getSnapshot().version).toBe(version + 1);
    expect(windows.rowAt(0)).toBe(before[0]);
    expect(windows.rowAt(2)).toBe(before[2]);
    expect(windows.rowAt(1)).not.toBe(before[1]);
    expect(windows.rowAt(1)?.revision).toBe('2-z');
    windows.stop();
  });

  it('ignores answers that arrive after stop()', async () => {
    const fake = fakeClient(10);
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    windows.stop();
    await settle();
    expect(windows.getSnapshot().status).toBe('loading');
    expect(fake.calls.at(-1)?.name).toBe('live.unsubscribe');
  });

  it('adopts the window primed at start-up instead of asking again, with pushes that came before', async () => {
    const fake = fakeClient(300);
    primeWindow(fake.client, { request: 'accounts.list', params: { ...query, offset: 0, limit: PAGE_SIZE * LIVE_PAGES } });
    await settle();
    fake.insertAtTop('Early Bird');
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    await settle();
    expect(fake.calls.filter((call) => call.name === 'live.subscribe')).toHaveLength(1);
    expect(windows.rowAt(0)?.name).toBe('Early Bird');
    expect(windows.getSnapshot().total).toBe(301);
    windows.stop();
  });

  it('shows a primed window that has arrived from its creation on, and keeps it when it starts', async () => {
    const fake = fakeClient(300);
    primeWindow(fake.client, { request: 'accounts.list', params: { ...query, offset: 0, limit: PAGE_SIZE * LIVE_PAGES } });
    await settle();
    const windows = createListWindows(fake.client, 'accounts.list', query);
    expect(windows.getSnapshot()).toMatchObject({ status: 'ready', total: 300 });
    expect(windows.rowAt(150)?.name).toBe('Account 150');
    windows.start();
    expect(windows.rowAt(0)?.name).toBe('Account 0');
    await settle();
    expect(fake.calls.filter((call) => call.name === 'live.subscribe')).toHaveLength(1);
    expect(windows.getSnapshot()).toMatchObject({ status: 'ready', total: 300 });
    windows.stop();
  });

  it('shows the window the browser host put in the page before the primed answer arrives, for that query only', async () => {
    const fake = fakeClient(300);
    const primedQuery = { request: 'accounts.list', params: { ...query, offset: 0, limit: PAGE_SIZE * LIVE_PAGES } } as const;
    const inPage = { rows: [account('p1', 'From The Page', '1-p')], total: 1, offset: 0 };
    const element = (embeddedQuery: unknown) => ({
      textContent: JSON.stringify({ query: embeddedQuery, result: inPage }),
      remove: () => undefined,
    });
    const globals = globalThis as { document?: unknown };
    try {
      globals.document = { getElementById: (id: string) => (id === LANDING_WINDOW_ELEMENT_ID ? element(primedQuery) : null) };
      primeWindow(fake.client, primedQuery); // answered on a later tick
      const windows = createListWindows(fake.client, 'accounts.list', query);
      expect(windows.getSnapshot()).toMatchObject({ status: 'ready', total: 1 });
      expect(windows.rowAt(0)?.name).toBe('From The Page');
      windows.start();
      await settle();
      expect(fake.calls.filter((call) => call.name === 'live.subscribe')).toHaveLength(1);
      expect(windows.rowAt(0)?.name).toBe('Account 0'); // the live answer replaced it
      windows.stop();

      const other = fakeClient(10);
      globals.document = {
        getElementById: () => element({ ...primedQuery, params: { ...primedQuery.params, filter: { tier: ['key'] } } }),
      };
      primeWindow(other.client, { ...primedQuery, params: { ...primedQuery.params, sort: { field: 'city', direction: 'asc' } } });
      expect(
        createListWindows(other.client, 'accounts.list', { ...query, sort: { field: 'city', direction: 'asc' } }).getSnapshot().status,
      ).toBe('loading');
    } finally {
      delete globals.document;
    }
  });

  it("takes the page's window when the rest of the page arrives after the entry script ran", async () => {
    const primedQuery = { request: 'accounts.list', params: { ...query, offset: 0, limit: PAGE_SIZE * LIVE_PAGES } } as const;
    const inPage = { rows: [account('p1', 'From The Page', '1-p')], total: 1, offset: 0 };
    // The core has not answered yet (and will not in this test): only the page can bring the rows.
    const silent: CrmClient = {
      host: 'browser',
      send: () => new Promise(() => undefined),
      subscribe: () => () => undefined,
      onConnectionChange: () => () => undefined,
    };
    const parsed = new EventTarget();
    let element: { textContent: string; remove: () => void } | null = null;
    const globals = globalThis as { document?: unknown };
    try {
      globals.document = {
        readyState: 'loading',
        getElementById: (id: string) => (id === LANDING_WINDOW_ELEMENT_ID ? element : null),
        addEventListener: (type: string, listener: EventListener, options?: AddEventListenerOptions) =>
          parsed.addEventListener(type, listener, options),
      };
      let ready = false;
      void primeWindow(silent, primedQuery)?.then(() => void (ready = true));
      await settle();
      expect(ready).toBe(false);
      expect(peekPrimedWindow(silent, primedQuery)).toBeUndefined();

      element = { textContent: JSON.stringify({ query: primedQuery, result: inPage }), remove: () => undefined };
      parsed.dispatchEvent(new Event('DOMContentLoaded'));
      await settle();
      expect(ready).toBe(true);
      expect(peekPrimedWindow(silent, primedQuery)).toEqual({ request: 'accounts.list', result: inPage });
    } finally {
      delete globals.document;
    }
  });

  it('asks for its own window when the primed one is for another query', async () => {
    const fake = fakeClient(50);
    primeWindow(fake.client, {
      request: 'accounts.list',
      params: { filter: { tier: ['key'] }, sort: query.sort, offset: 0, limit: PAGE_SIZE * LIVE_PAGES },
    });
    const windows = createListWindows(fake.client, 'accounts.list', query);
    windows.start();
    await settle();
    expect(fake.calls.filter((call) => call.name === 'live.subscribe')).toHaveLength(2);
    expect(windows.getSnapshot()).toMatchObject({ status: 'ready', total: 50 });
    windows.stop();
  });
});

describe('DEFAULT_ACCOUNTS_WINDOW', () => {
  it('is the window the accounts list asks for in its default view', () => {
    expect(JSON.stringify(DEFAULT_ACCOUNTS_WINDOW)).toBe(
      JSON.stringify(firstWindow({ filter: {}, sort: { field: 'name', direction: 'asc' } })),
    );
  });
});
