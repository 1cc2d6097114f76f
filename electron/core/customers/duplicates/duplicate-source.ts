import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import { DuplicateIndex, type DedupRecord } from '../../../../shared/dedup/duplicate-index';
import type { Account, Contact } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';

/** "a|b" with the smaller id first, so a pair has one key whichever way round it is named. */
export function pairKey(aId: string, bId: string): string {
  return aId < bId ? `${aId}|${bId}` : `${bId}|${aId}`;
}

export function contactName(contact: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [contact.firstName, contact.lastName].filter((part) => part !== undefined && part.trim().length > 0).join(' ');
}

export function toDedupRecord(entity: 'account', doc: Account): DedupRecord;
export function toDedupRecord(entity: 'contact', doc: Contact): DedupRecord;
export function toDedupRecord(entity: DuplicateEntity, doc: Account | Contact): DedupRecord;
export function toDedupRecord(entity: DuplicateEntity, doc: Account | Contact): DedupRecord {
  const optional = (key: string, value: string | undefined): Record<string, string> => (value ? { [key]: value } : {});
  if (entity === 'account') {
    const account = doc as Account;
    return {
      id: account.id,
      name: account.name,
      ...optional('email', account.email),
      ...optional('phone', account.phone),
      ...optional('website', account.website),
      ...optional('domain', account.domain),
      ...optional('country', account.country),
      ...optional('city', account.city),
    };
  }
  const contact = doc as Contact;
  return {
    id: contact.id,
    name: contactName(contact),
    // A contact reached on the mobile only is still found by that number.
    ...optional('phone', contact.phone ?? contact.mobile),
    ...optional('email', contact.email),
    ...optional('country', contact.country),
    ...optional('city', contact.city),
    accountId: contact.accountId,
  };
}

type Entry = {
  readonly index: DuplicateIndex;
  /** Pair keys the user marked "not duplicates", from every live record's `notDuplicateOf`. */
  readonly dismissed: Map<string, ReadonlySet<string>>;
  /** Bumped on every change, so the queue can keep its computed pairs until something moves. */
  version: number;
};

export type DuplicateSource = {
  /** The entity's index, built from the database on first use and kept current after. */
  index(entity: DuplicateEntity): Promise<DuplicateIndex>;
  /** True when someone marked the pair "not duplicates". Only valid after `index(entity)`. */
  isDismissed(entity: DuplicateEntity, aId: string, bId: string): boolean;
  /** A number that changes whenever the entity's records or dismissals change. */
  version(entity: DuplicateEntity): number;
  close(): void;
};

/**
 * The duplicate indexes of accounts and contacts. Each is built lazily, the first time a warning
 * or the queue needs it, from one read of the live records; from then on the collection's change
 * stream (local writes and sync pulls alike) upserts changed records and removes deleted ones.
 * Events that arrive while the first read runs are held and applied after it, in order, so the
 * index ends at the newest state.
 */
export function createDuplicateSource(db: CrmDatabase): DuplicateSource {
  const entries = new Map<DuplicateEntity, Promise<Entry>>();
  const subscriptions: Subscription[] = [];
  const ready = new Map<DuplicateEntity, Entry>();
  let closed = false;

  function collectionOf(entity: DuplicateEntity): RxCollection<Account> | RxCollection<Contact> {
    return entity === 'account' ? (db.accounts as unknown as RxCollection<Account>) : (db.contacts as unknown as RxCollection<Contact>);
  }

  function apply(entry: Entry, entity: DuplicateEntity, doc: Account | Contact, deleted: boolean): void {
    entry.version++;
    if (deleted) {
      entry.index.remove(doc.id);
      entry.dismissed.delete(doc.id);
      return;
    }
    entry.index.upsert(toDedupRecord(entity, doc));
    if (doc.notDuplicateOf && doc.notDuplicateOf.length > 0) entry.dismissed.set(doc.id, new Set(doc.notDuplicateOf));
    else entry.dismissed.delete(doc.id);
  }

  async function build(entity: DuplicateEntity): Promise<Entry> {
    const collection = collectionOf(entity) as RxCollection<Account | Contact>;
    const entry: Entry = { index: new DuplicateIndex(entity), dismissed: new Map(), version: 0 };
    let held: Array<{ operation: string; documentData: (Account & { _deleted?: boolean }) | (Contact & { _deleted?: boolean }) }> | null =
      [];
    subscriptions.push(
      collection.eventBulks$.subscribe((bulk) => {
        for (const event of bulk.events) {
          if (held) held.push(event);
          else apply(entry, entity, event.documentData, event.operation === 'DELETE' || event.documentData._deleted === true);
        }
      }),
    );
    const docs = await collection.find().exec();
    for (const doc of docs) apply(entry, entity, doc.toJSON(false) as Account | Contact, false);
    const pending = held;
    held = null;
    for (const event of pending) {
      apply(entry, entity, event.documentData, event.operation === 'DELETE' || event.documentData._deleted === true);
    }
    ready.set(entity, entry);
    return entry;
  }

  return {
    index(entity) {
      if (closed) return Promise.reject(new Error('The duplicate index is closed'));
      let entry = entries.get(entity);
      if (!entry) {
        entry = build(entity);
        // A failed build is not cached, so the next request tries again.
        entry.catch(() => entries.delete(entity));
        entries.set(entity, entry);
      }
      return entry.then((e) => e.index);
    },
    isDismissed(entity, aId, bId) {
      const entry = ready.get(entity);
      if (!entry) return false;
      return entry.dismissed.get(aId)?.has(bId) === true || entry.dismissed.get(bId)?.has(aId) === true;
    },
    version(entity) {
      return ready.get(entity)?.version ?? -1;
    },
    close() {
      closed = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
