import type { RxCollection } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import {
  DEFAULT_DUPLICATE_THRESHOLD,
  DuplicateIndex,
  type DedupRecord,
  type DuplicatePair,
} from '../../../../shared/dedup/duplicate-index';
import type { Account, Contact } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { contactName } from '../../../../shared/schemas/contact-name';
import { domainChanges } from '../../db/domain-changes';
import { forEachDocument } from '../../db/for-each-document';
import { backgroundTurn } from '../../db/work-lanes';

/** A changed record's pairs re-scored per change; more than this many look-alikes is a block, not a duplicate. */
const PAIRS_PER_RECORD = 200;

/** "a|b" with the smaller id first, so a pair has one key whichever way round it is named. */
export function pairKey(aId: string, bId: string): string {
  return aId < bId ? `${aId}|${bId}` : `${bId}|${aId}`;
}

export { contactName };

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
  /** Bumped on every change, so the queue can keep its sorted page source until something moves. */
  version: number;
  /**
   * Likely pairs above the threshold by pair key, once the queue first asked; from then on each
   * change re-scores only the changed record's pairs instead of every pair of the collection
   * (other pairs keep the name frequencies they were scored with until the core restarts).
   */
  pairs: Map<string, DuplicatePair> | null;
  /** Pair keys per record id, so a change drops that record's old pairs without a scan. */
  pairsById: Map<string, Set<string>>;
  /** The first count of all pairs, shared by every caller while it runs. */
  pairsReady: Promise<void> | null;
  /** Records changed while that first count runs: their pairs come from the change, not the count. */
  touchedDuringCount: Set<string> | null;
};

export type DuplicateSource = {
  /** The entity's index, built from the database on first use and kept current after. */
  index(entity: DuplicateEntity): Promise<DuplicateIndex>;
  /** True when someone marked the pair "not duplicates". Only valid after `index(entity)`. */
  isDismissed(entity: DuplicateEntity, aId: string, bId: string): boolean;
  /** A number that changes whenever the entity's records or dismissals change. */
  version(entity: DuplicateEntity): number;
  /** Every likely pair (dismissed ones included), unordered. */
  pairs(entity: DuplicateEntity): Promise<ReadonlyArray<DuplicatePair>>;
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

  function addPair(entry: Entry, pair: DuplicatePair): void {
    const key = pairKey(pair.aId, pair.bId);
    entry.pairs?.set(key, pair);
    for (const id of [pair.aId, pair.bId]) {
      const keys = entry.pairsById.get(id);
      if (keys) keys.add(key);
      else entry.pairsById.set(id, new Set([key]));
    }
  }

  function dropPairs(entry: Entry, id: string): void {
    for (const key of entry.pairsById.get(id) ?? []) {
      const pair = entry.pairs?.get(key);
      entry.pairs?.delete(key);
      const other = pair === undefined ? undefined : pair.aId === id ? pair.bId : pair.aId;
      if (other !== undefined) entry.pairsById.get(other)?.delete(key);
    }
    entry.pairsById.delete(id);
  }

  function apply(entry: Entry, entity: DuplicateEntity, doc: Account | Contact, deleted: boolean): void {
    entry.version++;
    entry.touchedDuringCount?.add(doc.id);
    if (entry.pairs) dropPairs(entry, doc.id);
    if (deleted) {
      entry.index.remove(doc.id);
      entry.dismissed.delete(doc.id);
      return;
    }
    const record = toDedupRecord(entity, doc);
    entry.index.upsert(record);
    if (doc.notDuplicateOf && doc.notDuplicateOf.length > 0) entry.dismissed.set(doc.id, new Set(doc.notDuplicateOf));
    else entry.dismissed.delete(doc.id);
    if (entry.pairs) {
      for (const candidate of entry.index.candidatesFor(record, { threshold: DEFAULT_DUPLICATE_THRESHOLD, limit: PAIRS_PER_RECORD })) {
        const [aId, bId] = doc.id < candidate.id ? [doc.id, candidate.id] : [candidate.id, doc.id];
        addPair(entry, { aId, bId, score: candidate.score, reasons: candidate.reasons });
      }
    }
  }

  async function build(entity: DuplicateEntity): Promise<Entry> {
    const collection = collectionOf(entity) as RxCollection<Account | Contact>;
    const entry: Entry = {
      index: new DuplicateIndex(entity),
      dismissed: new Map(),
      version: 0,
      pairs: null,
      pairsById: new Map(),
      pairsReady: null,
      touchedDuringCount: null,
    };
    let held: Array<{ operation: string; documentData: (Account & { _deleted?: boolean }) | (Contact & { _deleted?: boolean }) }> | null =
      [];
    subscriptions.push(
      domainChanges(collection).subscribe((bulk) => {
        for (const event of bulk.events) {
          if (held) held.push(event);
          else apply(entry, entity, event.documentData, event.operation === 'DELETE' || event.documentData._deleted === true);
        }
      }),
    );
    // Read in pages with other requests in between: building the index of a large database takes seconds.
    await forEachDocument<Account | Contact>(db, collection, (doc) => apply(entry, entity, doc, false), { turn: backgroundTurn });
    const pending = held;
    held = null;
    for (const event of pending) {
      apply(entry, entity, event.documentData, event.operation === 'DELETE' || event.documentData._deleted === true);
    }
    ready.set(entity, entry);
    return entry;
  }

  /**
   * Every record's candidates above the threshold, looked up in slices with other requests in
   * between (the engine's one-call pairs() would hold the core for seconds on a large database).
   * Pairs are kept from the moment the count starts, so changes meanwhile keep theirs current, and
   * the records they touched are skipped by the count.
   */
  async function countPairs(entry: Entry, entity: DuplicateEntity): Promise<void> {
    entry.pairs = new Map();
    entry.touchedDuringCount = new Set();
    try {
      const touched = entry.touchedDuringCount;
      await forEachDocument<Account | Contact>(
        db,
        collectionOf(entity) as RxCollection<Account | Contact>,
        (doc) => {
          if (touched.has(doc.id)) return;
          const record = toDedupRecord(entity, doc);
          for (const candidate of entry.index.candidatesFor(record, { threshold: DEFAULT_DUPLICATE_THRESHOLD, limit: PAIRS_PER_RECORD })) {
            const [aId, bId] = record.id < candidate.id ? [record.id, candidate.id] : [candidate.id, record.id];
            addPair(entry, { aId, bId, score: candidate.score, reasons: candidate.reasons });
          }
        },
        { turn: backgroundTurn },
      );
      entry.version++;
    } finally {
      entry.touchedDuringCount = null;
    }
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
    async pairs(entity) {
      await this.index(entity);
      const entry = ready.get(entity) as Entry;
      if (!entry.pairsReady) {
        entry.pairsReady = countPairs(entry, entity);
        // A failed count is not kept, so the next request counts again.
        entry.pairsReady.catch(() => {
          entry.pairs = null;
          entry.pairsReady = null;
          entry.pairsById.clear();
        });
      }
      await entry.pairsReady;
      return [...(entry.pairs ?? new Map<string, DuplicatePair>()).values()];
    },
    close() {
      closed = true;
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
  };
}
