import type { LiveQuery, LiveResult, Result, ResultOf } from '../../../shared/contract';
import { LANDING_WINDOW_ELEMENT_ID, type EmbeddedLandingWindow } from '../../../shared/contract/customers/landing-window';
import { documentParsed } from '../common/document-parsed';
import type { CrmClient } from '../transport/crm-client';

type Answer = Result<ResultOf<'live.subscribe'>>;
type Primed = { readonly client: CrmClient; readonly take: () => Promise<Answer>; readonly peek: () => LiveResult | undefined };

/** A primed window nobody adopted (the user opened another screen) is unsubscribed after this. */
const UNCLAIMED_MS = 10_000;
const primed = new Map<string, Primed>();

const keyOf = (query: LiveQuery): string => JSON.stringify(query);

/**
 * The window the browser host put in the page for exactly this query (electron/host/landing-page.ts),
 * read once; undefined in Electron, for any other query, or when the element is missing or unreadable.
 */
export function embeddedWindow(query: LiveQuery): LiveResult | undefined {
  if (typeof document === 'undefined') return undefined;
  const element = document.getElementById(LANDING_WINDOW_ELEMENT_ID);
  if (!element?.textContent) return undefined;
  element.remove();
  try {
    const embedded = JSON.parse(element.textContent) as EmbeddedLandingWindow;
    if (keyOf(embedded.query) !== keyOf(query) || typeof embedded.result !== 'object' || embedded.result === null) return undefined;
    return { request: query.request, result: embedded.result } as LiveResult;
  } catch {
    return undefined;
  }
}

/**
 * The embedded window for `query` once the page has been parsed. The entry script runs async
 * (electron.vite.config.ts), so it may start while the browser host is still sending the end of
 * the page, which carries the element; then `found` hears of it at DOMContentLoaded. Resolves
 * when the element has been looked for.
 */
function whenEmbedded(query: LiveQuery, found: (window: LiveResult) => void): Promise<void> {
  if (typeof document === 'undefined') return Promise.resolve();
  const look = (): void => {
    const inPage = embeddedWindow(query);
    if (inPage) found(inPage);
  };
  // Read at once when the page is complete, so a list created right after priming finds it.
  if (document.readyState !== 'loading') {
    look();
    return Promise.resolve();
  }
  return documentParsed().then(look);
}

/**
 * Sends `live.subscribe` for a list's first window now, before React has mounted, so the core
 * reads it while the page is still parsing and rendering; the list's store adopts the answer
 * (takePrimedWindow) instead of asking again. Pushes that arrive before adoption are kept, so the
 * adopted window is as fresh as a subscription made at adoption time. Returns a promise that
 * settles as soon as a first window can be shown (peekPrimedWindow): the answer, or the window the
 * page carries (undefined when this window is already primed).
 */
export function primeWindow(client: CrmClient, query: LiveQuery): Promise<unknown> | undefined {
  const key = keyOf(query);
  if (primed.has(key)) return undefined;
  let inPage: LiveResult | undefined;
  const embedded = whenEmbedded(query, (window) => void (inPage = window));
  let latest: LiveResult | undefined;
  let subscriptionId: string | undefined;
  let settled: Answer | undefined;
  const answer = client.send('live.subscribe', { query });
  // Marks show in a trace (DevTools, bench) when the first window was asked for and answered.
  performance.mark('prime:sent');
  void answer.then((result) => {
    performance.mark('prime:answer');
    settled = result;
    if (result.ok) subscriptionId = result.value.subscriptionId;
  });
  const withPushes = (result: Answer): Answer => (result.ok && latest ? { ok: true, value: { ...result.value, ...latest } } : result);
  const stopEvents = client.subscribe('live.changed', (event) => {
    if (event.subscriptionId === subscriptionId) latest = { request: event.request, result: event.result } as LiveResult;
  });
  const release = (): void => {
    primed.delete(key);
    stopEvents();
    clearTimeout(expiry);
  };
  const expiry = setTimeout(() => {
    release();
    void answer.then((result) => {
      if (result.ok) void client.send('live.unsubscribe', { subscriptionId: result.value.subscriptionId });
    });
  }, UNCLAIMED_MS);
  primed.set(key, {
    client,
    take: async () => {
      release();
      return withPushes(await answer);
    },
    peek: () => {
      const answer = settled ? withPushes(settled) : undefined;
      if (answer?.ok) return { request: answer.value.request, result: answer.value.result } as LiveResult;
      return latest ?? inPage;
    },
  });
  // Whichever comes first; the embedded element only counts when it was there.
  return Promise.race([answer, embedded.then(() => (inPage ? undefined : answer))]);
}

/**
 * The primed window for exactly this query on this client if it is here (answered, or embedded in
 * the page by the browser host), without adopting it: a list's store shows it in its first render,
 * then adopts the subscription with takePrimedWindow when it starts.
 */
export function peekPrimedWindow(client: CrmClient, query: LiveQuery): LiveResult | undefined {
  const entry = primed.get(keyOf(query));
  return entry?.client === client ? entry.peek() : undefined;
}

/** The primed answer for exactly this query on this client, once; undefined when there is none. */
export function takePrimedWindow(client: CrmClient, query: LiveQuery): Promise<Answer> | undefined {
  const entry = primed.get(keyOf(query));
  if (!entry || entry.client !== client) return undefined;
  return entry.take();
}
