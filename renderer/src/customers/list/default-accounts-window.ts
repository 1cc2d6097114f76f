import type { LiveQuery } from '../../../../shared/contract';
import { LANDING_ACCOUNTS_WINDOW } from '../../../../shared/contract/customers/landing-window';

/** Hash routes that land on the accounts list (the index routes redirect there). */
export const ACCOUNTS_LIST_HASHES: ReadonlySet<string> = new Set([
  '',
  '#',
  '#/',
  '#/customers',
  '#/customers/',
  '#/customers/accounts',
  '#/customers/accounts/',
]);

/**
 * The accounts list's first live window in its default view (no filter, by name), spelled out so
 * the entry chunk can ask for it without loading the schemas that the general query builder
 * (accountsListQuery) validates filters with. It is the app's landing query, which the browser
 * host starts reading when it serves the page. A test keeps it equal to what the list asks for.
 */
export const DEFAULT_ACCOUNTS_WINDOW: LiveQuery = LANDING_ACCOUNTS_WINDOW;
