/**
 * accounts v1 → v2: adds the optional merge bookkeeping (`mergedIntoId`, `mergeUndo`,
 * `notDuplicateOf`, see shared/schemas/merge-tombstone.ts). No stored v1 document has those
 * fields and every v1 field keeps its meaning, so a v1 document is a valid v2 document as it is.
 */
export function migrateAccountV1ToV2(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}
