import { randomUUID } from 'node:crypto';
import type { MangoQuerySelector, MangoQuerySortPart, RxCollection } from 'rxdb';
import type { ListWindow, SortDirection, Stored } from '../../../shared/contract';
import type { CrmDatabase } from '../db/open-crm-database';
import { documentChecks, editRevisionOf, toStored as toRecord, withoutMeta } from '../db/validated-documents';
import { HandlerError } from '../rpc/handler-error';

/** Collections whose records the customers screens edit: the same rules apply to all of them. */
export type CustomerCollectionName = 'accounts' | 'contacts' | 'activities';
type BaseDoc = { id: string; ownerId: string; teamId: string; createdAt: number; updatedAt: number };

/** Who writes: the signed-in rep until sync brings real users (the sync engineer replaces this). */
export type Actor = { readonly ownerId: string; readonly teamId: string };

export type StoreDeps = { readonly db: CrmDatabase; readonly actor: Actor; readonly now: () => number };

export type ListQuery<Field extends string> = {
  readonly filter: Readonly<Record<string, ReadonlyArray<string> | boolean | undefined>>;
  readonly sort: { readonly field: Field; readonly direction: SortDirection };
  readonly offset: number;
  readonly limit: number;
};

/**
 * Create / read / update / soft-delete / restore for one customer collection. Every write builds
 * the complete next document and validates it against the domain schema first, so a rejected
 * write changes nothing; the database commit comes last and events follow from RxDB after it.
 */
export function createRecordStore<Doc extends BaseDoc>(name: CustomerCollectionName, deps: StoreDeps) {
  const collection = deps.db[name] as unknown as RxCollection<Doc>;
  const what = name === 'activities' ? 'activity' : name.slice(0, -1);
  const { validate, mustFind } = documentChecks(name, collection, what);

  return {
    collection,

    async list<Field extends string>(query: ListQuery<Field>): Promise<ListWindow<Doc>> {
      const selector = toSelector(query.filter) as MangoQuerySelector<Doc>;
      const { indexes = [], required = [] } = collection.schema.jsonSchema;
      const sort = listSort(
        indexes,
        required as ReadonlyArray<string>,
        query.sort.field,
        query.sort.direction,
      ) as MangoQuerySortPart<Doc>[];
      const [docs, total] = await Promise.all([
        collection.find({ selector, sort, skip: query.offset, limit: query.limit }).exec(),
        collection.count({ selector }).exec(),
      ]);
      return { rows: docs.map(toRecord), total, offset: query.offset };
    },

    async get(id: string): Promise<Stored<Doc>> {
      return toRecord(await mustFind(id));
    },

    async create(values: Partial<Doc> & { ownerId?: string }): Promise<Stored<Doc>> {
      const at = deps.now();
      const doc = validate({
        ...values,
        id: randomUUID(),
        ownerId: values.ownerId ?? deps.actor.ownerId,
        teamId: deps.actor.teamId,
        createdAt: at,
        updatedAt: at,
      });
      return toRecord(await collection.insert(doc as never));
    },

    async update(id: string, patch: Partial<Doc>, unset: ReadonlyArray<string>, expectedRevision?: string): Promise<Stored<Doc>> {
      const doc = await mustFind(id);
      const revision = editRevisionOf(doc);
      if (expectedRevision !== undefined && revision !== expectedRevision) {
        throw new HandlerError('conflict', `The ${what} changed since it was opened (revision ${revision})`);
      }
      const next = (data: Doc): Doc => {
        const merged: Record<string, unknown> = { ...data, ...patch, updatedAt: Math.max(deps.now(), data.updatedAt) };
        for (const field of unset) delete merged[field];
        // Validate without RxDB's bookkeeping fields, but hand them back untouched.
        validate(withoutMeta(merged));
        return merged as Doc;
      };
      next(doc.toMutableJSON(true) as Doc);
      const updated = await doc.incrementalModify(next);
      return toRecord(updated);
    },

    async remove(id: string): Promise<{ readonly id: string }> {
      const doc = await mustFind(id);
      await doc.remove();
      return { id };
    },

    /** Soft-deletes several records in one storage write (one SQLite transaction); returns the ids removed. */
    async removeMany(ids: ReadonlyArray<string>): Promise<ReadonlyArray<string>> {
      if (ids.length === 0) return [];
      const result = await collection.bulkRemove([...ids]);
      if (result.error.length > 0) throw new HandlerError('internal', `Could not delete ${result.error.length} ${name}`);
      return result.success.map((doc) => doc.id);
    },

    /**
     * Undo of a cascade: brings back every listed tombstone in one write. Records that are live
     * again already (restored elsewhere, or never deleted) are skipped, not an error.
     */
    async restoreMany(ids: ReadonlyArray<string>): Promise<number> {
      if (ids.length === 0) return 0;
      const stored = await collection.storageInstance.findDocumentsById([...ids], true);
      const docs = stored
        .filter((doc) => doc._deleted)
        .map((doc) => validate({ ...withoutMeta(doc), updatedAt: Math.max(deps.now(), doc.updatedAt) }));
      if (docs.length === 0) return 0;
      const result = await collection.bulkInsert(docs as never[]);
      if (result.error.length > 0) throw new HandlerError('internal', `Could not restore ${result.error.length} ${name}`);
      return result.success.length;
    },

    /** Undo of a delete: writes the tombstone's last content back as a live record. */
    async restore(id: string): Promise<Stored<Doc>> {
      const [stored] = await collection.storageInstance.findDocumentsById([id], true);
      if (!stored) throw new HandlerError('not_found', `No ${what} with id ${id}`);
      if (!stored._deleted) throw new HandlerError('invalid_state', `The ${what} ${id} is not deleted`);
      const doc = validate({ ...withoutMeta(stored), updatedAt: Math.max(deps.now(), stored.updatedAt) });
      return toRecord(await collection.insert(doc as never));
    },
  };
}

export type RecordStore<Doc extends BaseDoc> = ReturnType<typeof createRecordStore<Doc>>;

/**
 * A list's sort: the column, then the next field of a two-field index that starts with it
 * (accounts by status, then by name), so rows with equal values come in a readable order and one
 * index serves the whole sort in either direction instead of every row being read and sorted.
 * Only for a required column: a missing value is stored like '' but sorts before it, so an
 * optional one can serve a sort only as its last field before the id. Ties are then broken by id
 * (RxDB appends the primary key), so windows never overlap or skip rows.
 */
export function listSort(
  indexes: ReadonlyArray<string | ReadonlyArray<string>>,
  required: ReadonlyArray<string>,
  field: string,
  direction: SortDirection,
): Array<Record<string, SortDirection>> {
  const sort = [{ [field]: direction }];
  if (!required.includes(field)) return sort;
  for (const index of indexes) {
    const fields = (typeof index === 'string' ? [index] : index).filter((part) => part !== '_deleted' && part !== 'id');
    if (fields.length === 2 && fields[0] === field) {
      sort.push({ [fields[1] as string]: direction });
      break;
    }
  }
  return sort;
}

/** Arrays mean "any of", booleans mean equality; absent filters match everything. */
function toSelector(filter: ListQuery<string>['filter']): Record<string, unknown> {
  const selector: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    // RxDB's query planner turns $eq into an index range but not $in, so a one-value filter (the
    // common case: "Active", "EMEA") is sent as $eq and reads a range instead of the table.
    if (typeof value === 'boolean') selector[field] = { $eq: value };
    else if (value.length === 1) selector[field] = { $eq: value[0] };
    else selector[field] = { $in: [...value] };
  }
  return selector;
}
