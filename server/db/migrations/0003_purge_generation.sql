-- Each purge bumps the collection's generation. Checkpoints carry the generation they were issued
-- in, so a walk that started after the last purge may pass positions below the horizon (it never
-- held the purged records), while a checkpoint from before a purge that lies below the horizon
-- still gets the resync signal.
ALTER TABLE sync_purge_horizon ADD COLUMN generation bigint NOT NULL DEFAULT 1;
