import type { AccountSortField, LiveQuery } from '../../../../shared/contract';
import type { BootPrefs } from '../../prefs/boot-prefs';
import type { PrefsApi } from '../../prefs/prefs-api';
import type { CrmClient } from '../../transport/crm-client';
import { LIVE_PAGES, PAGE_SIZE } from '../../data/list-windows';
import { toAccountFilter } from './account-filter';
import { ACCOUNTS_LIST_HASHES, DEFAULT_ACCOUNTS_WINDOW } from './default-accounts-window';
import { primeWindow } from '../../data/primed-window';
import { currentId, onlyArrays, preloadListPrefs, type ListView } from './use-list-prefs';

/** The accounts list's query for a view; AccountsPage builds it here too, so a primed window matches. */
export function accountsListQuery(view: Pick<ListView, 'filter' | 'sort'>) {
  return { filter: toAccountFilter(view.filter), sort: { field: view.sort.field as AccountSortField, direction: view.sort.direction } };
}

/** The first live window of the accounts list in a view, as the list's store will ask for it. */
export const firstWindow = (view: Pick<ListView, 'filter' | 'sort'>): LiveQuery =>
  ({ request: 'accounts.list', params: { ...accountsListQuery(view), offset: 0, limit: PAGE_SIZE * LIVE_PAGES } }) as LiveQuery;

/**
 * At start-up, when the page opens on the accounts list, after main.tsx has already asked for the
 * default view's first window (DEFAULT_ACCOUNTS_WINDOW): keeps the list's stored view (read by
 * start-session) for the list's first render (preloadListPrefs) and, if it is not the default,
 * asks for its window too. The window the list does not adopt lapses (primed-window.ts).
 */
export function primeStoredAccountsWindow(
  client: CrmClient,
  prefs: PrefsApi,
  stored: Pick<BootPrefs, 'views' | 'layout'>,
  hash: string,
): void {
  if (!ACCOUNTS_LIST_HASHES.has(hash)) return;
  preloadListPrefs(prefs, 'accounts', stored);
  const current = stored.views.find((view) => view.id === currentId('accounts'));
  if (!current) return;
  const first = firstWindow({ filter: onlyArrays(current.filter), sort: current.sort });
  if (JSON.stringify(first) !== JSON.stringify(DEFAULT_ACCOUNTS_WINDOW)) primeWindow(client, first);
}
