import { z } from 'zod';
import { epochMsSchema, idSchema } from './primitives';

/** A merge moves at most this many children per collection; a merge larger than this is refused. */
export const MAX_MERGE_CHILDREN = 50_000;
/** Longest JSON text of one field's value in the undo data (notes are 20,000 characters, escaped). */
const MAX_VALUE_JSON = 45_000;

const idList = z.array(idSchema).max(MAX_MERGE_CHILDREN).optional();

/**
 * What undoing a merge needs, kept on the loser's tombstone: the survivor's merged fields before
 * and after the merge (JSON text of the value; absent = the field was unset), and the ids of the
 * children moved from the loser to the survivor, per collection.
 */
export const mergeUndoSchema = z.object({
  mergedAt: epochMsSchema,
  fields: z
    .array(
      z.object({
        field: z.string().min(1).max(40),
        before: z.string().max(MAX_VALUE_JSON).optional(),
        after: z.string().max(MAX_VALUE_JSON).optional(),
      }),
    )
    .max(40),
  moved: z.object({
    accounts: idList,
    contacts: idList,
    opportunities: idList,
    sales_docs: idList,
    activities: idList,
    cases: idList,
    surveys: idList,
  }),
});
export type MergeUndo = z.infer<typeof mergeUndoSchema>;

/**
 * Merge bookkeeping on accounts and contacts (schema versions accounts 2, contacts 1). Only the
 * duplicates service writes these; the edit requests omit them.
 * - `mergedIntoId`: on a tombstone, the record this one was merged into; devices follow it.
 * - `mergeUndo`: on a tombstone, what undoing the merge needs.
 * - `notDuplicateOf`: ids the user said are not duplicates of this record (kept on the record with
 *   the smaller id of each pair, so it syncs with the record).
 */
export const mergeBookkeepingShape = {
  mergedIntoId: idSchema.optional(),
  mergeUndo: mergeUndoSchema.optional(),
  notDuplicateOf: z.array(idSchema).max(500).optional(),
} as const;

/** For request schemas: `.omit(MERGE_BOOKKEEPING_FIELDS)` keeps these out of client writes. */
export const MERGE_BOOKKEEPING_FIELDS = { mergedIntoId: true, mergeUndo: true, notDuplicateOf: true } as const;
