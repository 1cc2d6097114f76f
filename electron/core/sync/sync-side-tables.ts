import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { CrmCollectionName } from '../../../shared/schemas/registry';
import type { ConflictRecord, FieldValue, SyncError } from '../../../shared/contract/sync/sync-types';

/**
 * Conflict records and push rejections live in side tables of the same SQLite file, not in RxDB
 * collections: the open-source RxDB allows 13 collections per process and the CRM uses 12.
 * Writes are transactions; inserting a conflict is idempotent per (collection, doc, field, server
 * revision), because after a crash between "conflict recorded" and "resolved document written" the
 * same conflict comes back from the server and must not appear twice.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS sync_conflicts (
  id TEXT PRIMARY KEY,
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  title TEXT NOT NULL,
  field TEXT NOT NULL,
  local_value TEXT,
  server_value TEXT,
  ancestor_value TEXT,
  local_user_id TEXT NOT NULL,
  local_changed_at INTEGER NOT NULL,
  server_revision INTEGER NOT NULL,
  server_changed_at INTEGER NOT NULL,
  server_changed_by TEXT,
  detected_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolution TEXT,
  UNIQUE (collection, doc_id, field, server_revision)
);
CREATE INDEX IF NOT EXISTS sync_conflicts_open ON sync_conflicts (resolved_at, detected_at);
CREATE TABLE IF NOT EXISTS sync_rejections (
  collection TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  rejected_doc TEXT NOT NULL,
  rejected_at INTEGER NOT NULL,
  PRIMARY KEY (collection, doc_id)
);
CREATE TABLE IF NOT EXISTS sync_first_pulls (
  collection TEXT PRIMARY KEY,
  done INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sync_last_session (
  only_row INTEGER PRIMARY KEY CHECK (only_row = 1),
  server_url TEXT NOT NULL,
  user_id TEXT NOT NULL
);`;

export type NewConflict = Omit<ConflictRecord, 'id' | 'detectedAt'>;

/** Whose replication state (checkpoints, assumed server states) the local data was last synced under. */
export type SyncIdentity = { readonly serverUrl: string; readonly userId: string };

export type Rejection = {
  readonly collection: CrmCollectionName;
  readonly docId: string;
  readonly error: SyncError;
  /** The refused document state, kept so the user's values are never lost even if the record moves on. */
  readonly rejectedDoc: unknown;
  readonly rejectedAt: number;
};

type ConflictRow = {
  id: string;
  collection: string;
  doc_id: string;
  title: string;
  field: string;
  local_value: string | null;
  server_value: string | null;
  ancestor_value: string | null;
  local_user_id: string;
  local_changed_at: number;
  server_revision: number;
  server_changed_at: number;
  server_changed_by: string | null;
  detected_at: number;
};

type RejectionRow = { collection: string; doc_id: string; code: string; message: string; rejected_doc: string; rejected_at: number };

export type SyncSideTables = ReturnType<typeof createSyncSideTables>;

