import { describe, expect, it } from 'vitest';
import { account, api, pullAll, startTestServer, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';

describe.each(backends())('hostile input on %s', (backend) => {
  const seeded = useSeededServer(backend, { bodyLimitBytes: 64 * 1024, maxPushRows: 50 });
  const count = async (): Promise<number> =>
    Number((await seeded.server.ctx.db.query<{ n: string }>('SELECT count(*)::text AS n FROM sync_documents'))[0]?.n);

  const expectError = (r: { status: number; body: Json }, status: number, code: string): void => {
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code, message: expect.any(String) });
    expect(String(r.body.message).length).toBeGreaterThan(5);
  };

  it('rejects malformed pushes with a clear 4xx and changes nothing', async () => {
    const before = await count();
    const t = seeded.org.repA.token;
    const push = (raw: string) => seeded.client.request('POST', '/sync/accounts/3/push', { token: t, raw });
    expectError(await push('{"not json'), 400, 'invalid_json');
    expectError(await push('{"rows": []}'), 400, 'bad_request');
    expectError(await push(JSON.stringify([{ newDocumentState: { ...account(seeded.org.repA), name: 42 } }])), 400, 'invalid_document');
    expectError(
      await push(JSON.stringify([{ newDocumentState: { ...account(seeded.org.repA), status: 'bogus' } }])),
      400,
      'invalid_document',
    );
    expectError(await push(JSON.stringify([{ newDocumentState: { name: 'no id' } }])), 400, 'bad_request');
    expectError(await push(JSON.stringify([{ newDocumentState: account(seeded.org.repA), extra: 1 }])), 400, 'bad_request');
    expectError(await push(JSON.stringify([{ newDocumentState: { ...account(seeded.org.repA), _deleted: 'yes' } }])), 400, 'bad_request');
    const dup = account(seeded.org.repA);
    expectError(await push(JSON.stringify([{ newDocumentState: dup }, { newDocumentState: dup }])), 400, 'bad_request');
    const mismatch = account(seeded.org.repA);
    expectError(
      await push(JSON.stringify([{ assumedMasterState: { ...mismatch, id: 'other' }, newDocumentState: mismatch }])),
      400,
      'bad_request',
    );
    // One bad row among good ones rejects the whole batch: nothing of it lands.
    const good = account(seeded.org.repA);
    expectError(
      await push(JSON.stringify([{ newDocumentState: good }, { newDocumentState: { ...account(seeded.org.repA), currency: 'euro' } }])),
      400,
      'invalid_document',
    );
    expectError(
      await push(JSON.stringify(Array.from({ length: 51 }, () => ({ newDocumentState: account(seeded.org.repA) })))),
      400,
      'bad_request',
    );
    expectError(
      await push(JSON.stringify([{ newDocumentState: { ...account(seeded.org.repA), notes: 'x'.repeat(70_000) } }])),
      413,
      'payload_too_large',
    );
    const text = await seeded.client.request('POST', '/sync/accounts/3/push', { token: t, raw: undefined, body: undefined });
    expect(text.status).toBeGreaterThanOrEqual(400);
    expect(await count()).toBe(before);
    expect((await pullAll(seeded.client, seeded.org.admin.token)).docs.map((d) => d.id)).not.toContain(good.id);
  });

  it('rejects bogus checkpoints, limits and paths with 4xx', async () => {
    const t = seeded.org.repA.token;
    const pull = (q: string) => seeded.client.get(`/sync/accounts/3/pull?${q}`, t);
    expectError(await pull('checkpoint=garbage'), 400, 'invalid_checkpoint');
    expectError(await pull(`checkpoint=${encodeURIComponent('{"txid":"-1","id":"x"}')}`), 400, 'invalid_checkpoint');
    expectError(await pull(`checkpoint=${encodeURIComponent('{"txid":"12","id":"x","more":1}')}`), 400, 'invalid_checkpoint');
    expectError(await pull(`checkpoint=${encodeURIComponent('{"txid":"99999999999999999999","id":"x"}')}`), 400, 'invalid_checkpoint');
    expectError(await pull(`checkpoint=${encodeURIComponent('{"txid":"999999999999","id":"x"}')}`), 410, 'resync_required');
    expectError(await pull('checkpoint=a&checkpoint=b'), 400, 'invalid_checkpoint');
    expectError(await pull('limit=0'), 400, 'bad_request');
    expectError(await pull('limit=abc'), 400, 'bad_request');
    expectError(await pull('limit=100000'), 400, 'bad_request');
    expectError(await seeded.client.get('/sync/accounts/1.5/pull', t), 400, 'bad_request');
    expectError(await seeded.client.get('/sync/__proto__/1/pull', t), 404, 'unknown_collection');
    expectError(await seeded.client.get('/nowhere', t), 404, 'not_found');
  });

  it('rate-limits login attempts per client', async () => {
    const limited = await startTestServer({ ...seeded.env.config, loginRateLimitPerMinute: 3 });
    try {
      const c = api(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await c.post('/auth/login', { email: 'x@y.z', password: 'nope-nope-nope' })).status);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await c.post('/auth/login', { email: 'x@y.z', password: 'nope-nope-nope' });
      expectError(last, 429, 'rate_limited');
    } finally {
      await limited.close();
    }
  });
});
