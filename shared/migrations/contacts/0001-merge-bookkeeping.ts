/**
 * contacts v0 → v1: adds the optional merge bookkeeping (`mergedIntoId`, `mergeUndo`,
 * `notDuplicateOf`, see shared/schemas/merge-tombstone.ts). No stored v0 document has those
 * fields and every v0 field keeps its meaning, so a v0 document is a valid v1 document as it is.
 */
export function migrateContactV0ToV1(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}
