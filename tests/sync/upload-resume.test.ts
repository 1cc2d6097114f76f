import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, signIn } from './sync-fixtures';
import { startHttpRelay, type HttpRelay } from './http-relay';
import { waitFor } from './wait-for';

const TOTAL = 20_000;
/** A push answered this long before the cut surely reached the client whole. */
const SURELY_DELIVERED_MS = 100;

type Push = { readonly ids: readonly string[]; readonly at: number; answeredAt?: number };

// A rep signs in for the first time on a laptop holding an import of 20,000 accounts; the Wi-Fi
// drops half way through the upload and comes back.
describe('an upload cut half way', () => {
  let server: RunningServer;
  let org: Org;
  let relay: HttpRelay;
  let client: ClientProcess;
  const pushes: Push[] = [];

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    relay = await startHttpRelay(server.port, undefined, {
      onRequest(method, path, body, answered) {
        if (method !== 'POST' || !path.includes('/push')) return;
        const rows = JSON.parse(body.toString('utf8')) as Array<{ newDocumentState: { id: string } }>;
        const push: Push = { ids: rows.map((row) => row.newDocumentState.id), at: Date.now() };
        pushes.push(push);
        void answered.then((whole) => {
          if (whole) push.answeredAt = Date.now();
        });
      },
    });
    client = await startClient('upload-resume');
    await client.insertAccounts('import', TOTAL);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await relay?.close();
    await server?.close();
  });

  const onServer = async (): Promise<Array<{ id: string; revision: string }>> =>
    server.ctx.db.query<{ id: string; revision: string }>(
      `SELECT id, revision::text AS revision FROM sync_documents WHERE collection = 'accounts' AND owner_id = $1 AND NOT deleted`,
      [org.repB.id],
    );

  it('carries on where it stopped: no accepted row is sent again, each is written once, no conflict', async () => {
    await signIn(client, relay.url, await emailOf(server, org.repB));
    await waitFor('half the upload on the server', async () => ((await onServer()).length >= TOTAL / 2 ? true : undefined), 120_000, 20);
    const cutAt = Date.now();
    relay.setOnline(false);
    await waitFor('the laptop offline', async () => ((await client.must('sync.status', {})).state === 'offline' ? true : undefined));
    const atCut = (await onServer()).length;
    expect(atCut).toBeLessThan(TOTAL);
    const status = await client.must('sync.status', {});
    expect(status.upload).toMatchObject({ total: TOTAL });
    expect(status.upload?.sent).toBeGreaterThanOrEqual(TOTAL / 2 - 1500);

    relay.setOnline(true);
    await client.must('sync.now', {});
    await waitFor(
      'the rest of the upload',
      async () => {
        const s = await client.must('sync.status', {});
        return s.state === 'up_to_date' && s.pendingChanges === 0 && (await onServer()).length === TOTAL ? true : undefined;
      },
      120_000,
      50,
    );

    const rows = await onServer();
    expect(rows.every((row) => row.revision === '1')).toBe(true);
    // Rows the laptop knew were accepted before the cut are never sent again.
    const accepted = new Set(
      pushes.filter((p) => p.answeredAt !== undefined && p.answeredAt < cutAt - SURELY_DELIVERED_MS).flatMap((p) => p.ids),
    );
    expect(accepted.size).toBeGreaterThan(0);
    const sentAfter = pushes.filter((p) => p.at > cutAt).flatMap((p) => p.ids);
    expect(sentAfter.filter((id) => accepted.has(id))).toEqual([]);
    // What goes again is only what was in flight at the cut: sent before it, answered not surely.
    const inFlight = new Set(pushes.filter((p) => p.at < cutAt && !accepted.has(p.ids[0] ?? '')).flatMap((p) => p.ids));
    const sentBefore = new Set(pushes.filter((p) => p.at <= cutAt).flatMap((p) => p.ids));
    expect(sentAfter.filter((id) => sentBefore.has(id) && !inFlight.has(id))).toEqual([]);
    expect(new Set(sentAfter).size).toBe(sentAfter.length);
    expect((await client.must('conflicts.list', {})).total).toBe(0);
    expect((await client.must('sync.status', {})).upload).toBeUndefined();
    // The import went up as the rep's, and each local copy took the rep as owner on its way.
    const local = await client.docs('accounts');
    expect(local).toHaveLength(TOTAL);
    expect(local.filter((d) => d.ownerId !== org.repB.id)).toEqual([]);
  }, 240_000);
});
