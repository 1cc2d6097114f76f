import type { Db } from '../db/db';

/**
 * Deletes tombstones older than the retention period and moves each collection's purge horizon to
 * the newest purged feed position, so a client whose checkpoint is at or before it (it may never
 * have seen one of those deletes) is told to resync instead of silently keeping a deleted record.
 */
export const purgeTombstones = async (db: Db, retentionDays: number): Promise<number> =>
  db.transaction(async (tx) => {
    const purged = await tx.query<{ collection: string; txid: string }>(
      `DELETE FROM sync_documents WHERE deleted AND server_updated_at < now() - make_interval(days => $1)
       RETURNING collection, txid::text AS txid`,
      [retentionDays],
    );
    const newest = new Map<string, bigint>();
    for (const r of purged) {
      const t = BigInt(r.txid);
      if ((newest.get(r.collection) ?? -1n) < t) newest.set(r.collection, t);
    }
    for (const [collection, txid] of newest) {
      await tx.query(
        `INSERT INTO sync_purge_horizon (collection, purged_through, generation) VALUES ($1, $2::xid8, 1)
         ON CONFLICT (collection) DO UPDATE
           SET purged_through = greatest(sync_purge_horizon.purged_through, excluded.purged_through), purged_at = now(),
               generation = sync_purge_horizon.generation + 1`,
        [collection, txid.toString()],
      );
    }
    return purged.length;
  });
