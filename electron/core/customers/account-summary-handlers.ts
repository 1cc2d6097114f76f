import { ok } from '../../../shared/contract';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { accountSummary } from './account-summary';
import { accountDeals, accountTimeline } from './account-timeline';

export function createAccountSummaryHandlers(deps: { readonly db: CrmDatabase; readonly now: () => number }) {
  return defineHandlers({
    'accounts.summary': async ({ id, year }) => ok(await accountSummary(deps.db, id, year ?? new Date(deps.now()).getFullYear())),
    'accounts.deals': async ({ id, contactId, closedLimit }) => ok(await accountDeals(deps.db, id, contactId, closedLimit)),
    'accounts.timeline': async ({ id, contactId, limit }) => ok(await accountTimeline(deps.db, id, contactId, limit)),
  });
}
