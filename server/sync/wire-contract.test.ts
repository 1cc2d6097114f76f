import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { authUserSchema, healthResponseSchema, tokenResponseSchema } from '../../shared/contract/sync/wire/auth';
import { errorBodySchema } from '../../shared/contract/sync/wire/errors';
import { collectionsResponseSchema, pullResponseSchema } from '../../shared/contract/sync/wire/pull';
import { pushResponseSchema } from '../../shared/contract/sync/wire/push';
import { RESYNC, streamBatchSchema, streamErrorSchema } from '../../shared/contract/sync/wire/stream';
import { account, pushRows, type ApiResponse } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { openSse } from '../testing/sse';
import { backends } from '../testing/test-db';

/** The body, parsed with the shared wire schema the client uses: a mismatch fails with zod's words. */
const answer = <S extends z.ZodType>(r: ApiResponse, status: number, schema: S): z.infer<S> => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return schema.parse(r.body);
};

describe.each(backends())('the server answers in the shared wire schemas on %s', (backend) => {
  const seeded = useSeededServer(backend);

  it('auth: login, refresh, session and health', async () => {
    const { client, org } = seeded;
    const email = (await client.get('/auth/me', org.repA.token)).body.email;
    const login = answer(await client.post('/auth/login', { email, password: 'correct horse battery' }), 200, tokenResponseSchema);
    expect(login.user.userId).toBe(org.repA.id);
    answer(await client.post('/auth/refresh', { refreshToken: login.refreshToken }), 200, tokenResponseSchema);
    answer(await client.get('/auth/me', login.accessToken), 200, authUserSchema);
    answer(await client.get('/health'), 200, healthResponseSchema);
    answer(await client.get('/sync/collections', org.repA.token), 200, collectionsResponseSchema);
  });

  it('pull from the start and from a checkpoint, push with a conflict and a refusal', async () => {
    const { client, org } = seeded;
    const doc = account(org.repA);
    answer(await pushRows(client, org.repA.token, [{ newDocumentState: doc }]), 200, pushResponseSchema);
    const first = answer(await client.get('/sync/accounts/3/pull?limit=1000', org.repA.token), 200, pullResponseSchema);
    expect(first.total).toBeGreaterThan(0);
    const stored = first.documents.find((d) => d.id === doc.id);
    expect(stored).toMatchObject({ serverRevision: 1, _deleted: false });
    const cp = encodeURIComponent(JSON.stringify(first.checkpoint));
    answer(await client.get(`/sync/accounts/3/pull?checkpoint=${cp}`, org.repA.token), 200, pullResponseSchema);

    const stale = { ...doc, serverRevision: 0 };
    const pushed = answer(
      await pushRows(client, org.repA.token, [
        { assumedMasterState: stale, newDocumentState: { ...doc, name: 'changed' } },
        { newDocumentState: account(org.repB) },
      ]),
      200,
      pushResponseSchema,
    );
    expect(pushed.conflicts.map((d) => d.id)).toEqual([doc.id]);
    expect(pushed.errors.map((e) => e.code)).toEqual(['forbidden']);
  });

  it('stream: RESYNC, then batches of documents with a checkpoint', async () => {
    const { client, org, server } = seeded;
    const stream = await openSse(`${server.url}/sync/accounts/3/stream`, org.repA.token);
    try {
      await stream.waitFor((events) => events.some((e) => e.data === RESYNC));
      const doc = account(org.repA);
      await pushRows(client, org.repA.token, [{ newDocumentState: doc }]);
      const events = await stream.waitFor((all) => all.some((e) => JSON.stringify(e.data).includes(String(doc.id))));
      for (const e of events.filter((x) => x.data !== RESYNC)) streamBatchSchema.parse(e.data);
    } finally {
      stream.close();
    }
  });

  it('refuses malformed requests with 400 and a message that says what is wrong', async () => {
    const { client, org } = seeded;
    const bad = async (r: Promise<ApiResponse>, words: RegExp) => {
      const body = answer(await r, 400, errorBodySchema);
      expect(body.message).toMatch(words);
    };
    await bad(client.post('/auth/login', { email: 'x@y.test' }), /password/);
    await bad(client.post('/auth/refresh', { refreshToken: 7 }), /refreshToken/);
    await bad(client.post('/sync/accounts/3/push', { rows: [] }, org.repA.token), /JSON array/);
    await bad(
      client.post('/sync/accounts/3/push', [{ newDocumentState: { name: 'no id' } }], org.repA.token),
      /row 0: newDocumentState\.id/,
    );
    await bad(client.post('/sync/accounts/3/push', [{ assumedMasterState: null }], org.repA.token), /row 0: newDocumentState/);
    await bad(client.get('/sync/accounts/3/pull?checkpoint=%7B%22txid%22%3A%22x%22%7D', org.repA.token), /checkpoint is malformed/);
    await bad(client.get('/sync/accounts/3/pull?limit=0', org.repA.token), /limit must be/);
    // The stream's refusals use the same error body as every other answer.
    streamErrorSchema.parse((await client.get('/sync/accounts/3/stream')).body);
  });
});
