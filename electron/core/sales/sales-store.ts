import type { RxCollection } from 'rxdb';
import type { Stored } from '../../../shared/contract';
import type { CrmCollectionName } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { documentChecks, editRevisionOf, metaOf, toStored, withoutMeta } from '../db/validated-documents';
import { HandlerError } from '../rpc/handler-error';

export { toStored };

/**
 * Validate-then-write helpers for the sales collections. Every write builds the complete next
 * document and validates it against the registry first, so a rejected write changes nothing.
 */
export function createSalesStore<Doc extends { id: string; updatedAt: number }>(name: CrmCollectionName, deps: StoreDeps) {
  const collection = deps.db[name] as unknown as RxCollection<Doc>;
  const { validate, mustFind } = documentChecks(name, collection, `${name.replace(/_/g, ' ')} record`);

  return {
    collection,
    validate,
    mustFind,
    async insert(doc: Doc): Promise<Stored<Doc>> {
      return toStored(await collection.insert(validate(doc) as never));
    },
    /** `change` gets the current document and returns the complete next one (validated before commit). */
    async modify(id: string, change: (current: Doc) => Doc, expectedRevision?: string): Promise<Stored<Doc>> {
      const doc = await mustFind(id);
      const revision = editRevisionOf(doc);
      if (expectedRevision !== undefined && revision !== expectedRevision) {
        throw new HandlerError('conflict', `The record changed since it was opened (revision ${revision})`);
      }
      const next = (data: Doc): Doc => {
        const changed = { ...change(withoutMeta(data) as Doc), updatedAt: Math.max(deps.now(), data.updatedAt) };
        validate(changed);
        // RxDB's bookkeeping fields go back untouched; domain fields are exactly what `change` returned.
        return { ...metaOf(data), ...changed } as Doc;
      };
      next(doc.toMutableJSON(true) as Doc); // throws before anything is written
      return toStored(await doc.incrementalModify(next));
    },
  };
}
