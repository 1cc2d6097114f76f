import type { ServerDoc } from '../../shared/contract/sync/wire/pull';
import type { SyncCollection } from './collections';

/** What the database holds per document (server-managed values in their own columns). */
export type StoredRow = {
  id: string;
  schema_version: number;
  deleted: boolean;
  revision: string;
  data: Record<string, unknown>;
  updated_ms: string;
  txid: string;
};

export const STORED_COLUMNS = `id, schema_version, deleted, revision::text AS revision, data,
  floor(extract(epoch FROM server_updated_at) * 1000)::bigint::text AS updated_ms, txid::text AS txid`;

/** A document as it travels in the protocol: the domain fields, the server-managed ones, `_deleted`. */
export type WireDoc = ServerDoc;

export const SERVER_FIELDS = ['serverRevision', 'serverUpdatedAt', '_deleted'] as const;

/** The client's copy minus what only the server decides (and RxDB's private fields). */
export const clientFields = (doc: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === 'serverRevision' || k === 'serverUpdatedAt' || k === '_deleted' || k.startsWith('_')) continue;
    out[k] = v;
  }
  return out;
};

/**
 * Rows written under an older schema version are lifted with the shared migration strategies on the
 * way out, so a client always receives documents of the version it asked for. A strategy returning
 * null means "drop": the client gets a tombstone.
 */
export const toWireDoc = async (row: StoredRow, col: SyncCollection): Promise<WireDoc> => {
  let data: Record<string, unknown> | null = row.data;
  for (let v = row.schema_version + 1; v <= col.schemaVersion && data; v++) {
    const migrate = col.migrations[v];
    if (migrate) data = ((await migrate(data)) as Record<string, unknown> | null) ?? null;
  }
  return {
    ...(data ?? row.data),
    id: row.id,
    serverRevision: Number(row.revision),
    serverUpdatedAt: Number(row.updated_ms),
    _deleted: row.deleted || data === null,
  };
};

/** Order-independent JSON, so "is this push a retry of what is stored?" ignores key order. */
export { canonicalJson } from '../../shared/canonical-json';
