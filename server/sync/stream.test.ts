import { describe, expect, it } from 'vitest';
import { signAccessToken } from '../auth/tokens';
import { account, pushRows } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { openSse, streamedDocs } from '../testing/sse';
import { backends } from '../testing/test-db';

describe.each(backends())('live stream on %s', (backend) => {
  const seeded = useSeededServer(backend);
  const streamUrl = () => `${seeded.server.url}/sync/accounts/3/stream`;

  it('says RESYNC on connect, then streams change batches the user may see', async () => {
    const older = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: older }]);
    const repA = await openSse(streamUrl(), seeded.org.repA.token);
    const repB = await openSse(streamUrl(), seeded.org.repB.token);
    try {
      expect(repA.status).toBe(200);
      await repA.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      expect(repA.events[0]).toEqual({ event: 'message', data: 'RESYNC' });
      const mine = account(seeded.org.repA);
      const theirs = account(seeded.org.repB);
      await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: mine }]);
      await pushRows(seeded.client, seeded.org.repB.token, [{ newDocumentState: theirs }]);
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
    const shortLived = await signAccessToken(seeded.server.ctx.jwtKey, seeded.org.repA.id, 5);
    const s = await openSse(streamUrl(), shortLived);
    expect(s.status).toBe(200);
    const events = await s.waitFor((e) => e.some((x) => x.event === 'error'), 20_000);
    expect(events.find((x) => x.event === 'error')?.data).toMatchObject({ code: 'token_expired' });
    await s.waitFor(() => s.isEnded());
  });
});
