import { describe, expect, it } from 'vitest';
import { account, pullAll, pushRows, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';
import { purgeTombstones } from './purge';

const withoutTime = ({ serverUpdatedAt: _t, ...doc }: Json): Json => doc;

describe.each(backends())('an edit of a record deleted on the server, on %s', (backend) => {
  const seeded = useSeededServer(backend);

  /** Created by the rep, deleted by the manager; with `purged`, the tombstone then outlives retention and is purged. */
  const deletedOnServer = async (purged: boolean): Promise<Json> => {
    const doc = account(seeded.org.repA, { name: purged ? 'purged' : 'kept' });
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: doc }]);
    const seen = { ...doc, serverRevision: 1 };
    const del = await pushRows(seeded.client, seeded.org.managerA.token, [
      { assumedMasterState: seen, newDocumentState: { ...seen, _deleted: true } },
    ]);
    expect(del.body).toMatchObject({ conflicts: [], errors: [] });
    if (purged) {
      await seeded.server.ctx.db.query(`UPDATE sync_documents SET server_updated_at = now() - interval '400 days' WHERE id = $1`, [doc.id]);
      expect(await purgeTombstones(seeded.server.ctx.db, 180)).toBe(1);
      expect(await seeded.server.ctx.db.query('SELECT id FROM sync_documents WHERE id = $1', [doc.id])).toEqual([]);
    }
    return seen;
  };

  /** The rep, who never saw the delete, pushes an edit, then what their conflict handler resolves (the edit wins). */
  const editOffline = async (seen: Json) => {
    const edited = { ...seen, notes: 'edited offline', updatedAt: 1_700_000_100_000 };
    const first = await pushRows(seeded.client, seeded.org.repA.token, [{ assumedMasterState: seen, newDocumentState: edited }]);
    const [tombstone] = first.body.conflicts as Json[];
    if (!tombstone) throw new Error(`no conflict: ${JSON.stringify(first.body)}`);
    const resolved = { ...edited, serverRevision: tombstone.serverRevision, serverUpdatedAt: tombstone.serverUpdatedAt };
    const second = await pushRows(seeded.client, seeded.org.repA.token, [{ assumedMasterState: tombstone, newDocumentState: resolved }]);
    const after = (await pullAll(seeded.client, seeded.org.repA.token)).docs.find((d) => d.id === seen.id);
    return { first: first.body, tombstone, second: second.body, after };
  };

  it('is answered with a tombstone conflict whether or not the tombstone was purged, and the re-push lands', async () => {
    const kept = await editOffline(await deletedOnServer(false));
    const purged = await editOffline(await deletedOnServer(true));
    for (const run of [kept, purged]) {
      expect(run.first.errors).toEqual([]);
      expect(run.tombstone).toMatchObject({ _deleted: true, serverRevision: 2, serverUpdatedAt: expect.any(Number) });
      expect(run.second).toMatchObject({ conflicts: [], errors: [] });
      expect(run.after).toMatchObject({ notes: 'edited offline', _deleted: false, serverRevision: 3 });
    }
    const sameBut = (doc: Json | undefined, other: Json | undefined) =>
      expect(withoutTime({ ...doc, id: 'x', name: 'x' })).toEqual(withoutTime({ ...other, id: 'x', name: 'x' }));
    sameBut(purged.tombstone, kept.tombstone);
    sameBut(purged.after, kept.after);
  });

  it('a delete of a purged record changes nothing; a create that never landed is still a create', async () => {
    const seen = await deletedOnServer(true);
    const del = await pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: seen, newDocumentState: { ...seen, _deleted: true } },
    ]);
    expect(del.body).toMatchObject({ conflicts: [], errors: [] });
    expect(await seeded.server.ctx.db.query('SELECT id FROM sync_documents WHERE id = $1', [seen.id])).toEqual([]);
    // The client's assumed state of a create the server refused carries no revision: no delete to report.
    const unsent = account(seeded.org.repA);
    const retry = await pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: unsent, newDocumentState: { ...unsent, notes: 'again' } },
    ]);
    expect(retry.body).toMatchObject({ conflicts: [], errors: [] });
    expect((await pullAll(seeded.client, seeded.org.repA.token)).docs.find((d) => d.id === unsent.id)).toMatchObject({ serverRevision: 1 });
  });
});
