import type { RxCollection, RxDocument } from 'rxdb';
import type { Stored } from '../../../shared/contract';
import { crmCollections, type CrmCollectionName } from '../../../shared/schemas';
import { HandlerError } from '../rpc/handler-error';

/** RxDB's bookkeeping fields: never part of a domain document, never validated against its schema. */
const META_FIELDS = ['_rev', '_meta', '_deleted', '_attachments'] as const;

/**
 * The two checks every store makes before a write: `validate` parses a candidate against the
 * collection's domain schema (a rejected write changes nothing), `mustFind` loads a live record or
 * fails with `not_found` naming it as `what` ("account", "quote record").
 */
export function documentChecks<Doc>(name: CrmCollectionName, collection: RxCollection<Doc>, what: string) {
  const definition = crmCollections[name];

  function validate(candidate: object): Doc {
    const parsed = definition.parse(candidate);
    if (!parsed.ok) throw new HandlerError('invalid_request', parsed.error.message);
    return parsed.value as unknown as Doc;
  }

  async function mustFind(id: string): Promise<RxDocument<Doc>> {
    const doc = await collection.findOne(id).exec();
    if (!doc) throw new HandlerError('not_found', `No ${what} with id ${id}`);
    return doc;
  }

  return { validate, mustFind };
}

/** A stored document as the contract returns it: its fields plus the revision an edit must quote. */
export function toStored<Doc>(doc: RxDocument<Doc>): Stored<Doc> {
  return { ...(doc.toJSON(false) as Doc), revision: doc.revision };
}

export function withoutMeta(data: object): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  for (const field of META_FIELDS) delete copy[field];
  return copy;
}

export function metaOf(data: object): Record<string, unknown> {
  const source = data as Record<string, unknown>;
  const meta: Record<string, unknown> = {};
  for (const field of META_FIELDS) if (field in source) meta[field] = source[field];
  return meta;
}
