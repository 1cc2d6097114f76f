import { z } from 'zod';
import { badRequest } from '../errors';
import type { SyncCollection } from './collections';
import { clientFields } from './documents';

/** A push row after validation: the domain fields to store, the tombstone flag, the assumed revision. */
export type ValidPushRow = { id: string; data: Record<string, unknown>; deleted: boolean; assumedRevision: number | null };

const docShape = z.looseObject({ id: z.string().min(1).max(64), _deleted: z.boolean().optional() });
const rowShape = z.strictObject({ assumedMasterState: docShape.nullish(), newDocumentState: docShape });

/**
 * Checks the whole batch before anything is written: the body is RxDB's array of
 * `{ assumedMasterState, newDocumentState }`, every new state must satisfy the collection's shared
 * validator, and ids are unique. One bad row rejects the batch with 400 and changes nothing.
 */
export const validatePush = (col: SyncCollection, body: unknown, maxRows: number): ValidPushRow[] => {
  if (!Array.isArray(body)) throw badRequest('bad_request', 'push body must be a JSON array of { assumedMasterState, newDocumentState }');
  if (body.length > maxRows) throw badRequest('bad_request', `at most ${maxRows} rows per push; split the batch`);
  const seen = new Set<string>();
  return body.map((raw, index): ValidPushRow => {
    const shape = rowShape.safeParse(raw);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      throw badRequest('bad_request', `row ${index}: ${issue ? `${issue.path.join('.') || 'row'} ${issue.message}` : 'malformed'}`);
    }
    const { assumedMasterState: assumed, newDocumentState: next } = shape.data;
    if (assumed && assumed.id !== next.id)
      throw badRequest('bad_request', `row ${index}: assumedMasterState and newDocumentState have different ids`);
    if (seen.has(next.id)) throw badRequest('bad_request', `row ${index}: document ${next.id} appears twice in one push`);
    seen.add(next.id);
    const parsed = col.parse(clientFields(next));
    if (!parsed.ok) {
      throw badRequest('invalid_document', `row ${index} (${next.id}): ${parsed.message}`, [{ index, id: next.id, issues: parsed.issues }]);
    }
    const rev = assumed?.serverRevision;
    return {
      id: next.id,
      data: clientFields(parsed.value),
      deleted: next._deleted === true,
      assumedRevision: assumed ? (typeof rev === 'number' ? rev : 0) : null,
    };
  });
};
