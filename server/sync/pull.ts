import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import { HttpError } from '../errors';
import type { Checkpoint } from './checkpoint';
import type { SyncCollection } from './collections';
import { toWireDoc } from './documents';
import { readScopeSql } from './scope';

export type PullResult = {
  /** The page's documents as a JSON array, in feed order, ready to splice into a response. */
  documentsJson: string;
  count: number;
  checkpoint: Checkpoint | null;
  /** Committed changes exist past the checkpoint but wait for an older transaction to finish. */
  pending: boolean;
  /** On a pull from the start, or when asked: how many records the client receives in all (progress bars). */
  total?: number;
  /** When asked (a first sync resumed from a checkpoint): how many of them lie past the checkpoint. */
  remaining?: number;
};

/**
 * The feed only shows rows whose writing transaction is older than every transaction still running
 * (txid < xmin of the snapshot). Such rows are all committed and no transaction that commits later
 * can ever get a txid below xmin, so once the feed passed a position nothing new appears behind it.
 */
const SAFE = 'txid < pg_snapshot_xmin(pg_current_snapshot())';

/**
 * A document as the protocol sends it, built by PostgreSQL: the stored fields plus the server-managed
 * ones. Rows stored under an older schema version come out as `[version, data, id, revision,
 * updated_ms, deleted]` instead (an array, never an object), so the server can lift them in
 * JavaScript with the shared migration strategies; the common case needs no per-document JS at all.
 */
const WIRE_DOC = `CASE WHEN schema_version < $5 THEN
    jsonb_build_array(schema_version, data, id, revision::text, floor(extract(epoch FROM server_updated_at) * 1000)::bigint::text, deleted)
  ELSE data || jsonb_build_object('id', id, 'serverRevision', revision,
    'serverUpdatedAt', floor(extract(epoch FROM server_updated_at) * 1000)::bigint, '_deleted', deleted) END::text`;

type PageRow = {
  docs: string | null;
  n: string | number;
  stale: string | number;
  last_txid: string | null;
  last_id: string | null;
  pending: boolean;
  generation: string | number | null;
  purged: boolean;
  future: boolean;
  total: string | number | null;
  remaining: string | number | null;
};

/**
 * One statement reads a whole page, so everything in it (rows, xmin, the pending flag, the purge
 * horizon, the counts) comes from one snapshot. The counts for progress bars are taken on a pull
 * from the start (the total), or when a first sync resumed from a checkpoint asks (the total, and
 * what lies past the checkpoint). The last row (the next checkpoint) is found without sorting: it is the one whose
 * `lead` in feed order is missing.
 */
const pageSql = (scope: string, withTotal: boolean, withRemaining: boolean): string => `
  WITH page AS (
    SELECT txid, id, schema_version < $5 AS stale, ${WIRE_DOC} AS doc FROM sync_documents
    WHERE collection = $1 AND (txid, id) > ($2::xid8, $3) AND ${SAFE} AND ${scope}
    ORDER BY sync_documents.txid, sync_documents.id LIMIT $4
  ),
  agg AS (
    SELECT string_agg(doc, ',' ORDER BY txid, id) AS docs, count(*) AS n, count(*) FILTER (WHERE stale) AS stale,
      max(txid) AS last_txid, max(id) FILTER (WHERE is_last) AS last_id
    FROM (SELECT page.*, lead(true) OVER (ORDER BY txid, id) IS NULL AS is_last FROM page) w
  )
  SELECT agg.docs, agg.n, agg.stale, agg.last_txid::text AS last_txid, agg.last_id,
    -- Every row at or past xmin lies past any checkpoint handed out (those are all below an older xmin).
    EXISTS (SELECT 1 FROM sync_documents WHERE collection = $1 AND txid >= pg_snapshot_xmin(pg_current_snapshot())) AS pending,
    (SELECT generation FROM sync_purge_horizon WHERE collection = $1) AS generation,
    EXISTS (SELECT 1 FROM sync_purge_horizon WHERE collection = $1 AND $2::xid8 <= purged_through) AS purged,
    $2::xid8 >= pg_snapshot_xmax(pg_current_snapshot()) AS future,
    ${withTotal ? `(SELECT count(*) FROM sync_documents WHERE collection = $1 AND ${SAFE} AND ${scope})` : 'NULL'} AS total,
    ${withRemaining ? `(SELECT count(*) FROM sync_documents WHERE collection = $1 AND (txid, id) > ($2::xid8, $3) AND ${SAFE} AND ${scope})` : 'NULL'} AS remaining
  FROM agg`;

