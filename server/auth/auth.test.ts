import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { account, login, PASSWORD, pullAll, pushRows, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';
import { hashPassword, verifyPassword } from './passwords';
import { signAccessToken } from './tokens';

const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', '/auth/me'],
  ['POST', '/auth/logout', { refreshToken: 'x' }],
  ['GET', '/admin/users'],
  ['POST', '/admin/users', { email: 'n@x.test', password: PASSWORD, role: 'rep', teamId: null }],
  ['GET', '/admin/teams'],
  ['POST', '/admin/teams', { name: 'sneaky' }],
  ['POST', '/admin/users/whoever/revoke-sessions', {}],
  ['PATCH', '/admin/users/whoever', { disabled: true }],
  ['GET', '/sync/collections'],
  ['GET', '/sync/accounts/3/pull'],
  ['POST', '/sync/accounts/3/push', []],
  ['GET', '/sync/accounts/3/stream'],
];

describe('passwords', () => {
  it('hashes with a per-user salt and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('same password', 1024), hashPassword('same password', 1024)]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same passwort', a)).toBe(false);
    expect(await verifyPassword('same password', 'garbage')).toBe(false);
  });
});

describe.each(backends())('auth on %s', (backend) => {
  const seeded = useSeededServer(backend);

  const call = (method: string, path: string, body: unknown, token?: string) =>
    seeded.client.request(method, path, { token, body: method === 'GET' ? undefined : body });

  it('every endpoint refuses a missing, forged, wrong-secret or expired token with 401', async () => {
    const forged = `${seeded.org.repA.token.slice(0, -4)}AAAA`;
    const otherKey = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(seeded.org.admin.id)
      .setIssuer('fieldcrm-sync')
      .setAudience('fieldcrm-app')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('another-secret-another-secret-another'));
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: seeded.org.admin.id, typ: 'access' })).toString('base64url')}.`;
    const expired = await signAccessToken(seeded.server.ctx.jwtKey, seeded.org.admin.id, -10);
    for (const [method, path, body] of ENDPOINTS) {
      for (const token of [undefined, forged, otherKey, unsigned, 'not-a-jwt', seeded.org.admin.refreshToken]) {
        const r = await call(method, path, body, token);
        expect([r.status, r.body.code], `${method} ${path} with ${token?.slice(0, 12)}`).toEqual([401, 'unauthorized']);
      }
      const r = await call(method, path, body, expired);
      expect([r.status, r.body.code], `${method} ${path} expired`).toEqual([401, 'token_expired']);
    }
  });

  it('admin endpoints refuse reps and managers with 403', async () => {
    for (const [method, path, body] of ENDPOINTS.filter(([, p]) => p.startsWith('/admin'))) {
      for (const who of [seeded.org.repA, seeded.org.managerA]) {
        const r = await call(method, path, body, who.token);
        expect([r.status, r.body.code], `${method} ${path}`).toEqual([403, 'forbidden']);
      }
    }
  });

  it("another team's token neither reads nor changes a team's records", async () => {
    const doc = account(seeded.org.repA);
    await pushRows(seeded.client, seeded.org.repA.token, [{ newDocumentState: doc }]);
    expect((await pullAll(seeded.client, seeded.org.repB.token)).docs.map((d) => d.id)).not.toContain(doc.id);
    const hijack = await pushRows(seeded.client, seeded.org.repB.token, [
      { assumedMasterState: { ...doc, serverRevision: 1 }, newDocumentState: { ...doc, name: 'mine now' } },
    ]);
    expect(hijack.body.errors).toEqual([expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
    // No leak: the other team does not get the current document back.
    expect((hijack.body.errors as Json[])[0]).not.toHaveProperty('current');
    expect((await pullAll(seeded.client, seeded.org.repA.token)).docs.find((d) => d.id === doc.id)?.name).toBe('Acme');
  });

  it('signs in, refreshes with rotation, detects reuse, and signs out', async () => {
    const wrong = await seeded.client.post('/auth/login', { email: 'nobody@x.test', password: 'whatever-else' });
    expect(wrong).toMatchObject({ status: 401, body: { code: 'invalid_credentials' } });
    const email = String((await seeded.client.get('/auth/me', seeded.org.repA.token)).body.email);
    const me = await login(seeded.client, email);
    const r1 = await seeded.client.post('/auth/refresh', { refreshToken: me.refreshToken });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect((await seeded.client.get('/auth/me', String(r1.body.accessToken))).body.userId).toBe(me.id);
    // The old refresh token was rotated away; using it again revokes the whole family.
    expect((await seeded.client.post('/auth/refresh', { refreshToken: me.refreshToken })).body.code).toBe('refresh_token_reused');
    expect((await seeded.client.post('/auth/refresh', { refreshToken: r1.body.refreshToken })).body.code).toBe('refresh_token_reused');
    // A fresh session signs out: its refresh token stops working, other sessions keep theirs.
    const s = await login(seeded.client, email);
    const other = await login(seeded.client, email);
    expect((await seeded.client.post('/auth/logout', { refreshToken: s.refreshToken }, s.token)).status).toBe(204);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: 'made-up' })).body.code).toBe('refresh_token_invalid');
  });

  it("sign-out ends only the caller's own session", async () => {
    const emailOf = async (p: { token: string }) => String((await seeded.client.get('/auth/me', p.token)).body.email);
    const victim = await login(seeded.client, await emailOf(seeded.org.repB));
    const attacker = await login(seeded.client, await emailOf(seeded.org.repA));
    const attackersOther = await login(seeded.client, await emailOf(seeded.org.repA));
    // Someone else's refresh token (another user, or another session of one's own) is refused; nothing ends.
    for (const stolen of [victim.refreshToken, attackersOther.refreshToken]) {
      const r = await seeded.client.post('/auth/logout', { refreshToken: stolen }, attacker.token);
      expect([r.status, r.body.code]).toEqual([403, 'forbidden']);
    }
    const victimNext = await seeded.client.post('/auth/refresh', { refreshToken: victim.refreshToken });
    expect(victimNext.status).toBe(200);
    const otherNext = await seeded.client.post('/auth/refresh', { refreshToken: attackersOther.refreshToken });
    expect(otherNext.status).toBe(200);
    // The caller's own session ends, named by the access token alone or with its refresh token.
    expect((await seeded.client.request('POST', '/auth/logout', { token: attacker.token })).status).toBe(204);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: attacker.refreshToken })).status).toBe(401);
    const next = await seeded.client.post(
      '/auth/logout',
      { refreshToken: otherNext.body.refreshToken },
      String(otherNext.body.accessToken),
    );
    expect(next.status).toBe(204);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: otherNext.body.refreshToken })).status).toBe(401);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: victimNext.body.refreshToken })).status).toBe(200);
  });

  it('an admin creates teams and users; bad input gets 400/409', async () => {
    const t = seeded.org.admin.token;
    expect(
      (await seeded.client.post('/admin/users', { email: 'short@x.test', password: 'short', role: 'rep', teamId: seeded.org.teamA }, t))
        .status,
    ).toBe(400);
    expect((await seeded.client.post('/admin/users', { email: 'noteam@x.test', password: PASSWORD, role: 'rep' }, t)).status).toBe(400);
    expect(
      (await seeded.client.post('/admin/users', { email: 'x@x.test', password: PASSWORD, role: 'king', teamId: seeded.org.teamA }, t))
        .status,
    ).toBe(400);
    expect(
      (await seeded.client.post('/admin/users', { email: 'ghost@x.test', password: PASSWORD, role: 'rep', teamId: 'nope' }, t)).status,
    ).toBe(400);
    const ok = await seeded.client.post(
      '/admin/users',
      { email: 'New.Rep@X.test', password: PASSWORD, role: 'rep', teamId: seeded.org.teamA },
      t,
    );
    expect(ok).toMatchObject({ status: 201, body: { email: 'new.rep@x.test', role: 'rep', teamId: seeded.org.teamA } });
    expect(ok.body).not.toHaveProperty('passwordHash');
    expect(
      (await seeded.client.post('/admin/users', { email: 'new.rep@x.test', password: PASSWORD, role: 'rep', teamId: seeded.org.teamA }, t))
        .status,
    ).toBe(409);
    const fresh = await login(seeded.client, 'NEW.rep@x.test');
    expect((await seeded.client.post(`/admin/users/${fresh.id}/revoke-sessions`, {}, t)).status).toBe(204);
    expect((await seeded.client.post('/auth/refresh', { refreshToken: fresh.refreshToken })).status).toBe(401);
    const users = await seeded.client.get('/admin/users', t);
    expect(JSON.stringify(users.body)).not.toContain('scrypt$');

    const patch = (id: string, body: unknown) => seeded.client.request('PATCH', `/admin/users/${id}`, { token: t, body });
    expect((await patch(fresh.id, {})).status).toBe(400);
    expect((await patch(fresh.id, { teamId: null })).status).toBe(400);
    expect((await patch(fresh.id, { teamId: 'nope' })).status).toBe(400);
    expect((await patch(fresh.id, { role: 'king' })).status).toBe(400);
    expect((await patch('nobody', { disabled: true })).status).toBe(404);
    expect((await patch(seeded.org.admin.id, { disabled: true })).status).toBe(400);
    expect((await patch(fresh.id, { role: 'manager', teamId: seeded.org.teamB })).body).toMatchObject({
      role: 'manager',
      teamId: seeded.org.teamB,
    });
    expect((await patch(fresh.id, { disabled: true })).body).toMatchObject({ disabled: true });
    expect((await seeded.client.post('/auth/login', { email: 'new.rep@x.test', password: PASSWORD })).status).toBe(401);
  });
});
