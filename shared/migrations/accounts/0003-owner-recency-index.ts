/**
 * accounts v2 → v3: adds the [ownerId, updatedAt] index, so "my accounts, most recently changed
 * first" (and its reverse) is one index range instead of a walk of the whole updatedAt index
 * filtered by owner. No field changes: a v2 document is a valid v3 document as it is; RxDB
 * rewrites it into the v3 table, which indexes it.
 */
export function migrateAccountV2ToV3(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}
