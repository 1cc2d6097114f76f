import { createHash } from 'node:crypto';
import type { RxCollection, RxDocument } from 'rxdb';
import { canonicalJson } from '../../../shared/canonical-json';
import type { Stored } from '../../../shared/contract';
import { crmCollections, type CrmCollectionName } from '../../../shared/schemas';
import { SERVER_MANAGED_FIELDS } from '../../../shared/schemas/primitives';
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
  const data = doc.toJSON(false) as Doc;
  return { ...data, revision: editRevision(data as object) };
}

/** Fields that change without the record changing: RxDB's bookkeeping and the server's revision and time. */
const NOT_EDITED: ReadonlySet<string> = new Set<string>([...META_FIELDS, ...SERVER_MANAGED_FIELDS]);

/**
 * The revision an edit quotes ("save over what I opened, or tell me it changed"): a digest of the
 * record's own fields. It moves with every change of them, made here or pulled from the server,
 * and not when the sync only writes back the revision the server gave a push, which RxDB's `_rev`
 * does: a form opened before an upload ends still saves, and an editor keyed by it keeps the rep's
 * typing.
 */
export function editRevision(data: object): string {
  const own: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) if (!NOT_EDITED.has(field)) own[field] = value;
  return createHash('sha1').update(canonicalJson(own)).digest('base64url').slice(0, 16);
}

/** `editRevision` of a live document. */
export const editRevisionOf = <Doc>(doc: RxDocument<Doc>): string => editRevision(doc.toJSON(false) as object);

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
