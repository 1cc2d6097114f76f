-- Every synced document of every collection. `txid` is the writing transaction's 64-bit id: the
-- pull feed is ordered by (txid, id) and only shows rows whose txid is below the oldest running
-- transaction, so a feed position is never passed by a commit that lands later (docs/sync-protocol.md).
CREATE TABLE sync_documents (
  collection text NOT NULL,
  id text NOT NULL,
  schema_version integer NOT NULL,
  owner_id text NOT NULL,
  team_id text NOT NULL,
  visibility text,
  deleted boolean NOT NULL DEFAULT false,
  revision bigint NOT NULL,
  data jsonb NOT NULL,
  server_updated_at timestamptz NOT NULL DEFAULT now(),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (collection, id)
);
CREATE INDEX sync_documents_feed ON sync_documents (collection, txid, id);
CREATE INDEX sync_documents_tombstones ON sync_documents (server_updated_at) WHERE deleted;

-- Highest feed position whose tombstones were purged; a checkpoint below it may have missed a delete.
CREATE TABLE sync_purge_horizon (
  collection text PRIMARY KEY,
  purged_through xid8 NOT NULL,
  purged_at timestamptz NOT NULL DEFAULT now()
);
