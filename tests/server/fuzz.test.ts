import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { signAccessToken } from '../../server/auth/tokens';
import type { RunningServer } from '../../server/server';
import {
  account,
  api,
  login,
  pushRows,
  seedOrg,
  startTestServer,
  testEnv,
  type Json,
  type Org,
  type TestEnv,
} from '../../server/testing/harness';
import { backends } from '../../server/testing/test-db';
import { requestsFor, targets, type FuzzContext, type FuzzRequest } from './fuzz-requests';
import {
  headerBytes,
  MAX_HEADER_BYTES,
  openAndDropStream,
  pool,
  rawGarbage,
  snapshot,
  viaHttp,
  viaInject,
  type Answer,
} from './fuzz-transport';

const PER_ENDPOINT = Number(process.env.FUZZ_PER_ENDPOINT ?? 2_000);
const HTTP_PER_ENDPOINT = 30;
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const CONCURRENCY = 8;
const ERROR_BODY = /^\{"code":"[a-z_]+","message":"/;

/** Counts what came back, keeping only the first few bad answers (the bulk is never held in memory). */
const tally = () => {
  const byStatus: Record<string, number> = {};
  const perEndpoint: Record<string, number> = {};
  const failures: Array<{ request: FuzzRequest; answer: Answer }> = [];
  const shapeless: Array<{ request: FuzzRequest; answer: Answer }> = [];
  const keep = (list: typeof failures, request: FuzzRequest, answer: Answer): void => {
    if (list.length < 10) list.push({ request: { ...request, payload: request.payload?.slice(0, 300) }, answer });
  };
  return {
    byStatus,
    perEndpoint,
    failures,
    shapeless,
    add(request: FuzzRequest, answer: Answer): void {
      const key = 'error' in answer ? 'no answer' : String(answer.status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      perEndpoint[request.endpoint] = (perEndpoint[request.endpoint] ?? 0) + 1;
      if ('error' in answer || answer.status >= 500) keep(failures, request, answer);
      // Every error is `{ code, message }` (HEAD answers have no body).
      else if (answer.status >= 400 && answer.body && !ERROR_BODY.test(answer.body))
        keep(shapeless, request, { ...answer, body: answer.body.slice(0, 200) });
    },
  };
};

describe.each(backends())('fuzzing every endpoint on %s', (backend) => {
  let env: TestEnv;
  let server: RunningServer;
  let app: FastifyInstance;
  let org: Org;
  let ctx: FuzzContext;

  beforeAll(async () => {
    env = await testEnv(backend, { rateLimitPerMinute: 10_000_000, loginRateLimitPerMinute: 10_000_000 });
    server = await startTestServer(env.config);
    // A second Fastify instance on the same context takes the in-process bulk; the listening one the HTTP share.
    app = await buildApp(server.ctx);
    org = await seedOrg(server);
    const client = api(server);
    const owners = [org.repA, org.repA2, org.repB];
    const docs = owners.map((o) => account(o));
    for (const [i, d] of docs.entries()) await pushRows(client, owners[i]?.token ?? '', [{ newDocumentState: d }]);
    const users = (await client.get('/admin/users', org.admin.token)).body.users as Json[];
    const disabled = await login(client, String(users.find((u) => u.userId === org.repA2.id)?.email));
    await server.ctx.db.query('UPDATE users SET disabled = true WHERE id = $1', [org.repA2.id]);
    const key = server.ctx.jwtKey;
    const otherKey = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(org.admin.id)
      .setIssuer('fieldcrm-sync')
      .setAudience('fieldcrm-app')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    ctx = {
      auth: {
        valid: { admin: org.admin.token, manager: org.managerA.token, rep: org.repA.token },
        invalid: {
          disabled: `Bearer ${disabled.token}`,
          expired: `Bearer ${await signAccessToken(key, org.admin.id, -10)}`,
          forged: `Bearer ${org.admin.token.slice(0, -6)}AAAAAA`,
          otherKey: `Bearer ${otherKey}`,
          algNone: `Bearer ${b64({ alg: 'none' })}.${b64({ sub: org.admin.id, typ: 'access' })}.`,
          unknownUser: `Bearer ${await signAccessToken(key, 'no-such-user', 600)}`,
          refreshAsBearer: `Bearer ${org.admin.refreshToken}`,
          basic: 'Basic YWRtaW46YWRtaW4=',
          empty: 'Bearer ',
          garbage: 'Bearer not.a.jwt',
          huge: `Bearer ${'A'.repeat(16_000)}`,
          lowercase: `bearer ${org.admin.token}`,
        },
      },
      userIds: users.map((u) => String(u.userId)),
      teamIds: [org.teamA, org.teamB],
      docIds: docs.map((d) => String(d.id)),
      collections: [...server.ctx.collections.values()]
        .filter((c) => c.name !== 'notes')
        .map((c) => ({ name: c.name, schemaVersion: c.schemaVersion })),
    };
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
    await env?.cleanup();
  });

  it(`answers ${PER_ENDPOINT} generated requests per endpoint (and a real-HTTP share) with no 5xx, writes nothing, and stays up`, async () => {
    const started = Date.now();
    const before = await snapshot(server.ctx.db);
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const all = targets(ctx);
    const seedOf = (endpoint: string): number => SEED + [...endpoint].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0);
    const bulk = tally();
    const overHttp = tally();

    // In process, one endpoint at a time: generated, sent and counted, then dropped.
    let generatedMs = 0;
    for (const t of all) {
      const generating = Date.now();
      const requests = fc.sample(requestsFor(ctx, t), { numRuns: PER_ENDPOINT, seed: seedOf(t.endpoint) });
      generatedMs += Date.now() - generating;
      const send = viaInject(app);
      await pool(requests, CONCURRENCY, async (r) => bulk.add(r, await send(r)));
    }
    const injectedMs = Date.now() - started;

    // Over 127.0.0.1. Past the parser's header limit the server answers 431 and drops the
    // connection, often before the client has finished sending: those are checked on their own.
    const viaNet = all.flatMap((t) => fc.sample(requestsFor(ctx, t), { numRuns: HTTP_PER_ENDPOINT, seed: seedOf(t.endpoint) + 1 }));
    const send = viaHttp(server.port);
    await pool(
      viaNet.filter((r) => headerBytes(r) <= MAX_HEADER_BYTES),
      CONCURRENCY,
      async (r) => overHttp.add(r, await send(r)),
    );
    const refused: Answer[] = [];
    await pool(
      viaNet.filter((r) => headerBytes(r) > MAX_HEADER_BYTES),
      CONCURRENCY,
      async (r) => void refused.push(await send(r)),
    );
    const streams: Array<{ status: number; first: string }> = [];
    await pool(
      ctx.collections.flatMap((c) => Object.values(ctx.auth.valid).map((token) => ({ c, token }))),
      CONCURRENCY,
      async ({ c, token }) => void streams.push(await openAndDropStream(`${server.url}/sync/${c.name}/${c.schemaVersion}/stream`, token)),
    );
    const garbage = await Promise.all(
      [
        'GARBAGE\r\n\r\n',
        'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
        `GET /${'a'.repeat(70_000)} HTTP/1.1\r\n\r\n`,
        'POST /auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n',
      ].map((t) => rawGarbage(server.port, t)),
    );

    const count = (byStatus: Record<string, number>): number => Object.values(byStatus).reduce((a, b) => a + b, 0);
    console.log(
      JSON.stringify({
        backend,
        seed: SEED,
        endpoints: all.length,
        perEndpoint: PER_ENDPOINT,
        injected: count(bulk.byStatus),
        http: count(overHttp.byStatus),
        httpOverHeaderLimit: refused.length,
        streams: streams.length,
        byStatus: bulk.byStatus,
        httpByStatus: overHttp.byStatus,
        generatedMs,
        injectedMs,
        elapsedMs: Date.now() - started,
      }),
    );

    expect([...bulk.failures, ...overHttp.failures]).toEqual([]);
    expect(all.every((t) => (bulk.perEndpoint[t.endpoint] ?? 0) >= PER_ENDPOINT)).toBe(true);
    expect([...bulk.shapeless, ...overHttp.shapeless]).toEqual([]);
    expect(refused.filter((a) => 'status' in a && a.status !== 431)).toEqual([]);
    expect(streams.every((s) => s.status === 200 && s.first.includes('RESYNC'))).toBe(true);
    expect(garbage.every((g) => g === '' || /^HTTP\/1\.1 4\d\d/.test(g))).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot(server.ctx.db)).toEqual(before);
    expect((await api(server).get('/health')).body).toEqual({ ok: true });
  }, 600_000);
});
