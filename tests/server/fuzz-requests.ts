import fc from 'fast-check';
import { anyBody, loginBody, neverValid, object, pushBody, type Payload } from './fuzz-bodies';
import { hostileNumber, hostileString } from './fuzz-values';

/** One generated request; `endpoint` is the route it aims at (the tally's key). */
export type FuzzRequest = { endpoint: string; method: string; url: string; headers: Record<string, string>; payload?: string };

/** What the generators may use: tokens by kind and the ids that exist. */
export type FuzzContext = {
  /** Bearer values: valid ones of each role, and every way of being wrong. */
  auth: { valid: Record<'admin' | 'manager' | 'rep', string>; invalid: Record<string, string> };
  userIds: string[];
  teamIds: string[];
  docIds: string[];
  collections: Array<{ name: string; schemaVersion: number }>;
};

type Auth = { label: string; header: string | undefined; valid: boolean };
type Target = {
  endpoint: string;
  method: string;
  path: (validAuth: boolean) => fc.Arbitrary<string>;
  body: (validAuth: boolean) => fc.Arbitrary<Payload>;
};

/** encodeURIComponent refuses lone surrogates; the server then sees the bytes of one, which is what a hostile client sends. */
const encode = (s: string): string => {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80';
  }
};

const segment = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { arbitrary: valid, weight: 8 },
    { arbitrary: hostileString.map((s) => encode(s.slice(0, 300))), weight: 2 },
    {
      arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '.', '%2e%2e', '%2F', '%00', 'a%00b', '~', '*', 'x'.repeat(120)),
      weight: 1,
    },
  );

const queryString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 4 },
  {
    arbitrary: fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom('checkpoint', 'limit', '__proto__', 'constructor[prototype]', 'a[b][c]', 'limit[]'), hostileString),
          fc.oneof(
            hostileString,
            hostileNumber.map(String),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc.constantFrom('{"txid":"1","id":"x"}', '{"txid":"99999999999999999999","id":"x"}', '{"txid":"1","id":"x","gen":-1}', 'null'),
          ),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((pairs) => `?${pairs.map(([k, v]) => `${encode(k.slice(0, 200))}=${encode(v.slice(0, 2000))}`).join('&')}`),
    weight: 5,
  },
  { arbitrary: fc.constantFrom('?', '?&&', '?=', '?limit', '?limit=1&limit=2', '?%', '?a=%zz', `?limit=${'9'.repeat(400)}`), weight: 1 },
);

const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  {
    arbitrary: fc.constantFrom(
      undefined,
      'application/json; charset=utf-8',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'application/xml',
      '',
      '*/*',
    ),
    weight: 2,
  },
);