export function createSyncSideTables(db: BetterSqlite3.Database, now: () => number) {
  db.exec(SCHEMA);
  const insertConflict = db.prepare(
    `INSERT OR IGNORE INTO sync_conflicts (id, collection, doc_id, title, field, local_value, server_value, ancestor_value,
       local_user_id, local_changed_at, server_revision, server_changed_at, server_changed_by, detected_at)
     VALUES (@id, @collection, @docId, @title, @field, @localValue, @serverValue, @ancestorValue,
       @localUserId, @localChangedAt, @serverRevision, @serverChangedAt, @serverChangedBy, @detectedAt)`,
  );
  const countOpen = db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL');
  const listOpen = db.prepare('SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC, id LIMIT ?');
  const getOne = db.prepare('SELECT * FROM sync_conflicts WHERE id = ?');
  const resolveOne = db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL');
  const upsertRejection = db.prepare(
    `INSERT INTO sync_rejections (collection, doc_id, code, message, rejected_doc, rejected_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (collection, doc_id) DO UPDATE SET code = excluded.code, message = excluded.message,
       rejected_doc = excluded.rejected_doc, rejected_at = excluded.rejected_at`,
  );
  const deleteRejection = db.prepare('DELETE FROM sync_rejections WHERE collection = ? AND doc_id = ?');
  const anyRejection = db.prepare('SELECT 1 FROM sync_rejections WHERE collection = ? LIMIT 1').pluck();
  const listRejections = db.prepare('SELECT * FROM sync_rejections ORDER BY rejected_at DESC LIMIT ?');
  const countRejections = db.prepare('SELECT count(*) AS n FROM sync_rejections');
  const putLastSession = db.prepare(
    `INSERT INTO sync_last_session (only_row, server_url, user_id) VALUES (1, ?, ?)
     ON CONFLICT (only_row) DO UPDATE SET server_url = excluded.server_url, user_id = excluded.user_id`,
  );
  const getLastSession = db.prepare('SELECT server_url, user_id FROM sync_last_session WHERE only_row = 1');
  const putFirstPull = db.prepare(
    'INSERT INTO sync_first_pulls (collection, done) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET done = excluded.done',
  );
  const getFirstPull = db.prepare('SELECT done FROM sync_first_pulls WHERE collection = ?').pluck();

  const addConflicts = db.transaction((rows: ReadonlyArray<NewConflict>, at: number): number => {
    let added = 0;
    for (const row of rows) {
      const result = insertConflict.run({
        ...row,
        id: randomUUID(),
        localValue: toJson(row.localValue),
        serverValue: toJson(row.serverValue),
        ancestorValue: toJson(row.ancestorValue),
        serverChangedBy: row.serverChangedBy ?? null,
        detectedAt: at,
      });
      added += result.changes;
    }
    return added;
  });
  const putRejections = db.transaction((rows: ReadonlyArray<Rejection>) => {
    for (const r of rows)
      upsertRejection.run(r.collection, r.docId, r.error.code, r.error.message, JSON.stringify(r.rejectedDoc), r.rejectedAt);
  });
  const clearRejections = db.transaction((collection: string, ids: ReadonlyArray<string>): number => {
    // Every accepted push asks; almost always there is nothing to clear.
    if (anyRejection.get(collection) === undefined) return 0;
    let removed = 0;
    for (const id of ids) removed += deleteRejection.run(collection, id).changes;
    return removed;
  });

  return {
    /** Returns how many were new (0 when the same conflict was already recorded). */
    addConflicts: (rows: ReadonlyArray<NewConflict>): number => (rows.length === 0 ? 0 : addConflicts(rows, now())),
    openConflictCount: (): number => (countOpen.get() as { n: number }).n,
    listOpenConflicts: (limit: number): ConflictRecord[] => (listOpen.all(limit) as ConflictRow[]).map(toConflict),
    getConflict: (id: string): (ConflictRecord & { readonly resolved: boolean }) | undefined => {
      const row = getOne.get(id) as (ConflictRow & { resolved_at: number | null }) | undefined;
      return row ? { ...toConflict(row), resolved: row.resolved_at !== null } : undefined;
    },
    markResolved: (id: string, use: 'local' | 'server'): boolean => resolveOne.run(now(), use, id).changes === 1,
    putRejections: (rows: ReadonlyArray<Rejection>): void => {
      if (rows.length > 0) putRejections(rows);
    },
    clearRejections: (collection: string, ids: ReadonlyArray<string>): number => (ids.length === 0 ? 0 : clearRejections(collection, ids)),
    listRejections: (limit: number): Rejection[] =>
      (listRejections.all(limit) as RejectionRow[]).map((r) => ({
        collection: r.collection as CrmCollectionName,
        docId: r.doc_id,
        error: { code: 'rejected', message: `${r.code}: ${r.message}` },
        rejectedDoc: JSON.parse(r.rejected_doc) as unknown,
        rejectedAt: r.rejected_at,
      })),
    rejectionCount: (): number => (countRejections.get() as { n: number }).n,
    /**
     * Kept across sign-out (and restarts) while the local data is kept: signed out, what is pending
     * is what that replication state has not confirmed, and it uploads when that user signs in again.
     */
    rememberIdentity: (identity: SyncIdentity): void => void putLastSession.run(identity.serverUrl, identity.userId),
    lastIdentity: (): SyncIdentity | undefined => {
      const row = getLastSession.get() as { server_url: string; user_id: string } | undefined;
      return row ? { serverUrl: row.server_url, userId: row.user_id } : undefined;
    },
    /**
     * A collection's pull from the start began (`done` false) or caught up (`done` true). One that
     * began and never caught up is a first sync cut short by closing the app: the next run resumes
     * it from its checkpoint and shows its progress (collection-replication.ts).
     */
    markFirstPull: (collection: string, done: boolean): void => void putFirstPull.run(collection, done ? 1 : 0),
    firstPullUnfinished: (collection: string): boolean => getFirstPull.get(collection) === 0,
    /** Sign-out with wipe: nothing of the previous user may remain. */
    wipe: (): void => {
      db.exec('DELETE FROM sync_conflicts; DELETE FROM sync_rejections; DELETE FROM sync_last_session; DELETE FROM sync_first_pulls;');
    },
  };
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function fromJson(text: string | null): FieldValue {
  return text === null ? null : (JSON.parse(text) as FieldValue);
}

function toConflict(row: ConflictRow): ConflictRecord {
  return {
    id: row.id,
    collection: row.collection as CrmCollectionName,
    docId: row.doc_id,
    title: row.title,
    field: row.field,
    localValue: fromJson(row.local_value),
    serverValue: fromJson(row.server_value),
    ancestorValue: fromJson(row.ancestor_value),
    localUserId: row.local_user_id,
    localChangedAt: row.local_changed_at,
    serverRevision: row.server_revision,
    serverChangedAt: row.server_changed_at,
    ...(row.server_changed_by ? { serverChangedBy: row.server_changed_by } : {}),
    detectedAt: row.detected_at,
  };
}
