import type { AccountSortField, LiveQuery } from '../../../../shared/contract';
import type { PrefsApi } from '../../prefs/prefs-api';
import type { CrmClient } from '../../transport/crm-client';
import { LIVE_PAGES, PAGE_SIZE } from '../list-windows';
import { toAccountFilter } from './account-filter';
import { primeWindow } from './primed-window';
import { currentId, onlyArrays, preloadListPrefs, type ListView } from './use-list-prefs';

/** Hash routes that land on the accounts list (the index routes redirect there). */
const ACCOUNTS_LIST_HASHES = new Set(['', '#', '#/', '#/customers', '#/customers/', '#/customers/accounts', '#/customers/accounts/']);

/** The accounts list's query for a view; AccountsPage builds it here too, so a primed window matches. */
export function accountsListQuery(view: Pick<ListView, 'filter' | 'sort'>) {
  return { filter: toAccountFilter(view.filter), sort: { field: view.sort.field as AccountSortField, direction: view.sort.direction } };
}

const DEFAULT_SORT = { field: 'name', direction: 'asc' } as const;

const firstWindow = (view: Pick<ListView, 'filter' | 'sort'>): LiveQuery =>
  ({ request: 'accounts.list', params: { ...accountsListQuery(view), offset: 0, limit: PAGE_SIZE * LIVE_PAGES } }) as LiveQuery;

/**
 * At start-up, when the page opens on the accounts list: subscribe to its first window right away,
 * in parallel with loading the rest of the app. The default view is asked for at once, since
 * opening IndexedDB can take a few hundred ms on a cold profile; if the list's stored view turns out
 * to differ, its window is asked for as well, and the unused one lapses (primed-window.ts). The
 * stored view is kept for the list's first render (preloadListPrefs).
 */
export function primeAccountsWindow(client: CrmClient, prefs: PrefsApi, hash: string): void {
  if (!ACCOUNTS_LIST_HASHES.has(hash)) return;
  const guess = firstWindow({ filter: {}, sort: DEFAULT_SORT });
  primeWindow(client, guess);
  void preloadListPrefs(prefs, 'accounts').then((views) => {
    const current = views.find((view) => view.id === currentId('accounts'));
    if (!current) return;
    const stored = firstWindow({ filter: onlyArrays(current.filter), sort: current.sort });
    if (JSON.stringify(stored) !== JSON.stringify(guess)) primeWindow(client, stored);
  });
}
