import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { LANDING_ACCOUNTS_WINDOW, LANDING_WINDOW_ELEMENT_ID, type EmbeddedLandingWindow } from '../../shared/contract/customers/landing-window';
import type { CoreThread } from './core-thread';
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

/**
 * Reads the landing window (the accounts list's first window in its default view) through a
 * short-lived core session and renders the element that carries it; undefined when the read fails
 * or takes longer than `waitMs` (the renderer then asks over the WebSocket as it would anyway).
 */
export function landingWindowReader(core: Pick<CoreThread, 'openSession'>, log: (message: string, error?: unknown) => void, waitMs = LANDING_WAIT_MS): () => Promise<string | undefined> {
  return () => {
    const session = core.openSession(() => undefined);
    const read = session.request(LANDING_ACCOUNTS_WINDOW.request, LANDING_ACCOUNTS_WINDOW.params).then(
      (result) => {
        if (!result.ok) {
          log(`reading the landing window failed: ${result.error.message}`);
          return undefined;
        }
        const embedded: EmbeddedLandingWindow = { query: LANDING_ACCOUNTS_WINDOW, result: result.value };
        return `<script type="application/json" id="${LANDING_WINDOW_ELEMENT_ID}">${scriptSafeJson(embedded)}</script>`;
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

/**
 * Serves index.html in two writes: everything before `</body>` at once, so the browser starts
 * fetching the scripts and styles it names, then the landing window and the rest once the core has
 * read it. The entry script is async and does not wait for this end: it boots meanwhile and reads
 * the element once the document is parsed (renderer/src/customers/list/primed-window.ts); the read
 * (8-50 ms, up to 250 while a browser starts beside us) overlaps the script downloads and start-up
 * instead of adding a WebSocket round trip after them.
 */
export function serveLandingPage(rendererDir: string, response: ServerResponse, landing: Promise<string | undefined>): void {
  let html: string;
  try {
    html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  } catch {
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
