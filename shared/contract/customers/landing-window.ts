import type { LiveQuery } from '../live-requests';

/**
 * The first thing the app's landing screen asks the core for: the accounts list's first live
 * window in its default view (no filter, by name, two pages of 100 rows). The renderer sends it as
 * soon as its entry script runs (renderer/src/main.tsx); the browser host starts reading it when
 * it serves the page, so the core has it in hand by the time the page asks. No zod here: the
 * renderer's entry chunk imports this. renderer/src/customers/list-windows.test.ts keeps it equal
 * to the window the list asks for.
 */
export const LANDING_ACCOUNTS_WINDOW = {
  request: 'accounts.list',
  params: { filter: {}, sort: { field: 'name', direction: 'asc' }, offset: 0, limit: 200 },
} as const satisfies LiveQuery;

/**
 * The browser host serves the page with the landing window already in it, as JSON in an inert
 * `<script type="application/json">` element with this id (electron/host/landing-page.ts), so the
 * first screen does not wait for the WebSocket, which Chromium opens late while a fresh profile
 * starts up. `query` says which window it is; the renderer uses it only for that exact query.
 */
export const LANDING_WINDOW_ELEMENT_ID = 'landing-window';

export type EmbeddedLandingWindow = {
  readonly query: LiveQuery;
  readonly result: unknown;
};
