import { describe, expect, it } from 'vitest';
import { LANDING_ACCOUNTS_WINDOW, LANDING_WINDOW_ELEMENT_ID } from '../../shared/contract/customers/landing-window';
import type { HostSession } from './core-thread';
import { landingWindowReader, scriptSafeJson } from './landing-page';

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
});