/** Every route of the server, with what each may carry. */
export const targets = (ctx: FuzzContext): Target[] => {
  const none = (): fc.Arbitrary<Payload> =>
    fc.oneof({ arbitrary: fc.constant<Payload>(undefined), weight: 3 }, { arbitrary: anyBody, weight: 1 });
  const fixed = (path: string) => () => fc.constant(path);
  const existingOrNot = fc.oneof(
    fc.constantFrom(...ctx.userIds),
    fc.uuid(),
    hostileString.map((s) => s.slice(0, 80)),
  );
  const missingId = fc
    .oneof(
      fc.uuid(),
      hostileString.map((s) => s.slice(0, 80)),
      fc.constant('x'.repeat(5000)),
    )
    .filter((id) => !ctx.userIds.includes(id));
  const list: Target[] = [
    { endpoint: 'GET /health', method: 'GET', path: fixed('/health'), body: none },
    {
      endpoint: 'POST /auth/login',
      method: 'POST',
      path: fixed('/auth/login'),
      body: () => fc.oneof({ arbitrary: loginBody, weight: 3 }, { arbitrary: anyBody, weight: 1 }),
    },
    {
      endpoint: 'POST /auth/refresh',
      method: 'POST',
      path: fixed('/auth/refresh'),
      body: () => fc.oneof(object({ refreshToken: hostileString }), anyBody),
    },
    { endpoint: 'POST /auth/logout', method: 'POST', path: fixed('/auth/logout'), body: (valid) => (valid ? neverValid.logout : anyBody) },
    { endpoint: 'GET /auth/me', method: 'GET', path: fixed('/auth/me'), body: none },
    { endpoint: 'GET /sync/collections', method: 'GET', path: fixed('/sync/collections'), body: none },
    { endpoint: 'GET /admin/teams', method: 'GET', path: fixed('/admin/teams'), body: none },
    { endpoint: 'POST /admin/teams', method: 'POST', path: fixed('/admin/teams'), body: (valid) => (valid ? neverValid.team : anyBody) },
    { endpoint: 'GET /admin/users', method: 'GET', path: fixed('/admin/users'), body: none },
    { endpoint: 'POST /admin/users', method: 'POST', path: fixed('/admin/users'), body: (valid) => (valid ? neverValid.user : anyBody) },
    // A real user's id only with a body no schema accepts; anyone else's id does not exist.
    {
      endpoint: 'PATCH /admin/users/:id',
      method: 'PATCH',
      path: () => fc.oneof(fc.constantFrom(...ctx.userIds), missingId).map((id) => `/admin/users/${encode(id)}`),
      body: (valid) => (valid ? neverValid.patch : anyBody),
    },
    {
      endpoint: 'POST /admin/users/:id/revoke-sessions',
      method: 'POST',
      path: (valid) => (valid ? missingId : existingOrNot).map((id) => `/admin/users/${encode(id)}/revoke-sessions`),
      body: none,
    },
  ];
  for (const col of ctx.collections) {
    const version = fc.oneof(
      { arbitrary: fc.constant(String(col.schemaVersion)), weight: 6 },
      {
        arbitrary: fc.constantFrom(String(col.schemaVersion + 1), '-1', '1.5', '1e3', '0x1', '99999999999999999999', '', ' 1', '01'),
        weight: 2,
      },
    );
    const at = (verb: string, v: fc.Arbitrary<string>) =>
      fc.tuple(segment(fc.constant(col.name)), v).map(([name, ver]) => `/sync/${name}/${encode(ver)}/${verb}`);
    list.push(
      { endpoint: `GET /sync/${col.name}/pull`, method: 'GET', path: () => at('pull', version), body: none },
      {
        endpoint: `POST /sync/${col.name}/push`,
        method: 'POST',
        path: () => at('push', version),
        body: (valid) => (valid ? pushBody(ctx.docIds) : anyBody),
      },
      // A stream that opens never ends by itself: valid tokens only meet a schema version it refuses.
      {
        endpoint: `GET /sync/${col.name}/stream`,
        method: 'GET',
        path: (valid) =>
          valid
            ? fc.constantFrom(String(col.schemaVersion + 1), '-1', 'x', '1.5').map((v) => `/sync/${col.name}/${v}/stream`)
            : at('stream', version),
        body: none,
      },
    );
  }
  return list;
};

const authArb = (ctx: FuzzContext): fc.Arbitrary<Auth> =>
  fc.oneof(
    {
      arbitrary: fc
        .constantFrom(...Object.entries(ctx.auth.valid))
        .map(([label, t]): Auth => ({ label, header: `Bearer ${t}`, valid: true })),
      weight: 6,
    },
    {
      arbitrary: fc.constantFrom(...Object.entries(ctx.auth.invalid)).map(([label, h]): Auth => ({ label, header: h, valid: false })),
      weight: 3,
    },
    { arbitrary: fc.constant<Auth>({ label: 'none', header: undefined, valid: false }), weight: 2 },
  );

/** Requests aimed at one target; a few use another method on the same path. */
export const requestsFor = (ctx: FuzzContext, target: Target): fc.Arbitrary<FuzzRequest> => {
  // Built once per kind of caller: arbitraries are costly to construct, cheap to draw from.
  const parts = (valid: boolean) =>
    fc.record({
      path: target.path(valid),
      query: queryString,
      body: target.body(valid),
      type: contentType,
      method: fc.oneof(
        { arbitrary: fc.constant(target.method), weight: 30 },
        // HEAD runs a GET handler, and a stream that opens never answers: not for streams.
        {
          arbitrary: fc.constantFrom(
            ...(target.endpoint.endsWith('/stream') ? ['PUT', 'DELETE', 'OPTIONS'] : ['PUT', 'DELETE', 'OPTIONS', 'HEAD']),
          ),
          weight: 1,
        },
      ),
    });
  const byValidity = { true: parts(true), false: parts(false) };
  return authArb(ctx).chain((auth) =>
    byValidity[`${auth.valid}`].map(({ path, query, body, type, method }): FuzzRequest => {
      const headers: Record<string, string> = {};
      if (auth.header !== undefined) headers.authorization = auth.header;
      const payload = body === undefined ? undefined : body.kind === 'raw' ? body.text : JSON.stringify(body.value);
      if (payload !== undefined && type !== undefined) headers['content-type'] = type;
      return { endpoint: target.endpoint, method, url: path + query, headers, payload };
    }),
  );
};
