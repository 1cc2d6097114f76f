import { ok } from '../../../shared/contract';
import type { Account } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { createRecordStore, type StoreDeps } from './record-store';

export function createAccountsHandlers(deps: StoreDeps) {
  const store = createRecordStore<Account>('accounts', deps);
  return {
    store,
    handlers: defineHandlers({
      'accounts.list': async (params) => ok(await store.list(params)),
      'accounts.get': async ({ id }) => ok(await store.get(id)),
      'accounts.create': async ({ values }) => ok(await store.create(values)),
      'accounts.update': async ({ id, patch, unset, expectedRevision }) => ok(await store.update(id, patch, unset ?? [], expectedRevision)),
      'accounts.delete': async ({ id }) => ok(await store.remove(id)),
      'accounts.restore': async ({ id }) => ok(await store.restore(id)),
    }),
  };
}