/**
 * Without statistics (PGlite never runs autovacuum; a freshly loaded table has none either) the
 * planner guesses a handful of rows and reads the whole rest of the feed through a bitmap scan, then
 * sorts it, spilling to disk on a large collection. The feed index already has the order we need,
 * so the page must walk it and stop after `limit` rows. Before PostgreSQL 18 a disabled plan node
 * gets a huge cost, which would also trigger JIT compilation of every page, so JIT is off too:
 * these are short statements.
 */
const useFeedOrder = (tx: Queryable): Promise<unknown> =>
  tx.query(`SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`);

/**
 * Refuses checkpoints that may have missed a purged delete, and checkpoints from beyond this
 * database's clock. A checkpoint below the purge horizon is stale only if it was issued before the
 * latest purge (an older generation): a walk that began after that purge never held the purged
 * records, so it may pass positions below the horizon.
 */
const checkCheckpoint = (cp: Checkpoint | null, r: PageRow, generation: number): void => {
  if (!cp) return;
  if (r.purged && (cp.gen ?? 0) < generation) {
    throw new HttpError(410, 'resync_required', 'this device was offline longer than deleted records are kept; a full resync is needed');
  }
  if (r.future) {
    throw new HttpError(
      410,
      'resync_required',
      'the server does not know this checkpoint (restored or replaced database); a full resync is needed',
    );
  }
};

/** Rows stored under an older schema version, lifted with the shared migrations (see WIRE_DOC). */
const liftStale = async (docs: string, col: SyncCollection): Promise<string> => {
  const parsed = JSON.parse(`[${docs}]`) as unknown[];
  const lifted = await Promise.all(
    parsed.map((d) => {
      if (!Array.isArray(d)) return d;
      const [version, data, id, revision, updatedMs, deleted] = d as [number, Record<string, unknown>, string, string, string, boolean];
      return toWireDoc({ schema_version: version, data, id, revision, updated_ms: updatedMs, deleted, txid: '' }, col);
    }),
  );
  return JSON.stringify(lifted);
};

export const pullChanges = async (
  db: Db,
  col: SyncCollection,
  who: Principal,
  cp: Checkpoint | null,
  limit: number,
  countRemaining = false,
): Promise<PullResult> => {
  const from = cp ?? { txid: '0', id: '' };
  const scope = readScopeSql(who, col, 6);
  const r = await db.transaction(async (tx) => {
    await useFeedOrder(tx);
    const rows = await tx.query<PageRow>(pageSql(scope.sql, cp === null || countRemaining, cp !== null && countRemaining), [
      col.name,
      from.txid,
      from.id,
      limit,
      col.schemaVersion,
      ...scope.params,
    ]);
    return rows[0];
  });
  if (!r) throw new Error('the pull query returned no row');
  const gen = Number(r.generation ?? 0);
  checkCheckpoint(cp, r, gen);
  const docs = r.docs ?? '';
  return {
    documentsJson: Number(r.stale) > 0 ? await liftStale(docs, col) : `[${docs}]`,
    count: Number(r.n),
    // A checkpoint past the horizon is safe in the current generation too, so it is re-stamped.
    checkpoint: r.last_txid !== null && r.last_id !== null ? { txid: r.last_txid, id: r.last_id, gen } : cp && { ...cp, gen },
    pending: r.pending,
    ...(r.total === null ? {} : { total: Number(r.total) }),
    ...(r.remaining === null ? {} : { remaining: Number(r.remaining) }),
  };
};

/**
 * The response body of a pull (`pullResponseSchema`) and of an SSE batch (`streamBatchSchema`), with
 * the documents spliced in as PostgreSQL wrote them; the sync tests parse it with those schemas.
 */
export const pullResponseJson = (r: PullResult, withTotal: boolean): string =>
  `{"documents":${r.documentsJson},"checkpoint":${JSON.stringify(r.checkpoint)}${withTotal && r.total !== undefined ? `,"total":${r.total}` : ''}${withTotal && r.remaining !== undefined ? `,"remaining":${r.remaining}` : ''}}`;

/** The newest safe feed position of a collection: where a live stream starts following. */
export const feedHead = (db: Db, col: SyncCollection): Promise<Checkpoint | null> =>
  db.transaction(async (tx) => {
    await useFeedOrder(tx);
    const rows = await tx.query<Checkpoint>(
      `SELECT txid::text AS txid, id FROM sync_documents WHERE collection = $1 AND ${SAFE}
       ORDER BY sync_documents.txid DESC, sync_documents.id DESC LIMIT 1`,
      [col.name],
    );
    return rows[0] ?? null;
  });
