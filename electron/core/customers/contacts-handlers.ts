import { ok } from '../../../shared/contract';
import type { Contact } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { createRecordStore, type StoreDeps } from './record-store';

export function createContactsHandlers(deps: StoreDeps) {
  const store = createRecordStore<Contact>('contacts', deps);
  return {
    store,
    handlers: defineHandlers({
      'contacts.list': async (params) => ok(await store.list(params)),
      'contacts.get': async ({ id }) => ok(await store.get(id)),
      'contacts.create': async ({ values }) => ok(await store.create(values)),
      'contacts.update': async ({ id, patch, unset, expectedRevision }) => ok(await store.update(id, patch, unset ?? [], expectedRevision)),
      'contacts.delete': async ({ id }) => ok(await store.remove(id)),
      'contacts.restore': async ({ id }) => ok(await store.restore(id)),
    }),
  };
}
