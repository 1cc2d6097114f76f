import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { account, api, pullAll, pushRows, seedOrg, startTestServer, testEnv, type Org, type TestEnv } from '../../server/testing/harness';
import { openSse, streamedDocs } from '../../server/testing/sse';

// Several processes share one PostgreSQL; PGlite is one process by design, so this is pg-only.
describe.skipIf(!process.env.DATABASE_URL)('two server instances on one PostgreSQL', () => {
  let env: TestEnv;
  let a: RunningServer;
  let b: RunningServer;
  let org: Org;

  beforeAll(async () => {
    env = await testEnv('pg');
    // Separate pools and LISTEN connections: to PostgreSQL these are two independent servers. The
    // periodic user re-read is far away, so only a notification can end a stream within seconds.
    const config = { ...env.config, userRecheckMs: 60_000 };
    [a, b] = await Promise.all([startTestServer(config), startTestServer(config)]);
    org = await seedOrg(a);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await env?.cleanup();
  });

  it('a change pushed to one instance reaches clients streaming from the other (LISTEN/NOTIFY)', async () => {
    const streamB = await openSse(`${b.url}/sync/accounts/3/stream`, org.repA.token);
    const streamA = await openSse(`${a.url}/sync/accounts/3/stream`, org.managerA.token);
    try {
      await streamB.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      await streamA.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      const doc = account(org.repA);
      expect((await pushRows(api(a), org.repA.token, [{ newDocumentState: doc }])).body).toMatchObject({ conflicts: [], errors: [] });
      await streamB.waitFor((e) => streamedDocs(e).some((d) => d.id === doc.id));
      await streamA.waitFor((e) => streamedDocs(e).some((d) => d.id === doc.id));
      const other = account(org.repA);
      await pushRows(api(b), org.repA.token, [{ newDocumentState: other }]);
      await streamA.waitFor((e) => streamedDocs(e).some((d) => d.id === other.id));
      // Tokens from one instance work on the other (shared secret), and both see the same feed.
      const viaB = await pullAll(api(b), org.repA.token);
      expect(viaB.docs.map((d) => d.id)).toEqual(expect.arrayContaining([doc.id, other.id]));
    } finally {
      streamA.close();
      streamB.close();
    }
  });

  it('a user disabled through one instance loses their stream on the other within seconds', async () => {
    const s = await openSse(`${b.url}/sync/accounts/3/stream`, org.repA2.token);
    try {
      await s.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      const started = Date.now();
      const r = await api(a).request('PATCH', `/admin/users/${org.repA2.id}`, { token: org.admin.token, body: { disabled: true } });
      expect(r.status).toBe(200);
      await s.waitFor(() => s.isEnded(), 3000);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(s.events.find((e) => e.event === 'error')?.data).toMatchObject({ code: 'unauthorized' });
    } finally {
      s.close();
    }
  });

  it('streams tell clients to RESYNC when the LISTEN connection was lost and is back', async () => {
    const s = await openSse(`${b.url}/sync/accounts/3/stream`, org.repA.token);
    try {
      await s.waitFor((e) => e.filter((x) => x.data === 'RESYNC').length === 1);
      // Kill b's LISTEN backend from outside, as a PostgreSQL restart or network blip would.
      await a.ctx.db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
      );
      await s.waitFor((e) => e.filter((x) => x.data === 'RESYNC').length >= 2, 8000);
      const doc = account(org.repA);
      await pushRows(api(a), org.repA.token, [{ newDocumentState: doc }]);
      await s.waitFor((e) => streamedDocs(e).some((d) => d.id === doc.id), 8000);
    } finally {
      s.close();
    }
  });
});
