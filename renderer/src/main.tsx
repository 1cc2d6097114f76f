import { StrictMode } from 'react';
import { primeAccountsWindow } from './customers/list/prime-accounts-window';
import { defaultLanguage, initI18n } from './i18n/i18n';
import { createPrefsApi } from './prefs/prefs-api';
import { useUiStore } from './state/ui-store';
import { createCrmClient } from './transport/crm-client';

/** Where the router's index routes would redirect; going there first saves a render pass and an effect. */
const LANDING = '#/customers/accounts';

/**
 * Start-up is one parallel burst, not a waterfall: the connection opens and the accounts list's
 * first window is requested (primeAccountsWindow) while the app's screens — a separate chunk —
 * download and parse and while i18n reads the language from Dexie. React mounts when all are in.
 */
async function boot(): Promise<void> {
  performance.mark('boot:start');
  const screens = Promise.all([import('react-dom/client'), import('./app/App')]);
  if (window.location.hash === '' || window.location.hash === '#/') window.history.replaceState(window.history.state, '', LANDING);
  const client = createCrmClient();
  // The store knows the connection from the first render on, so lists start in the first commit
  // rather than after App's effect reports it (App keeps its own subscription; both set the same value).
  client.onConnectionChange(useUiStore.getState().setConnection);
  const prefs = createPrefsApi();
  primeAccountsWindow(client, prefs, window.location.hash);
  const language = (await prefs.get('language')) ?? defaultLanguage(navigator.languages);
  await initI18n(language);
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
