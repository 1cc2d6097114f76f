import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { purgeTombstones } from '../../server/sync/purge';
import { account, api, pushRows, seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, serverDocs, signIn, waitConverged } from './sync-fixtures';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

describe('sync under faults', () => {
  let server: RunningServer;
  let org: Org;
  const clients: ClientProcess[] = [];
  const proxies: TcpProxy[] = [];

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(proxies.map((p) => p.close()));
    await server?.close();
  });

  const client = async (name: string): Promise<{ client: ClientProcess; link: TcpProxy }> => {
    const [c, link] = await Promise.all([startClient(name), startTcpProxy(server.port)]);
    clients.push(c);
    proxies.push(link);
    return { client: c, link };
  };

  it('a connection cut in the middle of a pull batch resumes and ends with every record exactly once', async () => {
    const docs = Array.from({ length: 2500 }, (_, i) => account(org.repB, { name: `bulk-${i}`, notes: 'x'.repeat(200) }));
    for (let i = 0; i < docs.length; i += 500) {
      const r = await pushRows(
        api(server),
        org.repB.token,
        docs.slice(i, i + 500).map((d) => ({ newDocumentState: d })),
      );
      expect(r.status).toBe(200);
    }
    const { client: c, link } = await client('cut');
    // About a third of the first 1,000-document page, then the socket dies mid-body.
    const cut = link.cutNextResponseAfter(150_000);
    await signIn(c, link.url, await emailOf(server, org.repB));
    await cut;
    const final = await waitConverged(server, org.repB, [c], 60_000);
    expect(final).toHaveLength(2500);
    expect(new Set((await c.docs('accounts')).map((d) => d.id)).size).toBe(2500);
  }, 90_000);

  it('a client offline longer than tombstones are kept resyncs fully: purged deletes vanish, its own edits survive', async () => {
    const { client: c, link } = await client('stale');
    await signIn(c, link.url, await emailOf(server, org.repA2));
    const [gone, changed, mine] = [
      account(org.repA2, { name: 'gone' }),
      account(org.repA2, { name: 'changed' }),
      account(org.repA2, { name: 'mine' }),
    ];
    await pushRows(
      api(server),
      org.repA2.token,
      [gone, changed, mine].map((d) => ({ newDocumentState: d })),
    );
    await waitConverged(server, org.repA2, [c]);

    link.setOnline(false);
    await waitFor('offline', async () => ((await c.must('sync.status', {})).state === 'offline' ? true : undefined));
    const byId = new Map((await serverDocs(server, org.repA2)).map((d) => [d.id, d]));
    await pushRows(api(server), org.repA2.token, [
      { assumedMasterState: byId.get(gone.id as string), newDocumentState: { ...byId.get(gone.id as string), _deleted: true } },
      { assumedMasterState: byId.get(changed.id as string), newDocumentState: { ...byId.get(changed.id as string), city: 'Oslo' } },
    ]);
    await c.must('accounts.update', { id: mine.id as string, patch: { city: 'Lagos' } });
    // Retention 0 days: every tombstone is now older than the period, as after half a year away.
    expect(await purgeTombstones(server.ctx.db, 0)).toBeGreaterThanOrEqual(1);

    link.setOnline(true);
    await c.must('sync.now', {});
    const final = await waitConverged(server, org.repA2, [c]);
    expect(final.map((d) => d.name).sort()).toEqual(['changed', 'mine']);
    expect(final.find((d) => d.name === 'changed')?.city).toBe('Oslo');
    expect(final.find((d) => d.name === 'mine')?.city).toBe('Lagos');
  }, 60_000);

  it('records written before the first sign-in are adopted by the rep and pushed, not refused', async () => {
    const { client: c, link } = await client('local-first');
    const created = await c.must('accounts.create', {
      values: { name: 'written on the plane', status: 'active', tier: 'key', region: 'emea', currency: 'EUR' },
    });
    await signIn(c, link.url, await emailOf(server, org.repB));
    const final = await waitConverged(server, org.repB, [c], 60_000);
    const onServer = final.find((d) => d.id === created.id);
    expect(onServer).toMatchObject({ name: 'written on the plane', ownerId: org.repB.id });
    expect((await c.must('sync.status', {})).rejectedChanges).toBe(0);
    // The laptop's copy is the rep's too ("my accounts" holds it).
    expect((await c.docs('accounts')).find((d) => d.id === created.id)).toMatchObject({ ownerId: org.repB.id });
  }, 60_000);

  it('a push refused by the server (permission) is kept as a sync error on that record, never dropped', async () => {
    const { client: c, link } = await client('forbidden');
    await signIn(c, link.url, await emailOf(server, org.repB));
    // A rep may not hand a record to another owner: the server refuses that row.
    const created = await c.must('accounts.create', {
      values: { name: 'not mine to give', status: 'active', tier: 'key', region: 'emea', currency: 'EUR', ownerId: org.repA.id },
    });
    const pending = await waitFor('the rejection', async () => {
      const list = await c.must('sync.pending', {});
      const row = list.changes.find((p) => p.id === created.id);
      return row?.error ? row : undefined;
    });
    expect(pending).toMatchObject({ collection: 'accounts', title: 'not mine to give', error: { code: 'rejected' } });
    expect(pending.error?.message).toContain('forbidden');
    expect((await c.must('sync.status', {})).rejectedChanges).toBeGreaterThanOrEqual(1);
    expect((await c.docs('accounts')).some((d) => d.id === created.id)).toBe(true);
  }, 60_000);
});
