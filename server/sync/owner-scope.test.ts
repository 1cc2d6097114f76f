import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import type { Db, Queryable } from '../db/db';
import { account, PASSWORD, pullAll, pushRows, type Json, type Person } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
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
  const seeded = useSeededServer(backend);
  let disabledA: Person;

  beforeAll(async () => {
    const email = `off-${Math.random().toString(36).slice(2, 8)}@x.test`;
    await seeded.client.post('/admin/users', { email, password: PASSWORD, role: 'rep', teamId: seeded.org.teamA }, seeded.org.admin.token);
    const me = await seeded.client.post('/auth/login', { email, password: PASSWORD });
    const id = String((me.body.user as Json).userId);
    disabledA = { id, token: '', refreshToken: '', teamId: seeded.org.teamA };
    await seeded.server.ctx.db.query('UPDATE users SET disabled = true WHERE id = $1', [id]);
  });

  const stored = async (id: unknown): Promise<Json | undefined> =>
    (await pullAll(seeded.client, seeded.org.admin.token)).docs.find((d) => d.id === id);
  const created = async (owner: Person): Promise<Json> => {
    const doc = account(owner);
    expect((await pushRows(seeded.client, owner.token, [{ newDocumentState: doc }])).body).toMatchObject({ conflicts: [], errors: [] });
    return { ...doc, serverRevision: 1 };
  };

  it("a manager cannot hand a team record to another team's rep, who then cannot take it", async () => {
    const doc = await created(seeded.org.repA);
    const handOver = await pushRows(seeded.client, seeded.org.managerA.token, [
      { assumedMasterState: doc, newDocumentState: { ...doc, ownerId: seeded.org.repB.id } },
    ]);
    expect(handOver.status).toBe(200);
    expect(handOver.body.errors).toEqual([
      expect.objectContaining({ id: doc.id, code: 'forbidden', message: expect.stringContaining('active user of its team') }),
    ]);
    expect(await stored(doc.id)).toMatchObject({ ownerId: seeded.org.repA.id, teamId: seeded.org.teamA, serverRevision: 1 });
    // Had it landed, the new owner could move it into their own team; it did not, so they cannot.
    const take = await pushRows(seeded.client, seeded.org.repB.token, [
      {
        assumedMasterState: { ...doc, ownerId: seeded.org.repB.id },
        newDocumentState: { ...doc, ownerId: seeded.org.repB.id, teamId: seeded.org.teamB },
      },
    ]);
    expect(take.body.errors).toEqual([expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
    expect(await stored(doc.id)).toMatchObject({ ownerId: seeded.org.repA.id, teamId: seeded.org.teamA });
  });

  it('owners must be existing, enabled users of the record team, for managers and admins alike', async () => {
    const doc = await created(seeded.org.repA);
    const moves: Array<[Person, Json, boolean]> = [
      [seeded.org.managerA, { ownerId: seeded.org.repA2.id }, true],
      [seeded.org.managerA, { ownerId: disabledA.id }, false],
      [seeded.org.managerA, { ownerId: 'no-such-user' }, false],
      [seeded.org.admin, { ownerId: seeded.org.repB.id }, false],
      [seeded.org.admin, { ownerId: seeded.org.admin.id }, false],
      [seeded.org.admin, { ownerId: seeded.org.repB.id, teamId: seeded.org.teamB }, true],
    ];
    let current: Json = doc;
    for (const [who, change, allowed] of moves) {
      const r = await pushRows(seeded.client, who.token, [{ assumedMasterState: current, newDocumentState: { ...current, ...change } }]);
      expect(r.status).toBe(200);
      expect(r.body.errors, JSON.stringify(change)).toEqual(allowed ? [] : [expect.objectContaining({ id: doc.id, code: 'forbidden' })]);
      if (allowed) current = { ...current, ...change, serverRevision: Number(current.serverRevision) + 1 };
      expect(await stored(doc.id)).toMatchObject({ ownerId: current.ownerId, teamId: current.teamId });
    }
  });

  it('creates are held to the same rule; in a batch only the offending rows are refused', async () => {
    const good = account(seeded.org.repA2);
    const foreign = account(seeded.org.repB, { teamId: seeded.org.teamA });
    const ghost = account(seeded.org.repA, { ownerId: disabledA.id });
    const adminsOwn = { ...account(seeded.org.admin), teamId: seeded.org.admin.id };
    const r = await pushRows(seeded.client, seeded.org.managerA.token, [
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
    expect((await pushRows(seeded.client, seeded.org.admin.token, [{ newDocumentState: adminsOwn }])).body).toMatchObject({
      conflicts: [],
      errors: [],
    });
  });

  it('looks owners up with one statement per push, whatever the batch size', async () => {
    const col = seeded.server.ctx.collections.get('accounts');
    if (!col) throw new Error('no accounts collection');
    const manager = (await seeded.client.get('/auth/me', seeded.org.managerA.token)).body as Principal;
    const run = async (n: number): Promise<number> => {
      const { db, statements } = counting(seeded.server.ctx.db);
      const owners = [seeded.org.repA, seeded.org.repA2, seeded.org.managerA, seeded.org.repB];
      const rows = validatePush(
        col,
        Array.from({ length: n }, (_, i) => ({ newDocumentState: account(owners[i % owners.length] as Person) })),
        500,
      );
      const result = await pushChanges(db, col, manager, rows);
      expect(result.errors).toHaveLength(rows.filter((row) => row.data.teamId !== seeded.org.teamA).length);
      return statements();
    };
    expect(await run(200)).toBe(await run(1));
  });
});
