import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../errors';
import type { Checkpoint } from './checkpoint';
import type { SyncCollection } from './collections';
import { STORED_COLUMNS, toWireDoc, type StoredRow, type WireDoc } from './documents';
import { readScopeSql } from './scope';

export type PullResult = {
  documents: WireDoc[];
  checkpoint: Checkpoint | null;
  /** Committed changes exist past the checkpoint but wait for an older transaction to finish. */
  pending: boolean;
  /** On a pull from the start only: how many records the client will receive in all (progress bars). */
  total?: number;
};

/**
 * The feed only shows rows whose writing transaction is older than every transaction still running
 * (txid < xmin of the snapshot). Such rows are all committed and no transaction that commits later
 * can ever get a txid below xmin, so once the feed passed a position nothing new appears behind it.
 * Reading in one REPEATABLE READ snapshot keeps the visibility of rows and the xmin consistent.
 */
const SAFE = 'txid < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * Without statistics (PGlite never runs autovacuum; a freshly loaded table has none either) the
 * planner guesses a handful of rows and reads the whole rest of the feed through a bitmap scan, then
 * sorts it — 40 MB spilled to disk for a 100,000-row collection. The feed index already has the
 * order we need, so a page must walk it and stop after `limit` rows.
 */
export const inSnapshot = <T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> =>
  db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    await tx.query(`SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`);
    return fn(tx);
  });

/**
 * Refuses checkpoints that may have missed a purged delete, and checkpoints from beyond this
 * database's clock. A checkpoint below the purge horizon is stale only if it was issued before the
 * latest purge (an older generation): a walk that began after that purge never held the purged
 * records, so it may pass positions below the horizon. Returns the current purge generation.
 */
const checkCheckpoint = async (tx: Queryable, col: SyncCollection, cp: Checkpoint | null): Promise<number> => {
  const rows = await tx.query<{ generation: string | number | null; purged: boolean; future: boolean }>(
    `SELECT (SELECT generation FROM sync_purge_horizon WHERE collection = $1) AS generation,
            EXISTS (SELECT 1 FROM sync_purge_horizon WHERE collection = $1 AND $2::xid8 <= purged_through) AS purged,
            $2::xid8 >= pg_snapshot_xmax(pg_current_snapshot()) AS future`,
    [col.name, cp?.txid ?? '0'],
  );
  const r = rows[0];
  const generation = Number(r?.generation ?? 0);
  if (!cp) return generation;
  if (r?.purged && (cp.gen ?? 0) < generation) {
    throw new HttpError(410, 'resync_required', 'this device was offline longer than deleted records are kept; a full resync is needed');
  }
  if (r?.future) {
    throw new HttpError(410, 'resync_required', 'the server does not know this checkpoint (restored or replaced database); a full resync is needed');
  }
  return generation;
};

export const pullChanges = (db: Db, col: SyncCollection, who: Principal, cp: Checkpoint | null, limit: number): Promise<PullResult> =>
  inSnapshot(db, async (tx) => {
    const gen = await checkCheckpoint(tx, col, cp);
    const from = cp ?? { txid: '0', id: '' };
    const scope = readScopeSql(who, col, 5);
    // The feed order is the columns' (xid8, text), qualified: `txid` alone would mean the text alias
    // of STORED_COLUMNS, and '100' sorts before '99'.
    const rows = await tx.query<StoredRow>(
      `SELECT ${STORED_COLUMNS} FROM sync_documents
       WHERE collection = $1 AND (txid, id) > ($2::xid8, $3) AND ${SAFE} AND ${scope.sql}
       ORDER BY sync_documents.txid, sync_documents.id LIMIT $4`,
      [col.name, from.txid, from.id, limit, ...scope.params],
    );
    const last = rows[rows.length - 1];
    // Every row at or past xmin lies past any checkpoint handed out (those are all below an older
    // xmin), so this range starts at xmin instead of scanning the rest of the feed from the checkpoint.
    const pendingRows = await tx.query<{ pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM sync_documents WHERE collection = $1 AND txid >= pg_snapshot_xmin(pg_current_snapshot())) AS pending`,
      [col.name],
    );
    // Counted once per initial sync (checkpoint null), in the same snapshot as the first page.
    const total = cp
      ? undefined
      : Number(
          (
            await tx.query<{ n: string | number }>(
              `SELECT count(*) AS n FROM sync_documents WHERE collection = $1 AND ${SAFE} AND ${readScopeSql(who, col, 2).sql}`,
              [col.name, ...readScopeSql(who, col, 2).params],
            )
          )[0]?.n ?? 0,
        );
    return {
      documents: await Promise.all(rows.map((r) => toWireDoc(r, col))),
      // A checkpoint past the horizon is safe in the current generation too, so it is re-stamped.
      checkpoint: last ? { txid: last.txid, id: last.id, gen } : cp && { ...cp, gen },
      pending: pendingRows[0]?.pending ?? false,
      ...(total === undefined ? {} : { total }),
    };
  });

/** The newest safe feed position of a collection: where a live stream starts following. */
export const feedHead = (db: Db, col: SyncCollection): Promise<Checkpoint | null> =>
  inSnapshot(db, async (tx) => {
    const rows = await tx.query<Checkpoint>(
      `SELECT txid::text AS txid, id FROM sync_documents WHERE collection = $1 AND ${SAFE}
       ORDER BY sync_documents.txid DESC, sync_documents.id DESC LIMIT 1`,
      [col.name],
    );
    return rows[0] ?? null;
  });
