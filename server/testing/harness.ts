import { z } from 'zod';
import { createUser } from '../auth/users';
import { defaultConfig, type ServerConfig } from '../config';
import { startServer, type RunningServer } from '../server';
import { crmRegistry, type CollectionRegistry, type SyncCollection } from '../sync/collections';
import { createTestDatabase, type Backend, type TestDatabase } from './test-db';

export type Json = Record<string, unknown>;
export type ApiResponse = { status: number; body: Json };

/** A collection only tests know: it carries `visibility`, which the CRM schemas do not have yet. */
const notesSchema = z.object({
  id: z.string().min(1).max(64),
  ownerId: z.string().min(1).max(64),
  teamId: z.string().min(1).max(64),
  createdAt: z.int().min(0),
  updatedAt: z.int().min(0),
  serverRevision: z.int().optional(),
  serverUpdatedAt: z.int().optional(),
  text: z.string().max(1000),
  visibility: z.enum(['private', 'team']).optional(),
});
export const notesCollection: SyncCollection = {
  name: 'notes',
  schemaVersion: 0,
  read: 'owner-or-shared',
  write: 'owner',
  parse: (input) => {
    const r = notesSchema.safeParse(input);
    return r.success
      ? { ok: true, value: r.data }
      : { ok: false, message: r.error.issues[0]?.message ?? 'invalid', issues: r.error.issues };
  },
  migrations: {},
};

export const testRegistry = (): CollectionRegistry => new Map([...crmRegistry(), ['notes', notesCollection]]);

export const testConfig = (overrides: Partial<ServerConfig> = {}): ServerConfig => ({
  ...defaultConfig(),
  port: 0,
  dataDir: undefined,
  scryptCost: 1024,
  logLevel: 'silent',
  rateLimitPerMinute: 100_000,
  loginRateLimitPerMinute: 1000,
  jwtSecret: 'test-secret-test-secret-test-secret-0123',
  ...overrides,
});

export type TestEnv = { backend: Backend; database: TestDatabase | undefined; config: ServerConfig; cleanup(): Promise<void> };

/** The database for one test file: in-memory PGlite, or a fresh PostgreSQL database. */
export const testEnv = async (backend: Backend, overrides: Partial<ServerConfig> = {}): Promise<TestEnv> => {
  const database = backend === 'pg' ? await createTestDatabase() : undefined;
  return {
    backend,
    database,
    config: testConfig({ databaseUrl: database?.url, ...overrides }),
    cleanup: async () => database?.drop(),
  };
};

export const api = (server: { url: string }) => {
  const request = async (
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; raw?: string } = {},
  ): Promise<ApiResponse> => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined || opts.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, {
      method,
      headers,
      body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  return {
    request,
    get: (path: string, token?: string) => request('GET', path, { token }),
    post: (path: string, body: unknown, token?: string) => request('POST', path, { body, token }),
  };
};

export type Api = ReturnType<typeof api>;
export type Person = { id: string; token: string; refreshToken: string; teamId: string | null };
export type Org = {
  admin: Person;
  teamA: string;
  teamB: string;
  repA: Person;
  repA2: Person;
  managerA: Person;
  repB: Person;
};

export const PASSWORD = 'correct horse battery';

export const login = async (client: Api, email: string, password = PASSWORD): Promise<Person> => {
  const r = await client.post('/auth/login', { email, password });
  if (r.status !== 200) throw new Error(`login ${email} failed: ${JSON.stringify(r.body)}`);
  const user = r.body.user as { userId: string; teamId: string | null };
  return { id: user.userId, token: String(r.body.accessToken), refreshToken: String(r.body.refreshToken), teamId: user.teamId };
};

/** Two teams, an admin, two reps and a manager in team A, a rep in team B — made through the admin API. */
export const seedOrg = async (server: RunningServer): Promise<Org> => {
  const client = api(server);
  const tag = Math.random().toString(36).slice(2, 8);
  await createUser(server.ctx.db, { email: `admin-${tag}@x.test`, password: PASSWORD, role: 'admin', teamId: null }, 1024);
  const admin = await login(client, `admin-${tag}@x.test`);
  const team = async (name: string): Promise<string> =>
    String((await client.post('/admin/teams', { name: `${name}-${tag}` }, admin.token)).body.id);
  const teamA = await team('A');
  const teamB = await team('B');
  const person = async (name: string, role: string, teamId: string): Promise<Person> => {
    const email = `${name}-${tag}@x.test`;
    const r = await client.post('/admin/users', { email, password: PASSWORD, role, teamId }, admin.token);
    if (r.status !== 201) throw new Error(`create user failed: ${JSON.stringify(r.body)}`);
    return login(client, email);
  };
  return {
    admin,
    teamA,
    teamB,
    repA: await person('repa', 'rep', teamA),
    repA2: await person('repa2', 'rep', teamA),
    managerA: await person('mgra', 'manager', teamA),
    repB: await person('repb', 'rep', teamB),
  };
};

export const startTestServer = (config: ServerConfig): Promise<RunningServer> => startServer(config, testRegistry());

let counter = 0;
/** A valid v1 account owned by `owner`. */
export const account = (owner: Person, extra: Json = {}): Json => ({
  id: `acc-${Date.now().toString(36)}-${(counter++).toString(36)}`,
  ownerId: owner.id,
  teamId: owner.teamId,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  name: 'Acme',
  status: 'active',
  tier: 'key',
  region: 'emea',
  currency: 'EUR',
  ...extra,
});

export const pushRows = (
  client: Api,
  token: string,
  rows: Array<{ assumedMasterState?: Json | null; newDocumentState: Json }>,
  collection = 'accounts/3',
) => client.post(`/sync/${collection}/push`, rows, token);

export const pullAll = async (client: Api, token: string, collection = 'accounts/3', from: unknown = null, limit = 100) => {
  const docs: Json[] = [];
  let checkpoint = from;
  for (;;) {
    const q = checkpoint ? `&checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}` : '';
    const r = await client.get(`/sync/${collection}/pull?limit=${limit}${q}`, token);
    if (r.status !== 200) throw Object.assign(new Error(`pull failed ${r.status}`), { response: r });
    const page = r.body.documents as Json[];
    docs.push(...page);
    checkpoint = r.body.checkpoint;
    if (page.length < limit) return { docs, checkpoint };
  }
};
