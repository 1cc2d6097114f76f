import { beforeAll, describe, expect, it } from 'vitest';
import { account, pullAll, pushRows, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';

describe.each(backends())('sync on %s', (backend) => {
  const seeded = useSeededServer(backend);

  it('round-trips a push through pull with a server revision and time', async () => {
    const doc = account(seeded.org.repA, { updatedAt: 42 });
    const push = await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: { ...doc, serverRevision: 999 } }]);
    expect(push).toMatchObject({ status: 200, body: { conflicts: [], errors: [] } });
    const { docs, checkpoint } = await pullAll(seeded.client, seeded.org.repA.token);
    const got = docs.find((d) => d.id === doc.id);
    // The client's serverRevision is ignored: the server owns revision and time.
    expect(got).toMatchObject({ ...doc, serverRevision: 1, _deleted: false });
    expect(Math.abs(Number(got?.serverUpdatedAt) - Date.now())).toBeLessThan(60_000);
    expect(checkpoint).toMatchObject({ txid: expect.stringMatching(/^\d+$/), id: expect.any(String) });
    // Nothing new past the checkpoint: the same checkpoint comes back with no documents.
    const again = await seeded.client.get(
      `/sync/accounts/3/pull?checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}`,
      seeded.org.repA.token,
    );
    expect(again.body).toEqual({ documents: [], checkpoint });
  });

  it('lifts documents stored under an older schema version with the shared migrations, in feed order', async () => {
    const v0 = account(seeded.org.repA, { address: 'Unter den Linden 5, 10117 Berlin' });
    const v1 = account(seeded.org.repA, { name: 'current' });
    const gone = account(seeded.org.repA, { address: '1 Market St, San Francisco, CA 94105' });
    const ids = [v0.id, v1.id, gone.id].map(String).sort();
    // One transaction: the three share a txid, so the feed orders them by id.
    await seeded.server.ctx.db.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, deleted, revision, data)
       SELECT 'accounts', d->>'id', (d->>'v')::int, $1, $2, (d->>'deleted')::boolean, 3, d->'doc' FROM jsonb_array_elements($3::jsonb) d`,
      [
        seeded.org.repA.id,
        seeded.org.repA.teamId,
        JSON.stringify([
          { id: v0.id, v: 0, deleted: false, doc: v0 },
          { id: v1.id, v: 1, deleted: false, doc: v1 },
          { id: gone.id, v: 0, deleted: true, doc: gone },
        ]),
      ],
    );
    const { docs } = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', null, 2);
    const got = docs.filter((d) => ids.includes(String(d.id)));
    expect(got.map((d) => d.id)).toEqual(ids);
    const lifted = got.find((d) => d.id === v0.id);
    expect(lifted).toMatchObject({ street: 'Unter den Linden 5', postalCode: '10117', city: 'Berlin', serverRevision: 3, _deleted: false });
    expect(lifted).not.toHaveProperty('address');
    expect(got.find((d) => d.id === v1.id)).toMatchObject({ ...v1, serverRevision: 3, _deleted: false });
    expect(got.find((d) => d.id === gone.id)).toMatchObject({ city: 'San Francisco', _deleted: true });
  });

  it('pages through a feed with small batches without losing or repeating documents', async () => {
    const docs = Array.from({ length: 7 }, () => account(seeded.org.repA2));
    expect(
      (
        await pushRows(
          seeded.client,
          seeded.org.repA2.token,
          docs.map((d) => ({ newDocumentState: d })),
        )
      ).status,
    ).toBe(200);
    const { docs: pulled } = await pullAll(seeded.client, seeded.org.repA2.token, 'accounts/3', null, 2);
    expect(pulled.map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    // A pull from the start says how many records are coming, so the app can show real progress.
    const first = await seeded.client.get('/sync/accounts/3/pull?limit=2', seeded.org.repA2.token);
    expect((first.body as { total?: number }).total).toBe(pulled.length);
    // A first sync resumed from a checkpoint asks for the total and what is left: the records past it.
    const checkpoint = encodeURIComponent(JSON.stringify((first.body as { checkpoint: unknown }).checkpoint));
    const later = `/sync/accounts/3/pull?limit=2&checkpoint=${checkpoint}`;
    expect((await seeded.client.get(`${later}&remaining=1`, seeded.org.repA2.token)).body).toMatchObject({
      total: pulled.length,
      remaining: pulled.length - 2,
    });
    expect((await seeded.client.get(later, seeded.org.repA2.token)).body).not.toHaveProperty('total');
    expect((await seeded.client.get(`${later}&remaining=yes`, seeded.org.repA2.token)).status).toBe(400);
  });

  it('treats a retried identical push as a no-op (no new revision, no conflict)', async () => {
    const doc = account(seeded.org.repA);
    const row = { newDocumentState: doc };
    await pushRows(seeded.client, seeded.org.repA.token, [row]);
    const retry = await pushRows(seeded.client, seeded.org.repA.token, [row]);
    expect(retry.body).toMatchObject({ conflicts: [], errors: [] });
    const { docs } = await pullAll(seeded.client, seeded.org.repA.token);
    expect(docs.find((d) => d.id === doc.id)?.serverRevision).toBe(1);
  });

  it('returns the server document when the assumed revision is stale, and applies a current one', async () => {
    const doc = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: doc }]);
    const v1 = { ...doc, serverRevision: 1 };
    const edit = await pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: v1, newDocumentState: { ...v1, name: 'Acme 2' } },
    ]);
    expect(edit.body).toMatchObject({ conflicts: [], errors: [] });
    // A second device still assumes revision 1: it gets revision 2 back as a conflict, nothing written.
    const stale = await pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: v1, newDocumentState: { ...v1, name: 'Other' } },
    ]);
    expect(stale.body.errors).toEqual([]);
    expect(stale.body.conflicts).toEqual([expect.objectContaining({ id: doc.id, name: 'Acme 2', serverRevision: 2 })]);
    // Creating a document that already exists (no assumed state) is a conflict too.
    const blind = await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: { ...doc, name: 'Blind' } }]);
    expect(blind.body.conflicts).toEqual([expect.objectContaining({ id: doc.id, serverRevision: 2 })]);
  });

  it('answers each row it holds as sent with the revision and time a pull would give it', async () => {
    const created = account(seeded.org.repA);
    const edited = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: edited }]);
    const stale = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: stale }]);
    const v1 = { ...edited, serverRevision: 1 };
    const foreign = account(seeded.org.repB);
    const push = await pushRows(seeded.client, seeded.org.repA.token, [
      { newDocumentState: created },
      { assumedMasterState: v1, newDocumentState: { ...v1, name: 'Edited' } },
      // A retry of what the server holds: no write, and the revision it holds.
      { newDocumentState: stale },
      // Neither a conflict nor a refusal is accepted.
      { newDocumentState: { ...stale, id: 'x', name: 'never' }, assumedMasterState: { ...stale, id: 'x', serverRevision: 7 } },
      { newDocumentState: foreign },
    ]);
    expect(push.status).toBe(200);
    const { docs } = await pullAll(seeded.client, seeded.org.repA.token);
    const pulled = (id: unknown) => docs.find((d) => d.id === id);
    const accepted = new Map((push.body.accepted as Json[]).map((a) => [a.id, a]));
    expect([...accepted.keys()].sort()).toEqual([created.id, edited.id, stale.id].map(String).sort());
    for (const id of [created.id, edited.id, stale.id]) {
      const doc = pulled(id);
      expect(accepted.get(id)).toEqual({ id, serverRevision: doc?.serverRevision, serverUpdatedAt: doc?.serverUpdatedAt });
    }
    expect(accepted.get(edited.id)).toMatchObject({ serverRevision: 2 });
    expect(accepted.get(stale.id)).toMatchObject({ serverRevision: 1 });
  });

  it('soft-deletes: a tombstone is pulled with _deleted', async () => {
    const doc = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: doc }]);
    const del = await pushRows(seeded.client, seeded.org.repA.token, [
      { assumedMasterState: { ...doc, serverRevision: 1 }, newDocumentState: { ...doc, serverRevision: 1, _deleted: true } },
    ]);
    expect(del.body).toMatchObject({ conflicts: [], errors: [] });
    const { docs } = await pullAll(seeded.client, seeded.org.repA.token);
    expect(docs.find((d) => d.id === doc.id)).toMatchObject({ _deleted: true, serverRevision: 2 });
  });

  it('tells an outdated app to update with 426, and refuses unknown versions and collections', async () => {
    const old = await seeded.client.get('/sync/accounts/0/pull', seeded.org.repA.token);
    expect(old.status).toBe(426);
    expect(old.body).toMatchObject({ code: 'upgrade_required', message: expect.stringContaining('Update the app') });
    expect((await pushRows(seeded.client, seeded.org.repA.token, [], 'accounts/0')).status).toBe(426);
    expect((await seeded.client.get('/sync/accounts/0/stream', seeded.org.repA.token)).status).toBe(426);
    expect((await seeded.client.get('/sync/accounts/7/pull', seeded.org.repA.token)).body.code).toBe('unsupported_schema_version');
    expect(await seeded.client.get('/sync/nope/1/pull', seeded.org.repA.token)).toMatchObject({
      status: 404,
      body: { code: 'unknown_collection' },
    });
    const list = await seeded.client.get('/sync/collections', seeded.org.repA.token);
    expect(list.body.collections).toContainEqual({ name: 'accounts', schemaVersion: 3 });
  });

  describe('scoping', () => {
    const idsFor = async (token: string, collection = 'notes/0'): Promise<string[]> =>
      (await pullAll(seeded.client, token, collection)).docs.map((d) => String(d.id));
    const note = (owner: { id: string; teamId: string | null }, id: string, visibility?: string): Json => ({
      id,
      ownerId: owner.id,
      teamId: owner.teamId,
      createdAt: 1,
      updatedAt: 1,
      text: id,
      ...(visibility ? { visibility } : {}),
    });

    beforeAll(async () => {
      await pushRows(
        seeded.client,
        seeded.org.repA.token,
        [{ newDocumentState: note(seeded.org.repA, 'a-private') }, { newDocumentState: note(seeded.org.repA, 'a-shared', 'team') }],
        'notes/0',
      );
      await pushRows(seeded.client, seeded.org.repB.token, [{ newDocumentState: note(seeded.org.repB, 'b-shared', 'team') }], 'notes/0');
    });

    it('a rep sees own records and team records marked visibility team; not other teams', async () => {
      expect((await idsFor(seeded.org.repA.token)).sort()).toEqual(['a-private', 'a-shared']);
      expect((await idsFor(seeded.org.repA2.token)).sort()).toEqual(['a-shared']);
      expect((await idsFor(seeded.org.repB.token)).sort()).toEqual(['b-shared']);
    });

    it("a manager sees the whole team's records, an admin everything", async () => {
      expect((await idsFor(seeded.org.managerA.token)).sort()).toEqual(['a-private', 'a-shared']);
      expect((await idsFor(seeded.org.admin.token)).sort()).toEqual(['a-private', 'a-shared', 'b-shared']);
    });

    it('rejects writes per row with an error the app can show, and still applies the allowed rows', async () => {
      const mine = note(seeded.org.repA2, 'a2-own');
      const r = await pushRows(
        seeded.client,
        seeded.org.repA2.token,
        [
          { newDocumentState: mine },
          // a team-visible record of a colleague: readable, but not the rep's to change
          {
            assumedMasterState: { ...note(seeded.org.repA, 'a-shared', 'team'), serverRevision: 1 },
            newDocumentState: { ...note(seeded.org.repA, 'a-shared', 'team'), text: 'x' },
          },
          // another team's record, and giving a record to someone else
          { newDocumentState: note(seeded.org.repB, 'b-new') },
          { newDocumentState: { ...note(seeded.org.repA2, 'a2-gift'), ownerId: seeded.org.repA.id } },
        ],
        'notes/0',
      );
      expect(r.status).toBe(200);
      expect(r.body.conflicts).toEqual([]);
      const errors = r.body.errors as Json[];
      expect(errors.map((e) => e.id).sort()).toEqual(['a-shared', 'a2-gift', 'b-new']);
      expect(errors.every((e) => e.code === 'forbidden' && typeof e.message === 'string')).toBe(true);
      expect(errors.find((e) => e.id === 'a-shared')?.current).toMatchObject({ text: 'a-shared', serverRevision: 1 });
      expect(await idsFor(seeded.org.repA2.token)).toContain('a2-own');
      expect(await idsFor(seeded.org.admin.token)).not.toContain('b-new');
    });

    it('a manager may change team records but not move them to another team; admins may do anything', async () => {
      const base = { ...note(seeded.org.repA, 'a-private'), serverRevision: 1 };
      const ok = await pushRows(
        seeded.client,
        seeded.org.managerA.token,
        [{ assumedMasterState: base, newDocumentState: { ...base, text: 'by manager' } }],
        'notes/0',
      );
      expect(ok.body).toMatchObject({ conflicts: [], errors: [] });
      const moved = await pushRows(
        seeded.client,
        seeded.org.managerA.token,
        [{ assumedMasterState: { ...base, serverRevision: 2 }, newDocumentState: { ...base, teamId: seeded.org.teamB } }],
        'notes/0',
      );
      expect((moved.body.errors as Json[])[0]).toMatchObject({ id: 'a-private', code: 'forbidden' });
      const byAdmin = await pushRows(
        seeded.client,
        seeded.org.admin.token,
        [{ newDocumentState: note(seeded.org.repB, 'b-by-admin') }],
        'notes/0',
      );
      expect(byAdmin.body).toMatchObject({ conflicts: [], errors: [] });
    });

    it('company-wide reference data is readable by all, not writable by reps', async () => {
      const product = {
        id: 'p1',
        kind: 'product',
        ownerId: seeded.org.admin.id,
        teamId: seeded.org.teamA,
        createdAt: 1,
        updatedAt: 1,
        name: 'Widget',
        sku: 'W-1',
        isActive: true,
        family: 'widgets',
      };
      const asAdmin = await pushRows(seeded.client, seeded.org.admin.token, [{ newDocumentState: product }], 'catalog/0');
      if (asAdmin.status !== 200) throw new Error(JSON.stringify(asAdmin.body));
      expect(asAdmin.body).toMatchObject({ conflicts: [], errors: [] });
      expect(await idsFor(seeded.org.repB.token, 'catalog/0')).toEqual(['p1']);
      const asRep = await pushRows(
        seeded.client,
        seeded.org.repB.token,
        [{ newDocumentState: { ...product, id: 'p2', ownerId: seeded.org.repB.id, teamId: seeded.org.teamB } }],
        'catalog/0',
      );
      expect((asRep.body.errors as Json[])[0]).toMatchObject({ id: 'p2', code: 'forbidden' });
    });
  });
});
