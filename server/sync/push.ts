import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import type { SyncCollection } from './collections';
import { canonicalJson, clientFields, STORED_COLUMNS, toWireDoc, type StoredRow, type WireDoc } from './documents';
import { canRead, canWrite, scopeOf, type DocScope } from './scope';
import type { ValidPushRow } from './pushInput';

export const CHANGES_CHANNEL = 'sync_changes';

/** A row the server refused for this user; `current` is the server's copy when the user may see it. */
export type RowError = { id: string; code: 'forbidden'; message: string; current?: WireDoc };

export type PushResult = {
  /** RxDB's answer: the server's current state of every row whose assumed master was stale. */
  conflicts: WireDoc[];
  errors: RowError[];
  written: number;
};

/** `afterFirstWrite` runs inside the open transaction: fault injection and the race tests use it. */
export type PushOptions = { afterFirstWrite?: () => Promise<void> };

type LockedRow = StoredRow & { owner_id: string; team_id: string; visibility: string | null };

const lockRow = async (tx: Queryable, col: string, id: string): Promise<LockedRow | undefined> =>
  (
    await tx.query<LockedRow>(
      `SELECT ${STORED_COLUMNS}, owner_id, team_id, visibility FROM sync_documents WHERE collection = $1 AND id = $2 FOR UPDATE`,
      [col, id],
    )
  )[0];

const values = (col: SyncCollection, row: ValidPushRow): unknown[] => {
  const s = scopeOf(row.data);
  return [col.name, row.id, col.schemaVersion, s.ownerId, s.teamId, s.visibility, row.deleted, JSON.stringify(row.data)];
};

const insert = async (tx: Queryable, col: SyncCollection, row: ValidPushRow): Promise<boolean> =>
  (
    await tx.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, visibility, deleted, revision, data, txid)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8::jsonb, pg_current_xact_id())
       ON CONFLICT (collection, id) DO NOTHING RETURNING id`,
      values(col, row),
    )
  ).length === 1;

const update = (tx: Queryable, col: SyncCollection, row: ValidPushRow): Promise<unknown> =>
  tx.query(
    `UPDATE sync_documents SET schema_version = $3, owner_id = $4, team_id = $5, visibility = $6, deleted = $7,
       data = $8::jsonb, revision = revision + 1, server_updated_at = now(), txid = pg_current_xact_id()
     WHERE collection = $1 AND id = $2`,
    values(col, row),
  );

const storedScope = (r: LockedRow): DocScope => ({ ownerId: r.owner_id, teamId: r.team_id, visibility: r.visibility });

type Outcome = { kind: 'written' } | { kind: 'noop' } | { kind: 'conflict'; doc: WireDoc } | { kind: 'error'; error: RowError };

const applyRow = async (tx: Queryable, col: SyncCollection, who: Principal, row: ValidPushRow): Promise<Outcome> => {
  const next = scopeOf(row.data);
  let current = await lockRow(tx, col.name, row.id);
  if (!current) {
    if (!canWrite(who, col, undefined, next)) {
      return { kind: 'error', error: { id: row.id, code: 'forbidden', message: forbiddenMessage(who, col.name, 'create') } };
    }
    if (await insert(tx, col, row)) return { kind: 'written' };
    // Another transaction inserted the same id since our lookup; treat it like any existing row.
    current = await lockRow(tx, col.name, row.id);
    if (!current) throw new Error(`document ${row.id} vanished while locked`);
  }
  const scope = storedScope(current);
  if (!canWrite(who, col, scope, next)) {
    const error: RowError = { id: row.id, code: 'forbidden', message: forbiddenMessage(who, col.name, 'change') };
    if (canRead(who, col, scope)) error.current = await toWireDoc(current, col);
    return { kind: 'error', error };
  }
  // A retry of a push that already landed (same content) is a no-op, not a conflict.
  if (current.deleted === row.deleted && canonicalJson(clientFields(current.data)) === canonicalJson(row.data)) {
    return { kind: 'noop' };
  }
  if (row.assumedRevision !== Number(current.revision)) return { kind: 'conflict', doc: await toWireDoc(current, col) };
  await update(tx, col, row);
  return { kind: 'written' };
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
 * transaction, which PostgreSQL delivers only at commit.
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
        const result: PushResult = { conflicts: [], errors: [], written: 0 };
        for (const row of sorted) {
          const outcome = await applyRow(tx, col, who, row);
          if (outcome.kind === 'conflict') result.conflicts.push(outcome.doc);
          if (outcome.kind === 'error') result.errors.push(outcome.error);
          if (outcome.kind !== 'written') continue;
          result.written++;
          if (result.written === 1) await opts.afterFirstWrite?.();
        }
        if (result.written > 0) await tx.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, col.name]);
        return result;
      });
    } catch (err) {
      if (attempt >= 3 || !isRetryable(err)) throw err;
    }
  }
};
