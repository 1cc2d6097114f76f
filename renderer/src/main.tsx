import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { defaultLanguage, initI18n } from './i18n/i18n';
import { createPrefsApi } from './prefs/prefs-api';
import { createCrmClient } from './transport/crm-client';

async function boot(): Promise<void> {
  const prefs = createPrefsApi();
  const language = (await prefs.get('language')) ?? defaultLanguage(navigator.languages);
  await initI18n(language);
  const client = createCrmClient();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html lacks #root');
  createRoot(root).render(
    <StrictMode>
      <App client={client} prefs={prefs} />
    </StrictMode>,
  );
}

void boot();
