import type { RxCollection, RxDocumentData } from 'rxdb';
import type { DuplicateEntity, MergeChildCollection } from '../../../../shared/contract/customers/duplicates-requests';
import { crmCollections } from '../../../../shared/schemas';
import type { CrmDatabase } from '../../db/open-crm-database';
import { withoutMeta } from '../../db/validated-documents';
import { HandlerError } from '../../rpc/handler-error';

/** Which field of which collection points at an account or a contact. */
export type MergeLink = { readonly collection: MergeChildCollection; readonly field: string };

export const MERGE_LINKS: Readonly<Record<DuplicateEntity, ReadonlyArray<MergeLink>>> = {
  account: [
    { collection: 'accounts', field: 'parentAccountId' },
    { collection: 'contacts', field: 'accountId' },
    { collection: 'opportunities', field: 'accountId' },
    { collection: 'sales_docs', field: 'accountId' },
    { collection: 'activities', field: 'accountId' },
    { collection: 'cases', field: 'accountId' },
    { collection: 'surveys', field: 'accountId' },
  ],
  contact: [
    { collection: 'opportunities', field: 'primaryContactId' },
    { collection: 'sales_docs', field: 'contactId' },
    { collection: 'activities', field: 'contactId' },
    { collection: 'cases', field: 'contactId' },
    { collection: 'surveys', field: 'contactId' },
  ],
};

export const ENTITY_COLLECTION = { account: 'accounts', contact: 'contacts' } as const;

export type StoredDoc = RxDocumentData<Record<string, unknown> & { id: string; updatedAt: number }>;

type AnyCollection = RxCollection<Record<string, unknown> & { id: string; updatedAt: number }>;

export function collectionOf(db: CrmDatabase, name: MergeChildCollection | 'accounts' | 'contacts'): AnyCollection {
  return db[name] as unknown as AnyCollection;
}

/** Stored documents (tombstones included) by id, with RxDB's bookkeeping, in one primary-key read. */
export async function readStored(db: CrmDatabase, name: MergeChildCollection, ids: ReadonlyArray<string>): Promise<Map<string, StoredDoc>> {
  if (ids.length === 0) return new Map();
  const docs = (await collectionOf(db, name).storageInstance.findDocumentsById([...ids], true)) as StoredDoc[];
  return new Map(docs.map((doc) => [doc.id, doc]));
}

/** Live documents whose `field` is `id` (an index serves the account links; the rest is a scan, merges are rare). */
export async function linkedIds(db: CrmDatabase, link: MergeLink, id: string): Promise<string[]> {
  const docs = await collectionOf(db, link.collection)
    .find({ selector: { [link.field]: id } })
    .exec();
  return docs.map((doc) => doc.id);
}

/** Parses a candidate against its collection's domain schema; a rejected write changes nothing. */
export function validateDoc(name: MergeChildCollection, candidate: Record<string, unknown>): void {
  const parsed = crmCollections[name].parse(withoutMeta(candidate));
  if (!parsed.ok) throw new HandlerError('invalid_request', `${name} ${String(candidate.id)}: ${parsed.error.message}`);
}

export type WriteRow = { readonly previous: StoredDoc; readonly document: StoredDoc };

/**
 * One storage bulkWrite (one SQLite transaction) for rows of one collection; RxDB's wrapper gives
 * each row its new revision. Returns the ids that conflicted (changed since they were read).
 */
export async function bulkWrite(
  db: CrmDatabase,
  name: MergeChildCollection,
  rows: ReadonlyArray<WriteRow>,
  context: string,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const result = await collectionOf(db, name).storageInstance.bulkWrite(
    rows.map((row) => ({ previous: row.previous, document: row.document })),
    context,
  );
  const conflicts: string[] = [];
  for (const error of result.error) {
    if (error.status === 409) conflicts.push(error.documentId);
    else throw new HandlerError('internal', `Could not write ${name} ${error.documentId} (status ${error.status})`);
  }
  return conflicts;
}

/**
 * Sets `field` from one id to another on the listed documents, one bulkWrite per attempt; documents
 * changed meanwhile (a sync pull) are read again and retried, documents that no longer point at
 * `from` are left alone. Returns the ids re-pointed.
 */
export async function repoint(
  db: CrmDatabase,
  link: MergeLink,
  ids: ReadonlyArray<string>,
  from: string,
  to: string,
  now: number,
  context: string,
): Promise<string[]> {
  let pending = [...ids];
  const done: string[] = [];
  for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
    const stored = await readStored(db, link.collection, pending);
    const rows: WriteRow[] = [];
    for (const doc of stored.values()) {
      if (doc._deleted || doc[link.field] !== from) continue;
      const document = { ...doc, [link.field]: to, updatedAt: Math.max(now, doc.updatedAt) } as StoredDoc;
      validateDoc(link.collection, document);
      rows.push({ previous: doc, document });
    }
    const conflicts = await bulkWrite(db, link.collection, rows, context);
    const failed = new Set(conflicts);
    for (const row of rows) if (!failed.has(row.document.id)) done.push(row.document.id);
    pending = conflicts;
  }
  return done;
}

/** A tombstone may point at a record that was merged again; a chain longer than this is cut. */
const MAX_MERGE_HOPS = 10;

/**
 * Follows a tombstone's `mergedIntoId` to the live record it ended in; undefined when `id` is live,
 * unknown, deleted without a merge, or its chain ends in a deleted record.
 */
export async function survivorOf(db: CrmDatabase, entity: DuplicateEntity, id: string): Promise<string | undefined> {
  let current = id;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const doc = (await readStored(db, ENTITY_COLLECTION[entity], [current])).get(current);
    if (!doc) return undefined;
    if (!doc._deleted) return hop === 0 ? undefined : current;
    if (typeof doc.mergedIntoId !== 'string') return undefined;
    current = doc.mergedIntoId;
  }
  return undefined;
}

/**
 * For accounts.get / contacts.get: runs `read`; when it finds no live record and the id is a merge
 * tombstone, answers `not_found` with reason `merged` and the survivor's id instead, so a device
 * that opens an old link follows to the record it became. Live records cost no extra read.
 */
export async function followMerged<T>(db: CrmDatabase, entity: DuplicateEntity, id: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof HandlerError) || error.code !== 'not_found') throw error;
    const survivorId = await survivorOf(db, entity, id);
    if (survivorId === undefined) throw error;
    throw new HandlerError('not_found', `The ${entity} ${id} was merged into ${survivorId}`, 'merged', { survivorId });
  }
}

/**
 * For accounts.restore / contacts.restore: a merge tombstone comes back only through
 * duplicates.undoMerge, which also puts the survivor's fields and the moved children back.
 */
export async function refuseRestoreOfMerged(db: CrmDatabase, entity: DuplicateEntity, id: string): Promise<void> {
  const doc = (await readStored(db, ENTITY_COLLECTION[entity], [id])).get(id);
  if (doc?._deleted && typeof doc.mergedIntoId === 'string') {
    throw new HandlerError(
      'invalid_state',
      `The ${entity} ${id} was merged into ${doc.mergedIntoId}; undo the merge to bring it back`,
      'merged',
      {
        survivorId: doc.mergedIntoId,
      },
    );
  }
}
