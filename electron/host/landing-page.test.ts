import { describe, expect, it } from 'vitest';
import { LANDING_ACCOUNTS_WINDOW, LANDING_WINDOW_ELEMENT_ID } from '../../shared/contract/customers/landing-window';
import type { HostSession } from '../core/threads/core-thread';
import type { EventMap } from '../../shared/contract';
import type { HostEventSink } from '../core/threads/core-thread';
import { keepLandingWindow, landingWindowReader, scriptSafeJson } from './landing-page';

/** A core that answers (or not) as told: these tests are about the reader, not the core. */
function coreAnswering(answer: () => Promise<unknown>): { core: { openSession: () => HostSession }; closed: () => number } {
  let closed = 0;
  const session = {
    request: () => answer(),
    close: () => void (closed += 1),
  } as unknown as HostSession;
  return { core: { openSession: () => session }, closed: () => closed };
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('landing page', () => {
  it('writes JSON no value can break out of its script element', () => {
    const hostile = { name: '</script><script>alert(1)</script>', note: '<!-- <b>' };
    const text = scriptSafeJson(hostile);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(hostile);
  });

  it('renders the landing window as an inert JSON element naming its query, and closes its session', async () => {
    const window = { rows: [{ id: 'a1', name: 'Acme </script>' }], total: 1, offset: 0 };
    const fake = coreAnswering(async () => ({ ok: true, value: window }));
    const element = await landingWindowReader(fake.core, () => undefined)();
    const match = new RegExp(`^<script type="application/json" id="${LANDING_WINDOW_ELEMENT_ID}">(.*)</script>$`).exec(element ?? '');
    expect(JSON.parse(match?.[1] ?? 'null')).toEqual({ query: LANDING_ACCOUNTS_WINDOW, result: window });
    await settle(0);
    expect(fake.closed()).toBe(1);
  });

  it('gives nothing when the read fails or is slower than the wait, so the page never hangs on it', async () => {
    const logged: string[] = [];
    const failing = coreAnswering(async () => ({ ok: false, error: { code: 'internal', message: 'disk on fire' } }));
    expect(await landingWindowReader(failing.core, (message) => logged.push(message))()).toBeUndefined();
    expect(logged).toEqual(['reading the landing window failed: disk on fire']);
    const slow = coreAnswering(() => new Promise(() => undefined));
    const started = performance.now();
    expect(await landingWindowReader(slow.core, () => undefined, 30)()).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('keeps the window it subscribed to, follows the pushes for it, and reads once until subscribed', async () => {
    const embeddedResult = (element: string | undefined) =>
      (JSON.parse(/>(.*)<\/script>$/.exec(element ?? '')?.[1] ?? 'null') as { result: unknown } | null)?.result;
    const sinks: HostEventSink[] = [];
    const requests: string[] = [];
    let subscribe: (answer: unknown) => void = () => undefined;
    let closed = 0;
    const core = {
      openSession: (sink: HostEventSink) => {
        sinks.push(sink);
        return {
          request: (name: string) => {
            requests.push(name);
            if (name === 'live.subscribe') return new Promise((resolve) => (subscribe = resolve));
            return Promise.resolve({ ok: true, value: { rows: [], total: 0, offset: 0, read: 'once' } });
          },
          close: () => void (closed += 1),
        } as unknown as HostSession;
      },
    };
    const keeper = keepLandingWindow(core, () => undefined);
    expect(embeddedResult(await keeper.element())).toEqual({ rows: [], total: 0, offset: 0, read: 'once' });
    expect(requests).toEqual(['live.subscribe', LANDING_ACCOUNTS_WINDOW.request]);

    const first = { rows: [{ id: 'a1', name: 'Acme' }], total: 1, offset: 0 };
    subscribe({ ok: true, value: { subscriptionId: 's1', request: 'accounts.list', result: first } });
    await settle(0);
    expect(embeddedResult(await keeper.element())).toEqual(first);
    expect(requests).toHaveLength(2); // no read per page any more

    // A core stand-in: rows carry only what this test looks at.
    const push = (subscriptionId: string, result: unknown) =>
      (sinks[0] as HostEventSink)('live.changed', { subscriptionId, request: 'accounts.list', result } as EventMap['live.changed']);
    push('someone-else', { rows: [], total: 9, offset: 0 });
    expect(embeddedResult(await keeper.element())).toEqual(first);
    const next = { rows: [{ id: 'a2', name: 'Beta' }], total: 2, offset: 0 };
    push('s1', next);
    expect(embeddedResult(await keeper.element())).toEqual(next);

    keeper.close();
    await settle(0);
    expect(closed).toBe(2); // the one-off read's session and the keeper's
  });
});
