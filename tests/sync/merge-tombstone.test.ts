import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount, emailOf, signIn, waitConverged } from './sync-fixtures';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';
import { waitFor } from './wait-for';

// A rep merges two of their accounts on one laptop; their manager's laptop, offline meanwhile, has
// just logged a call on the account that is merged away.
describe('a merge reaches another device', () => {
  let server: RunningServer;
  let org: Org;
  let rep: ClientProcess;
  let manager: ClientProcess;
  let managerLink: TcpProxy;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    managerLink = await startTcpProxy(server.port);
    [rep, manager] = await Promise.all([startClient('rep'), startClient('manager')]);
    await signIn(rep, server.url, await emailOf(server, org.repA));
    await signIn(manager, managerLink.url, await emailOf(server, org.managerA));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([rep?.close(), manager?.close()]);
    await managerLink?.close();
    await server?.close();
  });

  it('shows the loser as merged into the survivor, keeps it merged over an offline edit and moves a child written offline', async () => {
    const survivor = (await rep.must('accounts.create', { values: { ...baseAccount, name: 'Umbrella Corporation', city: 'Raccoon City' } }))
      .id;
    const loser = (await rep.must('accounts.create', { values: { ...baseAccount, name: 'Umbrella Corp', phone: '+1 555 0100' } })).id;
    const contact = (
      await rep.must('contacts.create', { values: { accountId: loser, lastName: 'Wesker', isPrimary: true, doNotContact: false } })
    ).id;
    await waitConverged(server, org.repA, [rep, manager]);
    await waitFor('the contact on the manager', async () => ((await manager.count('contacts')) > 0 ? true : undefined));

    managerLink.setOnline(false);
    await waitFor('manager offline', async () => ((await manager.must('sync.status', {})).state === 'offline' ? true : undefined));
    const call = (
      await manager.must('activities.create', {
        values: {
          type: 'call',
          subject: 'Called about the renewal',
          accountId: loser,
          done: true,
          priority: 'normal',
          ownerId: org.repA.id,
        },
      })
    ).id;

    // An offline edit of the record about to be merged away: the merge wins, the edit becomes a conflict.
    await manager.must('accounts.update', { id: loser, patch: { notes: 'Asked for a new quote' } });

    const merged = await rep.must('duplicates.merge', {
      entity: 'account',
      survivorId: survivor,
      loserId: loser,
      take: { phone: 'loser' },
    });
    expect(merged.moved).toMatchObject({ contacts: 1 });

    managerLink.setOnline(true);
    await manager.must('sync.now', {});
    await waitConverged(server, org.repA, [rep, manager]);

    // The manager's device follows the old id to the survivor; the offline edit did not bring the loser back.
    const opened = await manager.call('accounts.get', { id: loser });
    expect(opened.ok ? null : opened.error).toMatchObject({ code: 'not_found', reason: 'merged', reasonParams: { survivorId: survivor } });
    expect((await manager.must('accounts.get', { id: survivor })).phone).toBe('+1 555 0100');
    expect((await manager.must('contacts.get', { id: contact })).accountId).toBe(survivor);

    // The call logged offline on the loser ends on the survivor, on both devices.
    for (const client of [manager, rep]) {
      await waitFor(`${client.name} sees the call on the survivor`, async () => {
        const activity = (await client.docs('activities')).find((doc) => doc.id === call);
        return activity?.accountId === survivor ? true : undefined;
      });
    }
  }, 90_000);
});
