import { ok, type ContactRow, type ListWindow, type Stored } from '../../../shared/contract';
import type { Contact } from '../../../shared/schemas';
import type { CrmDatabase } from '../db/open-crm-database';
import { defineHandlers } from '../rpc/dispatcher';
import { HandlerError } from '../rpc/handler-error';
import type { SegmentFilter } from '../marketing/segments/segment-filter';
import { followMerged, refuseRestoreOfMerged } from './duplicates/merge-links';
import { createRecordStore, type StoreDeps } from './record-store';

/** `segments`: where a list filtered by a saved segment gets its ids (absent: such a filter is refused). */
export function createContactsHandlers(deps: StoreDeps, options: { readonly segments?: SegmentFilter } = {}) {
  const store = createRecordStore<Contact>('contacts', deps);
  return {
    store,
    handlers: defineHandlers({
      'contacts.list': async (params) => {
        const { segmentId, ...filter } = params.filter;
        if (segmentId === undefined) return ok(await withAccountNames(deps.db, await store.list({ ...params, filter })));
        if (!options.segments) throw new HandlerError('invalid_state', 'Segments cannot filter this list here');
        const ids = await options.segments.idsOf(segmentId, 'contacts');
        return ok(await withAccountNames(deps.db, await store.list({ ...params, filter: { ...filter, id: ids } })));
      },
      'contacts.get': async ({ id }) => {
        // A merged contact answers not_found with reason 'merged' and its survivor's id.
        const contact = await followMerged(deps.db, 'contact', id, () => store.get(id));
        const [row] = (await withAccountNames(deps.db, { rows: [contact], total: 1, offset: 0 })).rows;
        return ok(row ?? contact);
      },
      'contacts.create': async ({ values }) => ok(await store.create(values)),
      'contacts.update': async ({ id, patch, unset, expectedRevision }) => ok(await store.update(id, patch, unset ?? [], expectedRevision)),
      'contacts.delete': async ({ id }) => ok(await store.remove(id)),
      'contacts.restore': async ({ id }) => {
        await refuseRestoreOfMerged(deps.db, 'contact', id);
        return ok(await store.restore(id));
      },
    }),
  };
}

/**
 * Adds each row's account name. One primary-key lookup for the window's distinct accounts, so the
 * join costs the same whatever the database holds; a deleted account leaves the name absent.
 */
export async function withAccountNames(db: CrmDatabase, window: ListWindow<Contact>): Promise<ListWindow<ContactRow>> {
  const ids = [...new Set(window.rows.map((row) => row.accountId))];
  if (ids.length === 0) return window;
  const accounts = await db.accounts.findByIds(ids).exec();
  const rows = window.rows.map((row): Stored<ContactRow> => {
    const name = accounts.get(row.accountId)?.name;
    return name === undefined ? row : { ...row, accountName: name };
  });
  return { ...window, rows };
}
