import type { ContactRecord } from '../../../../shared/contract';
import { useLiveQuery } from '../../data/use-live-query';

/** An account's people for a contact picker (first 200 by name; more than a rep scrolls through). */
export function useAccountContacts(accountId: string): ReadonlyArray<ContactRecord> {
  const live = useLiveQuery(
    'contacts.list',
    { filter: { accountId: [accountId] }, sort: { field: 'lastName', direction: 'asc' }, limit: 200 },
    `case-contacts:${accountId}`,
  );
  return live.status === 'ready' ? (live.result.rows as ReadonlyArray<ContactRecord>) : [];
}
