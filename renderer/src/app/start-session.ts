import { primeStoredAccountsWindow } from '../customers/list/prime-accounts-window';
import { defaultLanguage, initI18n } from '../i18n/i18n';
import type { BootPrefs } from '../prefs/boot-prefs';
import { createPrefsApi, isPref, type PrefsApi } from '../prefs/prefs-api';
import { useUiStore } from '../state/ui-store';
import type { CrmClient } from '../transport/crm-client';

/**
 * The start-up work that needs the prefs database and i18n, run while the screens' chunk still
 * downloads and parses: the stored language, and the accounts list's stored view (and its first
 * window if it is not the default), from the read main.tsx started (boot-prefs.ts); Dexie loads later.
 */
export async function startSession(client: CrmClient, storedPrefs: Promise<BootPrefs>): Promise<{ readonly prefs: PrefsApi }> {
  // The store knows the connection from the first render on, so lists start in the first commit
  // rather than after App's effect reports it (App keeps its own subscription; both set the same value).
  client.onConnectionChange(useUiStore.getState().setConnection);
  const prefs = createPrefsApi();
  const stored = await storedPrefs;
  performance.mark('boot:prefs');
  primeStoredAccountsWindow(client, prefs, stored, window.location.hash);
  const language = isPref('language', stored.language) ? stored.language : defaultLanguage(navigator.languages);
  await initI18n(language);
  return { prefs };
}
