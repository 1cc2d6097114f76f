import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { purgeTombstones } from '../../server/sync/purge';
import { api, pullAll, pushRows, seedOrg, startTestServer, testConfig, type Json, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount, emailOf, signIn, waitConverged } from './sync-fixtures';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

// A rep edits two customers on a long trip; meanwhile their manager deletes both on the server, and
// one of the two tombstones is purged before the rep is back. Both must end the same way.
describe('delete on the server against an offline edit, with and without the tombstone', () => {
  let server: RunningServer;
  let org: Org;
  let rep: ClientProcess;
  let link: TcpProxy;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    link = await startTcpProxy(server.port);
    rep = await startClient('rep');
    await signIn(rep, link.url, await emailOf(server, org.repA));
  }, 60_000);

  afterAll(async () => {
    await rep?.close();
    await link?.close();
    await server?.close();
  });

  it('records the same `_deleted` conflict on the client, keeps the edit, and settles', async () => {
    const client = api(server);
    const create = async (name: string) => (await rep.must('accounts.create', { values: { ...baseAccount, name, city: 'Berlin' } })).id;
    const kept = await create('tombstone kept');
    const purged = await create('tombstone purged');
    await waitConverged(server, org.repA, [rep]);

    link.setOnline(false);
    await waitFor('offline', async () => ((await rep.must('sync.status', {})).state === 'offline' ? true : undefined));

    // The manager deletes both on the server; the rep's laptop does not hear of it.
    const onServer = (await pullAll(client, org.managerA.token)).docs.filter((d) => d.id === kept || d.id === purged);
    expect(onServer).toHaveLength(2);
    const deleted = await pushRows(
      client,
      org.managerA.token,
      onServer.map((d: Json) => ({ assumedMasterState: d, newDocumentState: { ...d, _deleted: true } })),
    );
    expect(deleted.body).toMatchObject({ conflicts: [], errors: [] });
    // Only one tombstone outlives the retention period (180 days); the periodic purge removes it.
    await server.ctx.db.query(`UPDATE sync_documents SET server_updated_at = now() - interval '400 days' WHERE id = $1`, [purged]);
    expect(await purgeTombstones(server.ctx.db, 180)).toBe(1);
    expect(await server.ctx.db.query('SELECT id FROM sync_documents WHERE id = $1', [purged])).toEqual([]);

    await rep.must('accounts.update', { id: kept, patch: { city: 'Hamburg' } });
    await rep.must('accounts.update', { id: purged, patch: { city: 'Hamburg' } });
    const before = (await rep.must('conflicts.list', {})).total;

    link.setOnline(true);
    await rep.must('sync.now', {});
    const finalDocs = await waitConverged(server, org.repA, [rep], 60_000);

    // The edit wins in both cases: the record is back on the server with the rep's change.
    const byId = new Map(finalDocs.map((d) => [d.id, d]));
    for (const id of [kept, purged]) expect(byId.get(id)).toMatchObject({ city: 'Hamburg', serverRevision: 3 });

    const listed = await rep.must('conflicts.list', {});
    const conflicts = listed.conflicts.filter((c) => c.docId === kept || c.docId === purged);
    expect(listed.total - before).toBe(2);
    expect(conflicts.map((c) => c.docId).sort()).toEqual([kept, purged].sort());
    const shape = (id: string) => {
      const c = conflicts.find((x) => x.docId === id);
      return (
        c && {
          field: c.field,
          localValue: c.localValue,
          serverValue: c.serverValue,
          ancestorValue: c.ancestorValue,
          collection: c.collection,
          localUserId: c.localUserId,
          serverRevision: c.serverRevision,
        }
      );
    };
    expect(shape(kept)).toEqual({
      field: '_deleted',
      localValue: false,
      serverValue: true,
      ancestorValue: false,
      collection: 'accounts',
      localUserId: org.repA.id,
      serverRevision: 2,
    });
    expect(shape(purged)).toEqual(shape(kept));
    expect((await rep.must('sync.status', {})).pendingChanges).toBe(0);
  }, 120_000);
});
