import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount, emailOf, signIn, waitConverged } from './sync-fixtures';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

// A rep and their manager work on the same customers on two laptops, both offline for a while.
describe('two clients editing offline', () => {
  let server: RunningServer;
  let org: Org;
  let rep: ClientProcess;
  let manager: ClientProcess;
  let repLink: TcpProxy;
  let managerLink: TcpProxy;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    [repLink, managerLink] = await Promise.all([startTcpProxy(server.port), startTcpProxy(server.port)]);
    [rep, manager] = await Promise.all([startClient('rep'), startClient('manager')]);
    await signIn(rep, repLink.url, await emailOf(server, org.repA));
    await signIn(manager, managerLink.url, await emailOf(server, org.managerA));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([rep?.close(), manager?.close()]);
    await Promise.all([repLink?.close(), managerLink?.close()]);
    await server?.close();
  });

  it.each([
    ['rep reconnects first', 'rep'],
    ['manager reconnects first', 'manager'],
  ] as const)(
    'merge different fields, keep the server value on the same field, edit beats delete, creates on both (%s)',
    async (_label, first) => {
      const tag = first;
      const create = async (name: string) =>
        (await rep.must('accounts.create', { values: { ...baseAccount, name, city: 'Berlin', phone: '100' } })).id;
      const fields = await create(`fields-${tag}`);
      const same = await create(`same-${tag}`);
      const deleted = await create(`deleted-${tag}`);
      await waitConverged(server, org.repA, [rep, manager]);

      repLink.setOnline(false);
      managerLink.setOnline(false);
      await waitFor('both offline', async () => {
        const [a, b] = await Promise.all([rep.must('sync.status', {}), manager.must('sync.status', {})]);
        return a.state === 'offline' && b.state === 'offline' ? true : undefined;
      });

      await rep.must('accounts.update', { id: fields, patch: { city: 'Hamburg' } });
      await manager.must('accounts.update', { id: fields, patch: { phone: '200' } });
      await rep.must('accounts.update', { id: same, patch: { name: `same-${tag}-by-rep` } });
      await manager.must('accounts.update', { id: same, patch: { name: `same-${tag}-by-manager` } });
      await rep.must('accounts.delete', { id: deleted });
      await manager.must('accounts.update', { id: deleted, patch: { notes: 'called them, they are staying' } });
      const repNew = (await rep.must('accounts.create', { values: { ...baseAccount, name: `new-by-rep-${tag}` } })).id;
      const managerNew = (
        await manager.must('accounts.create', { values: { ...baseAccount, name: `new-by-manager-${tag}`, ownerId: org.repA.id } })
      ).id;
      expect((await rep.must('sync.pending', {})).total).toBe(4);

      const [firstClient, firstLink, second, secondLink] =
        first === 'rep' ? [rep, repLink, manager, managerLink] : [manager, managerLink, rep, repLink];
      const before = (await second.must('conflicts.list', {})).total;
      firstLink.setOnline(true);
      await firstClient.must('sync.now', {});
      // Asked directly, not read from sync.status: the status recounts pending changes 300 ms after
      // the last write, so under load it could still say 0 from before the offline edits, and the
      // second client came back before the first had pushed (a CI run saw the manager's name win).
      await waitFor('first client pushed', async () => ((await firstClient.must('sync.pending', {})).total === 0 ? true : undefined));
      secondLink.setOnline(true);
      await second.must('sync.now', {});
      const finalDocs = await waitConverged(server, org.repA, [rep, manager]);

      const byId = new Map(finalDocs.map((d) => [d.id, d]));
      expect(byId.get(fields)).toMatchObject({ city: 'Hamburg', phone: '200' });
      expect(byId.get(same)?.name).toBe(`same-${tag}-by-${first}`);
      expect(byId.get(deleted)).toMatchObject({ notes: 'called them, they are staying' });
      expect(byId.has(repNew) && byId.has(managerNew)).toBe(true);

      // Exactly two conflicts, both on the client that came back second, none on the first.
      const conflicts = (await second.must('conflicts.list', {})).conflicts.slice(
        0,
        (await second.must('conflicts.list', {})).total - before,
      );
      const secondName = first === 'rep' ? 'manager' : 'rep';
      expect(conflicts.map((c) => [c.docId, c.field]).sort()).toEqual(
        [
          [same, 'name'],
          [deleted, '_deleted'],
        ].sort(),
      );
      const nameConflict = conflicts.find((c) => c.field === 'name');
      expect(nameConflict).toMatchObject({
        localValue: `same-${tag}-by-${secondName}`,
        serverValue: `same-${tag}-by-${first}`,
        ancestorValue: `same-${tag}`,
        collection: 'accounts',
        localUserId: secondName === 'rep' ? org.repA.id : org.managerA.id,
      });
      expect(nameConflict?.serverRevision).toBeGreaterThan(1);
      const deleteConflict = conflicts.find((c) => c.field === '_deleted');
      // The side that deleted lost: its "deleted: true" is what waits for review.
      expect(deleteConflict).toMatchObject(
        first === 'rep' ? { localValue: false, serverValue: true } : { localValue: true, serverValue: false },
      );
      const firstConflicts = (await firstClient.must('conflicts.list', {})).conflicts.filter((c) =>
        [fields, same, deleted].includes(c.docId),
      );
      expect(firstConflicts).toEqual([]);

      // Choosing the losing value applies it as a normal edit that syncs to everyone.
      if (!nameConflict) throw new Error('no name conflict');
      expect(await second.must('conflicts.resolve', { id: nameConflict.id, use: 'local' })).toEqual({ id: nameConflict.id, applied: true });
      const resolved = await waitConverged(server, org.repA, [rep, manager]);
      expect(resolved.find((d) => d.id === same)?.name).toBe(`same-${tag}-by-${secondName}`);
    },
    90_000,
  );
});
