import { beforeAll, describe, expect, it } from 'vitest';
import { account, pullAll, pushRows, type Json } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';
import { findUserById } from '../auth/users';
import type { Principal } from '../auth/principal';
import { pushChanges } from './push';
import { validatePush } from './push-input';

const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};

describe.each(backends())('commit order on %s', (backend) => {
  const seeded = useSeededServer(backend);
  let rep: Principal;

  beforeAll(async () => {
    const user = await findUserById(seeded.server.ctx.db, seeded.org.repA.id);
    if (!user) throw new Error('seeded rep missing');
    rep = user;
  });

  const push = (doc: Json, afterFirstWrite?: () => Promise<void>) => {
    const col = seeded.server.ctx.collections.get('accounts');
    if (!col) throw new Error('accounts missing');
    return pushChanges(seeded.server.ctx.db, col, rep, validatePush(col, [{ newDocumentState: doc }], 10), { afterFirstWrite });
  };
  /** Starts a push that stops inside its transaction after its first write until `release.open()`. */
  const pushHeldOpen = async (doc: Json) => {
    const written = gate();
    const release = gate();
    const done = push(doc, async () => {
      written.open();
      await release.opened;
    });
    await written.opened;
    return { done, release };
  };
  const txidOf = async (id: string): Promise<bigint> => {
    const rows = await seeded.server.ctx.db.query<{ txid: string }>('SELECT txid::text AS txid FROM sync_documents WHERE id = $1', [id]);
    return BigInt(rows[0]?.txid ?? '-1');
  };

  it('never lets a client skip a change whose transaction commits after a later one', async () => {
    const { checkpoint: start } = await pullAll(seeded.client, seeded.org.repA.token);
    const a = account(seeded.org.repA, { name: 'first to write, last to commit' });
    const b = account(seeded.org.repA, { name: 'second to write, first to commit' });
    const { done: first, release } = await pushHeldOpen(a);

    if (backend === 'pglite') {
      // One connection: the second transaction cannot even start until the first one ends, so a
      // later position can never commit first. Prove the serialisation, then let both finish.
      let secondDone = false;
      const second = push(b).then(() => (secondDone = true));
      await new Promise((r) => setTimeout(r, 200));
      expect(secondDone).toBe(false);
      release.open();
      await Promise.all([first, second]);
    } else {
      // B gets a later transaction id than A and commits while A is still open: the classic race.
      await push(b);
      expect(await txidOf(b.id as string)).toBeGreaterThan(await txidOf(a.id as string));
      const visible = await seeded.server.ctx.db.query<{ id: string }>('SELECT id FROM sync_documents WHERE id = ANY($1)', [[a.id, b.id]]);
      expect(visible.map((r) => r.id)).toEqual([b.id]);
      // A pull now must not hand out a checkpoint past A's position: B is held back.
      const during = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', start);
      expect(during.docs.map((d) => d.id)).toEqual([]);
      release.open();
      await first;
      const after = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', during.checkpoint);
      expect(after.docs.map((d) => d.id)).toEqual([a.id, b.id]);
      return;
    }
    const after = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', start);
    expect(after.docs.map((d) => d.id)).toEqual([a.id, b.id]);
  });

  it('two pushes creating the same document at once: one creates it, the other gets it back as a conflict', async () => {
    const mine = account(seeded.org.repA, { name: 'created here' });
    const theirs = { ...mine, name: 'created there at the same moment' };
    const { done: first, release } = await pushHeldOpen(mine);
    // The second batch finds no row to lock, decides to insert, and (on PostgreSQL) waits on the
    // first one's uncommitted row; PGlite runs it after the first commits. Either way it must end
    // by locking the now existing row and answering with the server's copy.
    const second = push(theirs);
    await new Promise((r) => setTimeout(r, 200));
    release.open();
    const [a, b] = await Promise.all([first, second]);
    expect([a.written, a.conflicts.length]).toEqual([1, 0]);
    expect([b.written, b.conflicts.map((doc) => [doc.id, doc.name, doc.serverRevision])]).toEqual([0, [[mine.id, 'created here', 1]]]);
  });

  it('orders the feed by transaction id as a number: a page across 99 → 100 loses nothing', async () => {
    // As text, '100' sorts before '99': a page cut there would hand out a checkpoint past txid 99.
    const docs = [account(seeded.org.repA, { name: 'txid 99' }), account(seeded.org.repA, { name: 'txid 100' })];
    await seeded.server.ctx.db.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, deleted, revision, data, txid)
       SELECT 'leads', d->>'id', 0, $1, $2, false, 1, d, (ARRAY['99', '100'])[i]::xid8 FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(d, i)`,
      [seeded.org.repA.id, seeded.org.repA.teamId, JSON.stringify(docs)],
    );
    const { docs: pulled } = await pullAll(seeded.client, seeded.org.repA.token, 'leads/0', null, 1);
    expect(pulled.map((d) => d.name)).toEqual(['txid 99', 'txid 100']);
  });

  it('a puller following the feed during many concurrent pushes ends up with every document', async () => {
    const { checkpoint: start } = await pullAll(seeded.client, seeded.org.repA.token);
    const pushed: string[] = [];
    const seen = new Set<string>();
    let checkpoint: unknown = start;
    let done = false;
    const follower = (async () => {
      while (!done) {
        const r = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', checkpoint, 3);
        r.docs.forEach((d) => seen.add(String(d.id)));
        checkpoint = r.checkpoint;
      }
    })();
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        for (let round = 0; round < 5; round++) {
          const docs = Array.from({ length: 4 }, () => account(seeded.org.repA));
          const r = await pushRows(
            seeded.client,
            seeded.org.repA.token,
            docs.map((d) => ({ newDocumentState: d })),
          );
          expect(r.status).toBe(200);
          pushed.push(...docs.map((d) => String(d.id)));
        }
      }),
    );
    done = true;
    await follower;
    // One last pull from where the follower stopped: it must bring exactly what is missing, never
    // something from before its checkpoint.
    const rest = await pullAll(seeded.client, seeded.org.repA.token, 'accounts/3', checkpoint);
    rest.docs.forEach((d) => seen.add(String(d.id)));
    expect([...seen].sort()).toEqual([...pushed].sort());
  });
});
