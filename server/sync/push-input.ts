import { pushRowSchema } from '../../shared/contract/sync/wire/push';
import { badRequest } from '../errors';
import type { SyncCollection } from './collections';
import { clientFields } from './documents';

/** What the client believes the server holds: the state it last received, as it sends it back. */
export type AssumedState = {
  /** null when the client never received a revision for it (its own create that did not land). */
  revision: number | null;
  deleted: boolean;
  data: Record<string, unknown>;
};

/** A push row after validation: the domain fields to store, the tombstone flag, the assumed state (null: a create). */
export type ValidPushRow = {
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
  /** The assumed revision, 0 when the assumed state has none; null for a create. */
  assumedRevision: number | null;
  assumed: AssumedState | null;
};

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
    const shape = pushRowSchema.safeParse(raw);
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
      assumedRevision: assumed ? (rev ?? 0) : null,
      assumed: assumed ? { revision: rev ?? null, deleted: assumed._deleted === true, data: clientFields(assumed) } : null,
    };
  });
};
