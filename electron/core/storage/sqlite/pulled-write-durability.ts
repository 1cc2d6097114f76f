import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SqliteSynchronousMode } from './sqlite-types';

/**
 * bulkWrite contexts RxDB's replication uses for data that came from the server, or for its own
 * bookkeeping about it (replication-protocol/downstream.js, checkpoint.js):
 * - `replication-downstream-<key>`: server states written into the collection. RxDB writes them
 *   only when the local document has no unpushed edit, so they never carry or replace a user's edit;
 * - `replication-down-write-meta`: the assumed server state per pulled document;
 * - `replication-set-checkpoint`: how far the pull (or push) has walked;
 * - `sync-push-writeback` (sync/push-writeback.ts): the revision the server gave a pushed
 *   document, written only when the document is still what was pushed; lost, the server's echo
 *   or the next push's answer brings it again;
 * - `sync-push-writeback-adopt`: the same write-back when it also hands a record written before
 *   the first sign-in to the rep it was pushed as (the server stores it as the rep's); lost, the
 *   record is pushed again as the rep's and the server's answer brings it again.
 * Upstream writes (`replication-up-write-*`, conflict resolutions) carry user edits and stay durable.
 */
const DOWNSTREAM_PREFIX = 'replication-downstream-';
const REPULLABLE_CONTEXTS: ReadonlySet<string> = new Set([
  'replication-down-write-meta',
  'replication-set-checkpoint',
  'sync-push-writeback',
  'sync-push-writeback-adopt',
]);

export function isRepullableWrite(context: string): boolean {
  return context.startsWith(DOWNSTREAM_PREFIX) || REPULLABLE_CONTEXTS.has(context);
}

/**
 * Commits pulled data with synchronous = NORMAL instead of FULL: one fsync per pulled page (three
 * commits each: documents, meta, checkpoint) is what makes an initial sync of 100k documents
 * I/O-bound on a busy disk. Why no acknowledged user write is put at risk:
 * - In WAL mode a NORMAL commit is appended to the WAL without fsync. A power loss can drop only
 *   a suffix of the commits since the last fsync, never a commit out of the middle, so the file
 *   always comes back as a state the process really passed through: the same as a crash at that
 *   moment, which RxDB's replication already survives (it re-pulls from the surviving checkpoint,
 *   and the checkpoint is written after the documents it covers).
 * - Every user write still commits with FULL, which fsyncs the WAL up to and including itself, and
 *   with it every NORMAL commit before it. So whatever may be lost is newer than the last
 *   acknowledged user write, and it is only data the server still holds.
 * Not relaxed inside an enclosing transaction (the commit would not be ours to classify) or when
 * the connection is not FULL to begin with (memory databases, settings.synchronous = NORMAL).
 */
export function runWithPulledDurability<T>(
  db: BetterSqlite3.Database,
  configured: SqliteSynchronousMode | undefined,
  context: string,
  write: () => T,
): T {
  if (configured !== 'FULL' || db.inTransaction || !isRepullableWrite(context)) {
    return write();
  }
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
