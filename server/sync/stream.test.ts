import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server';
import { signAccessToken } from '../auth/tokens';
import { account, api, pushRows, seedOrg, startTestServer, testEnv, type Api, type Org, type TestEnv } from '../testing/harness';
import { openSse, streamedDocs } from '../testing/sse';
import { backends } from '../testing/test-db';

describe.each(backends())('live stream on %s', (backend) => {
  let env: TestEnv;
  let server: RunningServer;
  let client: Api;
  let org: Org;
  const streamUrl = () => `${server.url}/sync/accounts/1/stream`;

  beforeAll(async () => {
    env = await testEnv(backend);
    server = await startTestServer(env.config);
    client = api(server);
    org = await seedOrg(server);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  it('says RESYNC on connect, then streams change batches the user may see', async () => {
    const older = account(org.repA);
    await pushRows(client, org.repA.token, [{ newDocumentState: older }]);
    const repA = await openSse(streamUrl(), org.repA.token);
    const repB = await openSse(streamUrl(), org.repB.token);
    try {
      expect(repA.status).toBe(200);
      await repA.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      expect(repA.events[0]).toEqual({ event: 'message', data: 'RESYNC' });
      const mine = account(org.repA);
      const theirs = account(org.repB);
      await pushRows(client, org.repA.token, [{ newDocumentState: mine }]);
      await pushRows(client, org.repB.token, [{ newDocumentState: theirs }]);
      await repA.waitFor((e) => streamedDocs(e).some((d) => d.id === mine.id));
      await repB.waitFor((e) => streamedDocs(e).some((d) => d.id === theirs.id));
      const batch = repA.events.find((e) => streamedDocs([e]).length > 0)?.data as { checkpoint: unknown };
      expect(batch.checkpoint).toMatchObject({ txid: expect.any(String), id: expect.any(String) });
      // Changes from before the connection come from the RESYNC pull, not the stream; other teams' never.
      expect(streamedDocs(repA.events).map((d) => d.id)).toEqual([mine.id]);
      expect(streamedDocs(repB.events).map((d) => d.id)).toEqual([theirs.id]);
    } finally {
      repA.close();
      repB.close();
    }
  });

  it('refuses a stream without a valid token and ends one whose token expires', async () => {
    const none = await openSse(streamUrl());
    expect(none.status).toBe(401);
    expect(await none.response.json()).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    // Long enough to be valid when the stream opens on a busy machine; the stream must end when it lapses.
    const shortLived = await signAccessToken(server.ctx.jwtKey, org.repA.id, 5);
    const s = await openSse(streamUrl(), shortLived);
    expect(s.status).toBe(200);
    const events = await s.waitFor((e) => e.some((x) => x.event === 'error'), 20_000);
    expect(events.find((x) => x.event === 'error')?.data).toMatchObject({ code: 'token_expired' });
    await s.waitFor(() => s.isEnded());
  });
});
