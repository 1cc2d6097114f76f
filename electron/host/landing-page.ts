import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { EventMap, ResultOf } from '../../shared/contract';
import {
  LANDING_ACCOUNTS_WINDOW,
  LANDING_WINDOW_ELEMENT_ID,
  type EmbeddedLandingWindow,
} from '../../shared/contract/customers/landing-window';
import type { CoreThread } from '../core/threads/core-thread';
import { plain, securityHeaders } from './static-files';

/** The longest the end of the page waits for the landing window; after it the page says nothing. */
export const LANDING_WAIT_MS = 250;

const BODY_END = '</body>';

/**
 * JSON safe inside a `<script>` element: `<` is escaped, so no value (an account named
 * "</script><script>…") can close the element; JSON.parse reads `\u003c` back as `<`.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

function landingElement(result: unknown): string {
  const embedded: EmbeddedLandingWindow = { query: LANDING_ACCOUNTS_WINDOW, result };
  return `<script type="application/json" id="${LANDING_WINDOW_ELEMENT_ID}">${scriptSafeJson(embedded)}</script>`;
}

/**
 * Reads the landing window (the accounts list's first window in its default view) through a
 * short-lived core session and renders the element that carries it; undefined when the read fails
 * or takes longer than `waitMs` (the renderer then asks over the WebSocket as it would anyway).
 */
export function landingWindowReader(
  core: Pick<CoreThread, 'openSession'>,
  log: (message: string, error?: unknown) => void,
  waitMs = LANDING_WAIT_MS,
): () => Promise<string | undefined> {
  return () => {
    const session = core.openSession(() => undefined);
    const read = session.request(LANDING_ACCOUNTS_WINDOW.request, LANDING_ACCOUNTS_WINDOW.params).then(
      (result) => {
        if (!result.ok) {
          log(`reading the landing window failed: ${result.error.message}`);
          return undefined;
        }
        return landingElement(result.value);
      },
      (error: unknown) => {
        log('reading the landing window failed', error);
        return undefined;
      },
    );
    void read.finally(() => session.close());
    return Promise.race([read, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), waitMs).unref())]);
  };
}

export type LandingWindowKeeper = {
  /** The element for the page being served now. */
  readonly element: () => Promise<string | undefined>;
  readonly close: () => void;
};

/**
 * Keeps the landing window at hand: the host subscribes to it (live.subscribe, as a page would)
 * when it starts, and the core pushes each change, so serving the page needs no read. A read when
 * the page is asked for competed with the browser starting beside the host on two cores: 5-50 ms
 * when quiet, up to 240 ms then. Until the first answer (or if subscribing failed) each page gets
 * a one-off read as before. The subscription costs what an open accounts list costs: one re-run of
 * a 200-row window per burst of account writes (debounced by the core).
 */
export function keepLandingWindow(
  core: Pick<CoreThread, 'openSession'>,
  log: (message: string, error?: unknown) => void,
  waitMs = LANDING_WAIT_MS,
): LandingWindowKeeper {
  let latest: unknown;
  let subscriptionId: string | undefined;
  const session = core.openSession((event, payload) => {
    if (event !== 'live.changed') return;
    const changed = payload as EventMap['live.changed'];
    if (subscriptionId !== undefined && changed.subscriptionId === subscriptionId) latest = changed.result;
  });
  void session.request('live.subscribe', { query: LANDING_ACCOUNTS_WINDOW }).then(
    (answer) => {
      if (!answer.ok) return log(`keeping the landing window failed: ${answer.error.message}`);
      // The session is untyped (the core validates what comes in); this is live.subscribe's answer.
      const subscribed = answer.value as ResultOf<'live.subscribe'>;
      subscriptionId = subscribed.subscriptionId;
      latest = subscribed.result;
    },
    (error: unknown) => log('keeping the landing window failed', error),
  );
  const readOnce = landingWindowReader(core, log, waitMs);
  return {
    element: () => (latest === undefined ? readOnce() : Promise.resolve(landingElement(latest))),
    close: () => session.close(),
  };
}

/**
 * Serves index.html in two writes: everything before `</body>` at once, so the browser starts
 * fetching the scripts and styles it names, then the landing window and the rest once the core has
 * read it. The entry script is async and does not wait for this end: it boots meanwhile and reads
 * the element once the document is parsed (renderer/src/customers/list/primed-window.ts); the read
 * (8-50 ms, up to 250 while a browser starts beside us) overlaps the script downloads and start-up
 * instead of adding a WebSocket round trip after them.
 */
export function serveLandingPage(
  rendererDir: string,
  response: ServerResponse,
  landing: Promise<string | undefined>,
  onError: (message: string, error: unknown) => void,
): void {
  let html: string;
  try {
    html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  } catch (error) {
    // No built renderer: the page cannot be served at all, which the log should say plainly.
    onError('reading index.html failed (is out/renderer built?)', error);
    return plain(response, 404, 'Not found');
  }
  response.writeHead(200, { ...securityHeaders(), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  const at = html.lastIndexOf(BODY_END);
  if (at < 0) {
    response.end(html);
    return;
  }
  response.write(html.slice(0, at));
  void landing.then((element) => response.end((element ?? '') + html.slice(at)));
}
