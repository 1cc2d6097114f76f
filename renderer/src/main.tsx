import { StrictMode } from 'react';
import { ACCOUNTS_LIST_HASHES, DEFAULT_ACCOUNTS_WINDOW } from './customers/list/default-accounts-window';
import { primeWindow } from './customers/list/primed-window';
import { createCrmClient } from './transport/crm-client';

/** Where the router's index routes would redirect; going there first saves a render pass and an effect. */
const LANDING = '#/customers/accounts';

/**
 * Start-up is one parallel burst, not a waterfall. This entry chunk is deliberately small: it opens
 * the connection and asks for the accounts list's first window (default view) as soon as it runs,
 * then loads the session code (Dexie, i18n, schemas) and the screens as chunks fetched side by
 * side. The list adopts the primed window (list-windows.ts), so by the time React has mounted, the
 * rows are usually there.
 */
async function boot(): Promise<void> {
  performance.mark('boot:start');
  if (window.location.hash === '' || window.location.hash === '#/') window.history.replaceState(window.history.state, '', LANDING);
  const client = createCrmClient();
  if (ACCOUNTS_LIST_HASHES.has(window.location.hash)) primeWindow(client, DEFAULT_ACCOUNTS_WINDOW);
  const session = import('./transport/start-session');
  const screens = Promise.all([import('react-dom/client'), import('./app/App')]);
  const { prefs } = await (await session).startSession(client);
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
