/** A document as replication sees it: domain fields, server bookkeeping, `_deleted`. */
export type SyncDoc = { readonly [field: string]: unknown; readonly id: string; readonly _deleted: boolean };

export type FieldConflict = {
  readonly field: string;
  readonly localValue: unknown;
  readonly serverValue: unknown;
  readonly ancestorValue: unknown;
};

export type MergeResult = { readonly doc: SyncDoc; readonly conflicts: ReadonlyArray<FieldConflict> };

/**
 * Fields that are not user data: the server owns revision and time (always taken from it), and
 * `updatedAt` moves on every edit on both sides, so it would make every merge look like a conflict.
 */
const NOT_MERGED = new Set(['serverRevision', 'serverUpdatedAt', 'updatedAt', '_deleted', '_meta', '_rev', '_attachments']);

/**
 * Three-way merge against the assumed master state (the common ancestor):
 * - a field changed on one side only takes that side's value;
 * - a field changed on both sides to different values keeps the server's and yields a conflict;
 * - delete against edit: the edit wins, the record stays (or comes back), and a `_deleted`
 *   conflict records what the deleting side wanted.
 * Without an ancestor (the same id created on both sides) every differing field is a conflict.
 */
export function mergeDocuments(ancestor: SyncDoc | undefined, server: SyncDoc, local: SyncDoc): MergeResult {
  if (local._deleted && server._deleted) return { doc: server, conflicts: [] };

  // A merge tombstone (`mergedIntoId`, written by the duplicates merge) wins over an edit of the
  // merged record: the record lives on as its survivor, whose children have moved already, so
  // bringing the loser back would recreate the duplicate. The lost edit is reported as a conflict.
  if (isMergeTombstone(server)) {
    const edited = !ancestor || changedFields(ancestor, local).length > 0;
    return { doc: server, conflicts: edited ? [{ field: '_deleted', localValue: false, serverValue: true, ancestorValue: false }] : [] };
  }
  if (isMergeTombstone(local)) {
    const edited = !ancestor || changedFields(ancestor, server).length > 0;
    return {
      doc: { ...local, serverRevision: server.serverRevision, serverUpdatedAt: server.serverUpdatedAt },
      conflicts: edited ? [{ field: '_deleted', localValue: true, serverValue: false, ancestorValue: false }] : [],
    };
  }

  if (local._deleted) {
    // The local side deleted: it wins only if nobody changed the record on the server meanwhile.
    if (!ancestor || changedFields(ancestor, server).length > 0) {
      return { doc: server, conflicts: [{ field: '_deleted', localValue: true, serverValue: false, ancestorValue: false }] };
    }
    return { doc: { ...server, _deleted: true }, conflicts: [] };
  }

  if (server._deleted) {
    if (ancestor && changedFields(ancestor, local).length === 0) return { doc: server, conflicts: [] };
    const merged = mergeFields(ancestor, server, local);
    return {
      doc: { ...merged.doc, _deleted: false },
      conflicts: [{ field: '_deleted', localValue: false, serverValue: true, ancestorValue: false }, ...merged.conflicts],
    };
  }

  return mergeFields(ancestor, server, local);
}

function isMergeTombstone(doc: SyncDoc): boolean {
  return doc._deleted && typeof doc.mergedIntoId === 'string';
}

function mergeFields(ancestor: SyncDoc | undefined, server: SyncDoc, local: SyncDoc): MergeResult {
  const out: Record<string, unknown> = { ...server };
  const conflicts: FieldConflict[] = [];
  for (const field of unionOfFields(server, local, ancestor)) {
    if (NOT_MERGED.has(field)) continue;
    const base = ancestor?.[field];
    const mine = local[field];
    const theirs = server[field];
    if (sameValue(mine, theirs)) continue;
    const localChanged = !ancestor || !sameValue(base, mine);
    const serverChanged = !ancestor || !sameValue(base, theirs);
    if (localChanged && !serverChanged) setOrDelete(out, field, mine);
    else if (localChanged && serverChanged) conflicts.push({ field, localValue: mine, serverValue: theirs, ancestorValue: base });
  }
  const localUpdated = typeof local.updatedAt === 'number' ? local.updatedAt : 0;
  const serverUpdated = typeof server.updatedAt === 'number' ? server.updatedAt : 0;
  if (localUpdated > serverUpdated) out.updatedAt = localUpdated;
  return { doc: out as SyncDoc, conflicts };
}

/** Domain fields whose value differs between two states of one document. */
export function changedFields(from: SyncDoc, to: SyncDoc): string[] {
  return unionOfFields(from, to).filter((field) => !NOT_MERGED.has(field) && !sameValue(from[field], to[field]));
}

function unionOfFields(...docs: ReadonlyArray<SyncDoc | undefined>): string[] {
  const fields = new Set<string>();
  for (const doc of docs) if (doc) for (const field of Object.keys(doc)) fields.add(field);
  return [...fields];
}

function setOrDelete(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = value;
}

const LOCAL_ONLY = new Set(['_meta', '_rev', '_attachments']);

/**
 * Two states of one document hold the same data: `sameValue` on everything but RxDB's local
 * bookkeeping (`_meta`, `_rev`, `_attachments`) and the fields in `ignore`. Replication asks this
 * for every document it pushes or pulls, so it compares in place instead of copying both first.
 */
export function sameDocument(a: object, b: object, ignore?: ReadonlySet<string>): boolean {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const skip = (key: string): boolean => LOCAL_ONLY.has(key) || (ignore !== undefined && ignore.has(key));
  let count = 0;
  for (const key in ra) {
    const value = ra[key];
    if (value === undefined || skip(key)) continue;
    if (!sameValue(value, rb[key])) return false;
    count++;
  }
  for (const key in rb) if (rb[key] !== undefined && !skip(key)) count--;
  return count === 0;
}

/** Structural equality that ignores key order (JSON from the server and from SQLite may differ in order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue(ra[k], rb[k]));
}
