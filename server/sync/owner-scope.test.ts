import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import type { RunningServer } from '../server';
import {
  account,
  api,
  PASSWORD,
  pullAll,
  pushRows,
  seedOrg,
  startTestServer,
  testEnv,
  type Api,
  type Json,
  type Org,
  type Person,
  type TestEnv,
} from '../testing/harness';
import { backends } from '../testing/test-db';
import { pushChanges } from './push';
import { validatePush } from './push-input';

/** The real database, counting the statements run inside push transactions. */
const counting = (db: Db): { db: Db; statements: () => number } => {
  let n = 0;
  const tx = (inner: Queryable): Queryable => ({
    query: (sql, params) => {
      n++;
      return inner.query(sql, params);
    },
  });
  return { db: { ...db, transaction: (fn) => db.transaction((inner) => fn(tx(inner))) }, statements: () => n };
};

describe.each(backends())('record owners on %s', (backend) => {
  let env: TestEnv;
  let server: RunningServer;
  let client: Api;
  let org: Org;
  let disabledA: Person;

  beforeAll(async () => {
    env = await testEnv(backend);
    server = await startTestServer(env.config);
    client = api(server);
    org = await seedOrg(server);
    const email = `off-${Math.random().toString(36).slice(2, 8)}@x.test`;
    await client.post('/admin/users', { email, password: PASSWORD, role: 'rep', teamId: org.teamA }, org.admin.token);
    const me = await client.post('/auth/login', { email, password: PASSWORD });
    const id = String((me.body.user as Json).userId);
    disabledA = { id, token: '', refreshToken: '', teamId: org.teamA };
    await server.ctx.db.query('UPDATE users SET disabled = true WHERE id = $1', [id]);
  });
  afterAll(async () => {
    await server?.close();
    await env?.cleanup();
  });

  const stored = async (id: unknown): Promise<Json | undefined> => (await pullAll(client, org.admin.token)).docs.find((d) => d.id === id);
  const created = async (owner: Person): Promise<Json> => {
    const doc = account(owner);
    expect((await pushRows(client, owner.token, [{ newDocumentState: doc }])).body).toEqual({ conflicts: [], errors: [] });
    return { ...doc, serverRevision: 1 };
  };

  it("a manager cannot hand a team record to another team's rep, who then cannot take it", async () => {
    const doc = await created(org.repA);
    const handOver = await pushRows(client, org.managerA.token, [
      { assumedMasterState: doc, newDocumentState: { ...doc, ownerId: org.repB.id } },
    ]);
    expect(handOver.status).toBe(200);
    expect(handOver.body.errors).toEqual([
      expect.objectContaining({ id: doc.id, code: 'forbidden', message: expect.stringContaining('active user of its team') }),
    ]);
    expect(await stored(doc.id)).toMatchObject({ ownerId: org.repA.id, teamId: org.teamA, serverRevision: 1 });
    // Had it landed, the new owner could move it into their own team; it did not, so they cannot.
    const take = await pushRows(client, org.repB.token, [
      { assumedMasterState: { ...doc, ownerId: org.repB.id }, newDocumentState: { ...doc, ownerId: org.repB.id, teamId: org.teamB } },
    ]);
    expect(take.body.errors).toEqual([expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
    expect(await stored(doc.id)).toMatchObject({ ownerId: org.repA.id, teamId: org.teamA });
  });

  it('owners must be existing, enabled users of the record team, for managers and admins alike', async () => {
    const doc = await created(org.repA);
    const moves: Array<[Person, Json, boolean]> = [
      [org.managerA, { ownerId: org.repA2.id }, true],
      [org.managerA, { ownerId: disabledA.id }, false],
      [org.managerA, { ownerId: 'no-such-user' }, false],
      [org.admin, { ownerId: org.repB.id }, false],
      [org.admin, { ownerId: org.admin.id }, false],
      [org.admin, { ownerId: org.repB.id, teamId: org.teamB }, true],
    ];
    let current: Json = doc;
    for (const [who, change, allowed] of moves) {
      const r = await pushRows(client, who.token, [{ assumedMasterState: current, newDocumentState: { ...current, ...change } }]);
      expect(r.status).toBe(200);
      expect(r.body.errors, JSON.stringify(change)).toEqual(allowed ? [] : [expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
      if (allowed) current = { ...current, ...change, serverRevision: Number(current.serverRevision) + 1 };
      expect(await stored(doc.id)).toMatchObject({ ownerId: current.ownerId, teamId: current.teamId });
    }
  });

  it('creates are held to the same rule; in a batch only the offending rows are refused', async () => {
    const good = account(org.repA2);
    const foreign = account(org.repB, { teamId: org.teamA });
    const ghost = account(org.repA, { ownerId: disabledA.id });
    const adminsOwn = { ...account(org.admin), teamId: org.admin.id };
    const r = await pushRows(client, org.managerA.token, [
      { newDocumentState: good },
      { newDocumentState: foreign },
      { newDocumentState: ghost },
    ]);
    expect(r.body.conflicts).toEqual([]);
    expect((r.body.errors as Json[]).map((e) => [e.id, e.code]).sort()).toEqual(
      [
        [foreign.id, 'forbidden'],
        [ghost.id, 'forbidden'],
      ].sort(),
    );
    expect(await stored(good.id)).toBeDefined();
    expect(await stored(foreign.id)).toBeUndefined();
    expect(await stored(ghost.id)).toBeUndefined();
    expect((await pushRows(client, org.admin.token, [{ newDocumentState: adminsOwn }])).body).toEqual({ conflicts: [], errors: [] });
  });

  it('looks owners up with one statement per push, whatever the batch size', async () => {
    const col = server.ctx.collections.get('accounts');
    if (!col) throw new Error('no accounts collection');
    const manager = (await client.get('/auth/me', org.managerA.token)).body as Principal;
    const run = async (n: number): Promise<number> => {
      const { db, statements } = counting(server.ctx.db);
      const owners = [org.repA, org.repA2, org.managerA, org.repB];
      const rows = validatePush(
        col,
        Array.from({ length: n }, (_, i) => ({ newDocumentState: account(owners[i % owners.length] as Person) })),
        500,
      );
      const result = await pushChanges(db, col, manager, rows);
      expect(result.errors).toHaveLength(rows.filter((row) => row.data.teamId !== org.teamA).length);
      return statements();
    };
    expect(await run(200)).toBe(await run(1));
  });
});
