import { describe, expect, it } from 'vitest';
import { createUser } from '../auth/users';
import { account, api, login, PASSWORD, pushRows, startTestServer, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { openSse, streamedDocs, type SseEvent } from '../testing/sse';
import { backends } from '../testing/test-db';

const errorOf = (events: SseEvent[]): unknown => events.find((e) => e.event === 'error')?.data;

describe.each(backends())('streams follow their user on %s', (backend) => {
  // The periodic re-read is a minute away: whatever ends a stream within seconds here is the notification.
  const seeded = useSeededServer(backend, { userRecheckMs: 60_000 });
  const streamUrl = () => `${seeded.server.url}/sync/accounts/3/stream`;

  /** A fresh user of team A, so each test changes only its own. */
  const person = async (role: 'rep' | 'manager') => {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@x.test`;
    await seeded.client.post('/admin/users', { email, password: PASSWORD, role, teamId: seeded.org.teamA }, seeded.org.admin.token);
    const r = await seeded.client.post('/auth/login', { email, password: PASSWORD });
    return { id: String((r.body.user as Json).userId), token: String(r.body.accessToken), teamId: seeded.org.teamA };
  };
  const patch = (id: string, body: Json) => seeded.client.request('PATCH', `/admin/users/${id}`, { token: seeded.org.admin.token, body });
  const opened = async (token: string) => {
    const s = await openSse(streamUrl(), token);
    expect(s.status).toBe(200);
    await s.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
    return s;
  };

  it('ends within seconds when the user is disabled, and the token stops working', async () => {
    const rep = await person('rep');
    const s = await opened(rep.token);
    try {
      const started = Date.now();
      expect((await patch(rep.id, { disabled: true })).body).toMatchObject({ userId: rep.id, disabled: true });
      await s.waitFor(() => s.isEnded(), 3000);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(errorOf(s.events)).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
      expect((await openSse(streamUrl(), rep.token)).status).toBe(401);
    } finally {
      s.close();
    }
  });

  it('ends on a role or team change with an error the client reconnects on, and the new stream has the new scope', async () => {
    const manager = await person('manager');
    const mover = await person('rep');
    const [m, r] = await Promise.all([opened(manager.token), opened(mover.token)]);
    try {
      await patch(manager.id, { role: 'rep' });
      await patch(mover.id, { teamId: seeded.org.teamB });
      await Promise.all([m.waitFor(() => m.isEnded(), 3000), r.waitFor(() => r.isEnded(), 3000)]);
      expect(errorOf(m.events)).toMatchObject({ code: 'scope_changed' });
      expect(errorOf(r.events)).toMatchObject({ code: 'scope_changed' });
      // Reconnected, the former manager no longer hears about a teammate's records.
      const again = await opened(manager.token);
      try {
        const teammates = account(seeded.org.repA);
        const own = account(seeded.org.repA, { ownerId: manager.id });
        await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: teammates }]);
        await pushRows(seeded.client, manager.token, [{ newDocumentState: own }]);
        await again.waitFor((e) => streamedDocs(e).some((d) => d.id === own.id));
        expect(streamedDocs(again.events).map((d) => d.id)).toEqual([own.id]);
      } finally {
        again.close();
      }
    } finally {
      m.close();
      r.close();
    }
  });

  it('keeps streaming through changes that leave the scope alone', async () => {
    const rep = await person('rep');
    const s = await opened(rep.token);
    try {
      await patch(rep.id, { teamId: seeded.org.teamA, disabled: false });
      await seeded.server.ctx.users.recheckAll();
      const doc = account({ id: rep.id, token: rep.token, refreshToken: '', teamId: seeded.org.teamA });
      await pushRows(seeded.client, rep.token, [{ newDocumentState: doc }]);
      await s.waitFor((e) => streamedDocs(e).some((d) => d.id === doc.id));
      expect(s.isEnded()).toBe(false);
    } finally {
      s.close();
    }
  });

  it('a periodic re-read catches a change made without a notification', async () => {
    const quick = await startTestServer({ ...seeded.env.config, userRecheckMs: 200 });
    try {
      // Its own user: on PGlite the second server has a database of its own.
      const email = `quiet-${Math.random().toString(36).slice(2, 8)}@x.test`;
      await createUser(quick.ctx.db, { email, password: PASSWORD, role: 'admin', teamId: null }, 1024);
      const rep = await login(api(quick), email);
      const s = await openSse(`${quick.url}/sync/accounts/3/stream`, rep.token);
      await s.waitFor((e) => e.some((x) => x.data === 'RESYNC'));
      await quick.ctx.db.query('UPDATE users SET disabled = true WHERE id = $1', [rep.id]);
      await s.waitFor(() => s.isEnded(), 3000);
      expect(errorOf(s.events)).toMatchObject({ code: 'unauthorized' });
    } finally {
      await quick.close();
    }
  });
});
