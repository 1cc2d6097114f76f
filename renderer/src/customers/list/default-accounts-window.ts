import type { LiveQuery } from '../../../../shared/contract';
import { LIVE_PAGES, PAGE_SIZE } from '../list-windows';

/** Hash routes that land on the accounts list (the index routes redirect there). */
export const ACCOUNTS_LIST_HASHES: ReadonlySet<string> = new Set(['', '#', '#/', '#/customers', '#/customers/', '#/customers/accounts', '#/customers/accounts/']);

/**
 * The accounts list's first live window in its default view (no filter, by name), spelled out so
 * the entry chunk can ask for it without loading the schemas that the general query builder
 * (accountsListQuery) validates filters with. A test keeps the two identical.
 */
export const DEFAULT_ACCOUNTS_WINDOW: LiveQuery = {
  request: 'accounts.list',
  params: { filter: {}, sort: { field: 'name', direction: 'asc' }, offset: 0, limit: PAGE_SIZE * LIVE_PAGES },
};
