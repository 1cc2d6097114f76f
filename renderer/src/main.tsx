import { StrictMode } from 'react';
import { ACCOUNTS_LIST_HASHES, DEFAULT_ACCOUNTS_WINDOW } from './customers/list/default-accounts-window';
import { primeWindow } from './customers/list/primed-window';
import { readBootPrefs } from './prefs/boot-prefs';
import { createCrmClient } from './transport/crm-client';

/** Where the router's index routes would redirect; going there first saves a render pass and an effect. */
const LANDING = '#/customers/accounts';

/**
 * Start-up is one parallel burst, not a waterfall. This entry chunk is deliberately small: it opens
 * the connection and asks for the accounts list's first window (default view) as soon as it runs,
 * starts reading the stored preferences, and loads the session code (i18n) and the screens as
 * chunks fetched side by side (index.html preloads them). The list adopts the primed window (list-windows.ts), so by the time React has mounted, the
 * rows are usually there.
 */
/**
 * The first Intl object a page builds loads ICU's data (25-60 ms on this class of machine), and
 * the first screen needs Intl for its row count, money and dates. Built while the main thread
 * waits for the start-up chunks, that cost stays out of the first render. Idle time only: the
 * callback never delays a chunk that is ready to run.
 */
function warmIntlWhileIdle(): void {
  const warm = (): void => {
    performance.mark('intl:warm');
    const locale = navigator.language;
    void new Intl.PluralRules(locale).select(1);
    void new Intl.NumberFormat(locale).format(1);
    void new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(0);
    performance.mark('intl:warmed');
  };
  if ('requestIdleCallback' in window) window.requestIdleCallback(warm, { timeout: 1000 });
}

async function boot(): Promise<void> {
  performance.mark('boot:start');
  if (window.location.hash === '' || window.location.hash === '#/') window.history.replaceState(window.history.state, '', LANDING);
  const client = createCrmClient();
  if (ACCOUNTS_LIST_HASHES.has(window.location.hash)) primeWindow(client, DEFAULT_ACCOUNTS_WINDOW);
  // The language and the list's stored view: on a fresh profile IndexedDB takes 100 ms and more
  // to answer, so the read starts now, beside the chunks, not once the session code has run.
  const stored = readBootPrefs('accounts');
  warmIntlWhileIdle();
  const session = import('./transport/start-session');
  const screens = Promise.all([import('react-dom/client'), import('./app/App')]);
  const { prefs } = await (await session).startSession(client, stored);
  const [{ createRoot }, { App }] = await screens;
  performance.mark('boot:render');
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');
  createRoot(root).render(
    <StrictMode>
      <App client={client} prefs={prefs} />
    </StrictMode>,
  );
}

void boot();
