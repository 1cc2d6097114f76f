import type { PushAccepted, PushRowError } from '../../shared/contract/sync/wire/push';
import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import type { SyncCollection } from './collections';
import { canonicalJson, clientFields, STORED_COLUMNS, toWireDoc, type StoredRow, type WireDoc } from './documents';
import { canRead, canWrite, ownerFits, ownershipMatters, scopeOf, type DocScope, type Owner } from './scope';
import type { ValidPushRow } from './push-input';

export const CHANGES_CHANNEL = 'sync_changes';

/** A row the server refused for this user; `current` is the server's copy when the user may see it. */
export type RowError = PushRowError & { code: 'forbidden' };

export type PushResult = {
  /** RxDB's answer: the server's current state of every row whose assumed master was stale. */
  conflicts: WireDoc[];
  errors: RowError[];
  /** Every row the server now holds as sent (written, or a retry of what it held): its revision. */
  accepted: PushAccepted[];
  written: number;
};

/** `afterFirstWrite` runs inside the open transaction: fault injection and the race tests use it. */
export type PushOptions = { afterFirstWrite?: () => Promise<void> };

type LockedRow = StoredRow & { owner_id: string; team_id: string; visibility: string | null };

/**
 * Locks the stored rows of these ids, in id order (two batches touching the same documents take
 * their locks in the same order, so they cannot deadlock), in one statement.
 */
