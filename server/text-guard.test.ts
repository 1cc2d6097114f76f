import { describe, expect, it } from 'vitest';
import { account } from './testing/harness';
import { useSeededServer } from './testing/seeded-server';
import { backends } from './testing/test-db';
import { findBadInput, MAX_DEPTH } from './text-guard';

const nested = (depth: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('findBadInput', () => {
  it('names the field and what it holds', () => {
    expect(findBadInput({ a: [{ b: 'x\u0000y' }] }, 'body')?.message).toMatch(/^body\.a\[0\]\.b holds a NUL character \(U\+0000\)/);
    expect(findBadInput({ 'odd key': '\uD800' }, 'body')?.message).toMatch(/^body\["odd key"\] holds a lone UTF-16 surrogate \(U\+D800\)/);
    expect(findBadInput({ ['k\u0000']: 1 }, 'query')?.message).toMatch(/^a field name in query holds a NUL/);
    expect(findBadInput(['ok', 'tail \uDC00'], 'body')?.toBody()).toMatchObject({ code: 'invalid_text', details: { path: 'body[1]' } });
  });

  it('accepts well-formed text, including pairs outside the BMP', () => {
    expect(findBadInput({ name: '北京 😀 Zoë', n: 1, list: [null, true, 'é'] }, 'body')).toBeUndefined();
    expect(findBadInput(undefined, 'body')).toBeUndefined();
  });

  it('refuses nesting past the limit without recursing', () => {
    expect(findBadInput(nested(MAX_DEPTH - 1), 'body')).toBeUndefined();
    expect(findBadInput(nested(MAX_DEPTH + 1), 'body')?.code).toBe('bad_request');
    expect(findBadInput(nested(200_000), 'body')?.code).toBe('bad_request');
  });
});

describe.each(backends())('text PostgreSQL cannot store, on %s', (backend) => {
  const seeded = useSeededServer(backend);
  const count = async (): Promise<number> =>
    Number(
      (
        await seeded.server.ctx.db.query<{ n: string }>(
          'SELECT (SELECT count(*) FROM sync_documents) + (SELECT count(*) FROM refresh_tokens) AS n',
        )
      )[0]?.n,
    );

  it('gets 400 invalid_text saying where, before any handler, and changes nothing', async () => {
    const before = await count();
    const t = seeded.org.repA.token;
    const cases: Array<[string, string, { raw?: string; token?: string }, string]> = [
      ['POST', '/auth/login', { raw: '{"email":"a\\u0000@x.test","password":"whatever-password"}' }, 'body.email'],
      ['POST', '/auth/login', { raw: '{"email":"a@x.test","password":"\\ud800"}' }, 'body.password'],
      [
        'POST',
        '/sync/accounts/3/push',
        { raw: JSON.stringify([{ newDocumentState: account(seeded.org.repA, { name: 'A\u0000B' }) }]), token: t },
        'body[0].newDocumentState.name',
      ],
      [
        'POST',
        '/sync/accounts/3/push',
        { raw: `[{"newDocumentState":${JSON.stringify(account(seeded.org.repA)).replace('"Acme"', '"\\udfff"')}}]`, token: t },
        'body[0].newDocumentState.name',
      ],
      ['GET', `/sync/accounts/3/pull?checkpoint=${encodeURIComponent('{"txid":"1","id":"\u0000"}')}`, { token: t }, 'query.checkpoint'],
      ['GET', '/sync/accounts/3/pull?limit=1%00', { token: t }, 'query.limit'],
      ['GET', '/sync/acc%00ounts/1/pull', { token: t }, 'path.collection'],
      ['POST', '/admin/users/x%00y/revoke-sessions', { token: seeded.org.admin.token }, 'path.id'],
    ];
    for (const [method, path, opts, field] of cases) {
      const r = await seeded.client.request(method, path, opts);
      expect([r.status, r.body.code], `${method} ${path}`).toEqual([400, 'invalid_text']);
      expect(String(r.body.message)).toContain(field);
    }
    expect(await count()).toBe(before);
  });
});
