import type { RxCollection, RxDocument } from 'rxdb';
import type { Stored } from '../../../shared/contract';
import { crmCollections, type CrmCollectionName } from '../../../shared/schemas';
import type { StoreDeps } from '../customers/record-store';
import { HandlerError } from '../rpc/handler-error';

const META_FIELDS = ['_rev', '_meta', '_deleted', '_attachments'] as const;

/**
 * Validate-then-write helpers for the sales collections. Every write builds the complete next
 * document and validates it against the registry first, so a rejected write changes nothing.
 */
export function createSalesStore<Doc extends { id: string; updatedAt: number }>(name: CrmCollectionName, deps: StoreDeps) {
  const collection = deps.db[name] as unknown as RxCollection<Doc>;
  const definition = crmCollections[name];

  function validate(candidate: object): Doc {
    const parsed = definition.parse(candidate);
    if (!parsed.ok) throw new HandlerError('invalid_request', parsed.error.message);
    return parsed.value as unknown as Doc;
  }

  async function mustFind(id: string): Promise<RxDocument<Doc>> {
    const doc = await collection.findOne(id).exec();
    if (!doc) throw new HandlerError('not_found', `No ${name.replace(/_/g, ' ')} record with id ${id}`);
    return doc;
  }

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
      if (expectedRevision !== undefined && doc.revision !== expectedRevision) {
        throw new HandlerError('conflict', `The record changed since it was opened (revision ${doc.revision})`);
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

export function toStored<Doc>(doc: RxDocument<Doc>): Stored<Doc> {
  return { ...(doc.toJSON(false) as Doc), revision: doc.revision };
}

function withoutMeta(data: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  for (const field of META_FIELDS) delete copy[field];
  return copy;
}

function metaOf(data: object): Record<string, unknown> {
  const source = data as Record<string, unknown>;
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (field in source) meta[field] = source[field];
  return meta;
}
