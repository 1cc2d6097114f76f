import { ok } from '../../../shared/contract';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { accountSummary } from './account-summary';

export function createAccountSummaryHandlers(deps: { readonly db: CrmDatabase; readonly now: () => number }) {
  return defineHandlers({
    'accounts.summary': async ({ id, year }) => ok(await accountSummary(deps.db, id, year ?? new Date(deps.now()).getFullYear())),
  });
}
