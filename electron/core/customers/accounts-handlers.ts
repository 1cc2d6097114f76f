import { ok } from '../../../shared/contract';
import type { Account, Contact } from '../../../shared/schemas';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import { followMerged, refuseRestoreOfMerged } from './duplicates/merge-links';
import { createRecordStore, type StoreDeps } from './record-store';
import type { SegmentFilter } from '../marketing/segments/segment-filter';

/** `segments`: where a list filtered by a saved segment gets its ids (absent: such a filter is refused). */
export function createAccountsHandlers(deps: StoreDeps, options: { readonly segments?: SegmentFilter } = {}) {
  const store = createRecordStore<Account>('accounts', deps);
  const contacts = createRecordStore<Contact>('contacts', deps);
  return {
    store,
    handlers: defineHandlers({
      'accounts.list': async (params) => {
        const { segmentId, ...filter } = params.filter;
        if (segmentId === undefined) return ok(await store.list({ ...params, filter }));
        if (!options.segments) throw new HandlerError('invalid_state', 'Segments cannot filter this list here');
        return ok(await store.list({ ...params, filter: { ...filter, id: await options.segments.idsOf(segmentId, 'accounts') } }));
      },
      'accounts.get': async ({ id }) => {
        // A merged account answers not_found with reason 'merged' and its survivor's id.
        return ok(await followMerged(deps.db, 'account', id, () => store.get(id)));
      },
      'accounts.create': async ({ values }) => ok(await store.create(values)),
      'accounts.update': async ({ id, patch, unset, expectedRevision }) => ok(await store.update(id, patch, unset ?? [], expectedRevision)),
      'accounts.delete': async ({ id, contacts: what }) => {
        await store.get(id); // not_found before anything is written
        // Contacts first: if the account delete then failed, the account would still be there to retry.
        const contactIds = what === 'delete' ? await contacts.removeMany(await contactIdsOf(deps, id)) : [];
        await store.remove(id);
        return ok({ id, contactIds });
      },
      'accounts.restore': async ({ id, contactIds }) => {
        await refuseRestoreOfMerged(deps.db, 'account', id);
        const restored = await store.restore(id);
        await contacts.restoreMany(contactIds ?? []);
        return ok(restored);
      },
    }),
  };
}

async function contactIdsOf(deps: StoreDeps, accountId: string): Promise<string[]> {
  // Served by the [accountId, lastName] index.
  const docs = await deps.db.contacts.find({ selector: { accountId } }).exec();
  return docs.map((doc) => doc.id);
}
