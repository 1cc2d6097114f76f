import { StrictMode } from 'react';
import { documentParsed } from './common/document-parsed';
import { ACCOUNTS_LIST_HASHES, DEFAULT_ACCOUNTS_WINDOW } from './customers/list/default-accounts-window';
import { peekPrimedWindow, primeWindow } from './data/primed-window';
import { defaultLanguage } from './i18n/languages';
import { readBootPrefs } from './prefs/boot-prefs';
import { createCrmClient } from './transport/crm-client';

/** Where the router's index routes would redirect; going there first saves a render pass and an effect. */
const LANDING = '#/customers/accounts';

/**
 * The first Intl object a page builds loads ICU's data (25-60 ms here), and the first screen
 * needs Intl before its first rows show (row count, money, dates). Built while the start-up chunks
 * are still on their way, that cost fills time the main thread would spend waiting; when they are
 * already here it costs nothing extra, since the first render would pay it anyway.
 */
function warmIntl(): void {
  // The stored language is not read yet; most starts use the default one.
  const locale = defaultLanguage(navigator.languages);
  void new Intl.PluralRules(locale).select(1);
  void new Intl.NumberFormat(locale).format(1);
  void new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(0);
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
const settledWithin = (promise: Promise<unknown>, ms: number): Promise<unknown> =>
  Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);

/**
 * The element the app renders into. The entry script is async (electron.vite.config.ts: it runs
 * as soon as its chunks are here, not when the browser host has sent the whole page), so in
 * principle it could run before the parser has reached `#root`; then it waits for the parse.
 */
async function rootElement(): Promise<HTMLElement> {
  if (!document.getElementById('root')) await documentParsed();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');
  return root;
}

/**
 * How long the first render waits for the primed first window. The host reads it when it serves
 * the page, so it is usually in or on its way; rows in the first render save a second render,
 * layout and paint (60-150 ms here), far more than this wait.
 */
const FIRST_WINDOW_WAIT_MS = 50;

/**
 * Start-up is one parallel burst, not a waterfall. This entry chunk is deliberately small: it opens
 * the connection and asks for the accounts list's first window (default view) as soon as it runs,
 * starts reading the stored preferences, and loads the session code (i18n) and the screens as
 * chunks fetched side by side (index.html preloads them). The list draws the primed window in its
 * first render when it has arrived (list-windows.ts), and adopts its subscription.
 */
async function boot(): Promise<void> {
  performance.mark('boot:start');
  if (window.location.hash === '' || window.location.hash === '#/') window.history.replaceState(window.history.state, '', LANDING);
  const client = createCrmClient();
  const firstWindow = ACCOUNTS_LIST_HASHES.has(window.location.hash) ? primeWindow(client, DEFAULT_ACCOUNTS_WINDOW) : undefined;
  // The language and the list's stored view: on a fresh profile IndexedDB takes 100 ms and more
  // to answer, so the read starts now, beside the chunks, not once the session code has run.
  const stored = readBootPrefs('accounts');
  const session = import('./app/start-session');
  const screens = Promise.all([import('react-dom/client'), import('./app/App')]);
  warmIntl();
  const { prefs } = await (await session).startSession(client, stored);
  const [{ createRoot }, { App }] = await screens;
  // The answer may already sit in the task queue behind this one, or the end of the page (the
  // browser host's, which carries the window) be on its way; let it in before rendering.
  if (firstWindow && !peekPrimedWindow(client, DEFAULT_ACCOUNTS_WINDOW)) await settledWithin(firstWindow, FIRST_WINDOW_WAIT_MS);
  performance.mark('boot:render');
  const root = await rootElement();
  createRoot(root).render(
    <StrictMode>
      <App client={client} prefs={prefs} />
    </StrictMode>,
  );
}

void boot();