const lockRows = async (tx: Queryable, col: string, ids: readonly string[]): Promise<Map<string, LockedRow>> => {
  const rows = await tx.query<LockedRow>(
    `SELECT ${STORED_COLUMNS}, owner_id, team_id, visibility FROM sync_documents
     WHERE collection = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
    [col, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
};

/**
 * The enabled users this batch names as owners, in one statement whatever the batch size. Read in
 * the push's transaction; a user disabled while it runs is caught by the next push that names them.
 */
const loadOwners = async (tx: Queryable, col: SyncCollection, rows: readonly ValidPushRow[]): Promise<Map<string, Owner>> => {
  if (!ownershipMatters(col) || rows.length === 0) return new Map();
  const ids = [...new Set(rows.map((row) => scopeOf(row.data).ownerId))];
  const found = await tx.query<{ id: string; team_id: string | null }>(
    'SELECT id, team_id FROM users WHERE id = ANY($1::text[]) AND NOT disabled',
    [ids],
  );
  return new Map(found.map((u) => [u.id, { userId: u.id, teamId: u.team_id }]));
};

/** The rows of one statement, as one jsonb_to_recordset() parameter. */
const recordset = (rows: readonly ValidPushRow[]): string =>
  JSON.stringify(
    rows.map((row) => {
      const s = scopeOf(row.data);
      // A record the client last saw at revision n (now purged on the server) comes back at n + 1.
      const revision = (row.assumedRevision ?? 0) + 1;
      return {
        id: row.id,
        owner_id: s.ownerId,
        team_id: s.teamId,
        visibility: s.visibility,
        deleted: row.deleted,
        revision,
        data: row.data,
      };
    }),
  );

const RECORD = 'r(id text, owner_id text, team_id text, visibility text, deleted boolean, revision bigint, data jsonb)';

/** What a write returns per row of `d`: the revision and time the client writes back. */
const ACCEPTED_COLUMNS = `d.id, d.revision::text AS revision, floor(extract(epoch FROM d.server_updated_at) * 1000)::bigint::text AS updated_ms`;
type AcceptedRow = { id: string; revision: string; updated_ms: string };
const toAccepted = (row: AcceptedRow): PushAccepted => ({
  id: row.id,
  serverRevision: Number(row.revision),
  serverUpdatedAt: Number(row.updated_ms),
});

/** Inserts new documents; returns those it inserted (not those another transaction just did). */
const insertRows = async (tx: Queryable, col: SyncCollection, rows: readonly ValidPushRow[]): Promise<PushAccepted[]> => {
  if (rows.length === 0) return [];
  const inserted = await tx.query<AcceptedRow>(
    `INSERT INTO sync_documents AS d (collection, id, schema_version, owner_id, team_id, visibility, deleted, revision, data, txid)
     SELECT $1, r.id, $2, r.owner_id, r.team_id, r.visibility, r.deleted, r.revision, r.data, pg_current_xact_id()
     FROM jsonb_to_recordset($3::jsonb) AS ${RECORD} ORDER BY r.id
     ON CONFLICT (collection, id) DO NOTHING RETURNING ${ACCEPTED_COLUMNS}`,
    [col.name, col.schemaVersion, recordset(rows)],
  );
  return inserted.map(toAccepted);
};

/** New states of locked documents: next revision, this transaction's txid. */
const updateRows = async (tx: Queryable, col: SyncCollection, rows: readonly ValidPushRow[]): Promise<PushAccepted[]> => {
  if (rows.length === 0) return [];
  const updated = await tx.query<AcceptedRow>(
    `UPDATE sync_documents AS d SET schema_version = $2, owner_id = r.owner_id, team_id = r.team_id, visibility = r.visibility,
       deleted = r.deleted, data = r.data, revision = d.revision + 1, server_updated_at = now(), txid = pg_current_xact_id()
     FROM jsonb_to_recordset($3::jsonb) AS ${RECORD}
     WHERE d.collection = $1 AND d.id = r.id
     RETURNING ${ACCEPTED_COLUMNS}`,
    [col.name, col.schemaVersion, recordset(rows)],
  );
  return updated.map(toAccepted);
};

const storedScope = (r: LockedRow): DocScope => ({ ownerId: r.owner_id, teamId: r.team_id, visibility: r.visibility });

type Outcome =
  | { kind: 'insert' }
  | { kind: 'update' }
  /** Nothing to write: a retry of what is stored (`held`), or a delete of a record already purged. */
  | { kind: 'noop'; held?: PushAccepted }
  | { kind: 'conflict'; doc: WireDoc }
  | { kind: 'error'; error: RowError };

/**
 * The answer to an edit of a record the client has seen on the server (it sends back a revision)
 * that the server no longer has: it was deleted and its tombstone purged since. It is answered as
 * the stored tombstone would have been, so the client resolves delete-against-edit the same way
 * either way: the client's last known fields, deleted, one revision on. A re-push that assumes
 * this state finds no row and an assumed tombstone, and is written as a create at the next
 * revision; a delete of such a record has nothing left to do.
 */
const purgedTombstone = (id: string, lastKnown: Record<string, unknown>, lastRevision: number): WireDoc => ({
  ...lastKnown,
  id,
  serverRevision: lastRevision + 1,
  serverUpdatedAt: Date.now(),
  _deleted: true,
});

const ownerMessage = (col: string, next: DocScope): string =>
  `the owner of a ${col} record must be an active user of its team (${next.ownerId} is not one of team ${next.teamId}); this change was not saved on the server`;

/** What one row does given the stored document (locked), or undefined when there is none. */
const decide = async (
  col: SyncCollection,
  who: Principal,
  row: ValidPushRow,
  current: LockedRow | undefined,
  owners: ReadonlyMap<string, Owner>,
): Promise<Outcome> => {
  const next = scopeOf(row.data);
  if (!current) {
    if (!canWrite(who, col, undefined, next)) {
      return { kind: 'error', error: { id: row.id, code: 'forbidden', message: forbiddenMessage(who, col.name, 'create') } };
    }
    if (!ownerFits(col, next, owners.get(next.ownerId))) {
      return { kind: 'error', error: { id: row.id, code: 'forbidden', message: ownerMessage(col.name, next) } };
    }
    const seen = row.assumed;
    // The client had it from the server, which no longer has it: deleted and purged since.
    if (seen && seen.revision !== null) {
      if (row.deleted) return { kind: 'noop' };
      if (!seen.deleted) return { kind: 'conflict', doc: purgedTombstone(row.id, seen.data, seen.revision) };
    }
    return { kind: 'insert' };
  }
  const scope = storedScope(current);
  if (!canWrite(who, col, scope, next)) {
    const error: RowError = { id: row.id, code: 'forbidden', message: forbiddenMessage(who, col.name, 'change') };
    if (canRead(who, col, scope)) error.current = await toWireDoc(current, col);
    return { kind: 'error', error };
  }
  const moved = scope.ownerId !== next.ownerId || scope.teamId !== next.teamId;
  if (moved && !ownerFits(col, next, owners.get(next.ownerId))) {
    const error: RowError = { id: row.id, code: 'forbidden', message: ownerMessage(col.name, next) };
    if (canRead(who, col, scope)) error.current = await toWireDoc(current, col);
    return { kind: 'error', error };
  }
  // A retry of a push that already landed (same content) is a no-op, not a conflict.
  if (current.deleted === row.deleted && canonicalJson(clientFields(current.data)) === canonicalJson(row.data)) {
    return { kind: 'noop', held: toAccepted({ id: current.id, revision: current.revision, updated_ms: current.updated_ms }) };
  }
  if (row.assumedRevision !== Number(current.revision)) return { kind: 'conflict', doc: await toWireDoc(current, col) };
  return { kind: 'update' };
};

/**
 * Applies one batch inside its transaction with a fixed number of statements, whatever its size:
 * lock what exists, decide every row, insert the new ones, update the rest. A row another
 * transaction inserted between our lock and our insert is locked and decided again (it now exists).
 */
const applyBatch = async (
  tx: Queryable,
  col: SyncCollection,
  who: Principal,
  rows: readonly ValidPushRow[],
  opts: PushOptions,
): Promise<PushResult> => {
  const result: PushResult = { conflicts: [], errors: [], accepted: [], written: 0 };
  const owners = await loadOwners(tx, col, rows);
  let pending = rows;
  for (let round = 0; pending.length > 0; round++) {
    if (round > 1) throw new Error('push: documents vanished while locked');
    const locked = await lockRows(
      tx,
      col.name,
      pending.map((row) => row.id),
    );
    const inserts: ValidPushRow[] = [];
    const updates: ValidPushRow[] = [];
    for (const row of pending) {
      const outcome = await decide(col, who, row, locked.get(row.id), owners);
      if (outcome.kind === 'insert') inserts.push(row);
      else if (outcome.kind === 'update') updates.push(row);
      else if (outcome.kind === 'conflict') result.conflicts.push(outcome.doc);
      else if (outcome.kind === 'error') result.errors.push(outcome.error);
      else if (outcome.held) result.accepted.push(outcome.held);
    }
    const updated = await updateRows(tx, col, updates);
    const inserted = await insertRows(tx, col, inserts);
    const written = updated.length + inserted.length;
    if (result.written === 0 && written > 0) await opts.afterFirstWrite?.();
    result.written += written;
    result.accepted.push(...updated, ...inserted);
    const insertedIds = new Set(inserted.map((row) => row.id));
    pending = inserts.filter((row) => !insertedIds.has(row.id));
  }
  return result;
};

const forbiddenMessage = (who: Principal, col: string, verb: 'create' | 'change'): string =>
  who.role === 'rep'
    ? `you may only ${verb} your own ${col} records in your team; this change was not saved on the server`
    : `your role may not ${verb} this ${col} record; this change was not saved on the server`;

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock
const isRetryable = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && RETRYABLE.has(String((err as { code: unknown }).code));

/**
 * One transaction per batch: every row applies or none does. Rows are locked in id order so two
 * batches touching the same documents cannot deadlock each other; NOTIFY is sent inside the
 * transaction, which PostgreSQL delivers only at commit. A batch is a fixed handful of statements
 * whatever its size, never one per row: round trips, not rows, are what a push's time is made of.
 */
export const pushChanges = async (
  db: Db,
  col: SyncCollection,
  who: Principal,
  rows: readonly ValidPushRow[],
  opts: PushOptions = {},
): Promise<PushResult> => {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const result = await applyBatch(tx, col, who, sorted, opts);
        if (result.written > 0) await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, col.name]);
        return result;
      });
    } catch (err) {
      if (attempt >= 3 || !isRetryable(err)) throw err;
    }
  }
};
