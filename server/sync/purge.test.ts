import { describe, expect, it } from 'vitest';
import { account, pullAll, pushRows, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';
import { purgeTombstones } from './purge';

describe.each(backends())('tombstone purge on %s', (backend) => {
  const seeded = useSeededServer(backend);

  const remove = (doc: Json) =>
    pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: { ...doc, serverRevision: 1 }, newDocumentState: { ...doc, serverRevision: 1, _deleted: true } },
    ]);

  it('purges old tombstones only, and tells clients that may have missed one to resync (410)', async () => {
    const [live, oldGone, newGone] = [account(seeded.org.repA), account(seeded.org.repA), account(seeded.org.repA)];
    await pushRows(
      seeded.client,
      seeded.org.repA.token,
      [live, oldGone, newGone].map((d) => ({ newDocumentState: d })),
    );
    const offline = await pullAll(seeded.client, seeded.org.repA.token); // a device that then goes offline for months
    await remove(oldGone);
    await remove(newGone);
    // Age one tombstone past the 180-day retention, as if it had been deleted half a year ago.
    await seeded.server.ctx.db.query("UPDATE sync_documents SET server_updated_at = now() - interval '181 days' WHERE id = $1", [
      oldGone.id,
    ]);
    const synced = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', offline.checkpoint);

    expect(await purgeTombstones(seeded.server.ctx.db, seeded.server.ctx.config.tombstoneRetentionDays)).toBe(1);
    expect(await purgeTombstones(seeded.server.ctx.db, seeded.server.ctx.config.tombstoneRetentionDays)).toBe(0);

    const stale = await seeded.client.get(
      `/sync/accounts/3/pull?checkpoint=${encodeURIComponent(JSON.stringify(offline.checkpoint))}`,
      seeded.org.repA.token,
    );
    expect(stale).toMatchObject({ status: 410, body: { code: 'resync_required', message: expect.stringContaining('full resync') } });
    // A device that synced after the delete, and a fresh full resync, are fine.
    expect((await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', synced.checkpoint)).docs).toEqual([]);
    const full = await pullAll(seeded.client, seeded.org.repA.token);
    // A new device walking the feed page by page after the purge passes positions below the horizon
    // without being sent back to the start (it never held the purged record).
    expect((await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', null, 1)).docs.map((d) => d.id).sort()).toEqual(
      full.docs.map((d) => d.id).sort(),
    );
    const byId = new Map(full.docs.map((d) => [d.id, d]));
    expect(byId.has(oldGone.id)).toBe(false);
    expect(byId.get(newGone.id)).toMatchObject({ _deleted: true });
    expect(byId.get(live.id)).toMatchObject({ _deleted: false });
    // Other collections keep their own horizon.
    expect(
      (
        await seeded.client.get(
          `/sync/contacts/1/pull?checkpoint=${encodeURIComponent(JSON.stringify(offline.checkpoint))}`,
          seeded.org.repA.token,
        )
      ).status,
    ).toBe(200);
  });
});
