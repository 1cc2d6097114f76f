import fc from 'fast-check';
import { hostileJson, hostileNumber, hostileString, hugeString, malformedJsonText } from './fuzz-values';

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
type Payload = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string } | undefined;
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

/** Any body at all: JSON of hostile values, malformed text, now and then a huge one, nothing. */
const anyBody: fc.Arbitrary<Payload> = fc.oneof(
  { arbitrary: hostileJson.map((value): Payload => ({ kind: 'json', value })), weight: 100 },
  { arbitrary: malformedJsonText.map((text): Payload => ({ kind: 'raw', text })), weight: 40 },
  { arbitrary: hugeString.map((s): Payload => ({ kind: 'json', value: { email: s, name: s } })), weight: 1 },
  { arbitrary: fc.constant<Payload>(undefined), weight: 20 },
);

/** A value that fails any string schema with a length limit: wrong type, empty, NUL, lone surrogate, too long. */
const badString: fc.Arbitrary<unknown> = fc.oneof(
  hostileNumber,
  fc.constantFrom(null, true, [], {}, ['x'], { $ne: '' }, ''),
  fc.string({ maxLength: 10 }).map((s) => `${s}\u0000`),
  fc.string({ maxLength: 10 }).map((s) => `\uD800${s}`),
  fc.integer({ min: 1_200, max: 5_000 }).map((n) => 'y'.repeat(n)),
);

/** An object with some of `fields` (all of `required`) and a few hostile extra keys. */
const object = (fields: Record<string, fc.Arbitrary<unknown>>, required: string[] = []): fc.Arbitrary<Payload> =>
  fc
    .tuple(
      fc.record(fields, { requiredKeys: required }),
      fc.dictionary(
        hostileString.map((k) => k.slice(0, 40)),
        hostileJson,
        { maxKeys: 2 },
      ),
    )
    .map(([known, extra]): Payload => ({ kind: 'json', value: { ...extra, ...known } }));

/** The fuzz never signs in for real: passwords here are never the seeded users' one. */
const loginBody = object({ email: fc.oneof(hostileString, fc.constantFrom('admin@x.test', 'rep@x.test')), password: hostileString });

/**
 * Bodies a valid admin, manager or rep may send without anything being written: each mixes
 * hostile values with one field no schema accepts (or is an empty push, which writes nothing).
 */
const neverValid = {
  logout: object({ refreshToken: badString }, ['refreshToken']),
  team: object({ name: fc.oneof(badString, fc.constantFrom(' ', '\t\n', 'z'.repeat(121))) }, ['name']),
  user: fc
    .tuple(
      object({ email: hostileString, password: hostileString, role: hostileString, teamId: hostileString }),
      fc.constantFrom({ role: 'king' }, { email: 'no-at-sign' }, { password: 'short' }, { password: 42 }, { teamId: 'no-such-team' }),
    )
    .map(([p, poison]): Payload => ({ kind: 'json', value: { ...(p?.kind === 'json' ? (p.value as object) : {}), ...poison } })),
  patch: fc.oneof(
    fc.constant<Payload>({ kind: 'json', value: {} }),
    object({ role: hostileString, teamId: badString, disabled: hostileString }).map((p): Payload => ({
      kind: 'json',
      value: { ...(p?.kind === 'json' ? (p.value as object) : {}), disabled: 'yes' },
    })),
  ),
};

/** A push row no collection's schema accepts (rows are strict objects with a string id). */
const poisonRow = fc.constantFrom<unknown>(
  { newDocumentState: { id: 7 } },
  { newDocumentState: { id: 'p', _deleted: 'yes' } },
  { newDocumentState: { id: '' } },
  { extra: true, newDocumentState: { id: 'p' } },
  { assumedMasterState: { id: 'other' }, newDocumentState: { id: 'p' } },
  { assumedMasterState: { id: 'p', serverRevision: -1 }, newDocumentState: { id: 'p' } },
  null,
  'row',
);

const pushBody = (docIds: string[]): fc.Arbitrary<Payload> => {
  const row = fc.record(
    {
      assumedMasterState: fc.oneof(
        fc.constant(null),
        hostileJson,
        fc.record({ id: fc.constantFrom(...docIds), serverRevision: hostileNumber }),
      ),
      newDocumentState: fc.oneof(
        hostileJson,
        fc.record({
          id: fc.oneof(fc.constantFrom(...docIds), hostileString),
          name: hostileString,
          ownerId: hostileString,
          teamId: hostileString,
        }),
      ),
    },
    { requiredKeys: ['newDocumentState'] },
  );
  return fc.oneof(
    { arbitrary: fc.constant<Payload>({ kind: 'json', value: [] }), weight: 20 },
    {
      arbitrary: fc
        .tuple(fc.array(row, { maxLength: 6 }), poisonRow, fc.nat())
        .map(([rows, poison, at]): Payload => ({ kind: 'json', value: (rows as unknown[]).toSpliced(at % (rows.length + 1), 0, poison) })),
      weight: 120,
    },
    {
      arbitrary: fc.constant<Payload>({ kind: 'json', value: Array.from({ length: 501 }, () => ({ newDocumentState: { id: 'x' } })) }),
      weight: 1,
    },
    {
      arbitrary: fc
        .tuple(hugeString, poisonRow)
        .map(([name, poison]): Payload => ({ kind: 'json', value: [{ newDocumentState: { id: 'h', name } }, poison] })),
      weight: 1,
    },
    { arbitrary: hostileJson.filter((v) => !Array.isArray(v)).map((value): Payload => ({ kind: 'json', value })), weight: 40 },
    { arbitrary: malformedJsonText.map((text): Payload => ({ kind: 'raw', text })), weight: 20 },
  );
};

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
