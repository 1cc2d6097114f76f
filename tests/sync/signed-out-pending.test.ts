import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { baseAccount, emailOf, serverDocs, signIn } from './sync-fixtures';
import { waitFor } from './wait-for';

/** The status recounts 300 ms after the last write; wait for the count rather than sleeping. */
async function waitPending(client: ClientProcess, count: number): Promise<void> {
  await waitFor(`${count} pending`, async () => ((await client.must('sync.status', {})).pendingChanges === count ? true : undefined));
}

// A rep starts working before their account exists, then signs in.
describe('changes made while signed out', () => {
  let server: RunningServer;
  let org: Org;
  let client: ClientProcess;
  const ids: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    client = await startClient('signed-out');
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('are pending and listed, survive a failed sign-in, and upload at the first sign-in', async () => {
    const names = ['Before sign-in 1', 'Before sign-in 2', 'Before sign-in 3'];
    for (const name of names) ids.push((await client.must('accounts.create', { values: { ...baseAccount, name } })).id);
    await client.must('accounts.update', { id: ids[0] ?? '', patch: { city: 'Lyon' } });
    // Created and deleted before any sign-in: nothing of it is the user's to upload.
    const gone = (await client.must('accounts.create', { values: { ...baseAccount, name: 'Deleted before sign-in' } })).id;
    await client.must('accounts.delete', { id: gone });

    await waitPending(client, 3);
    const before = await client.must('sync.status', {});
    expect(before.state).toBe('signed_out');
    const listed = await client.must('sync.pending', {});
    expect(listed.total).toBe(3);
    expect(listed.changes.map((c) => c.title).sort()).toEqual(names);
    expect(listed.changes.every((c) => c.collection === 'accounts' && !c.deleted && !c.error)).toBe(true);

    const email = await emailOf(server, org.repA);
    const wrong = await client.must('auth.signIn', { serverUrl: server.url, email, password: 'not the password' });
    expect(wrong).toMatchObject({ signedIn: false, error: { code: 'invalid_credentials' } });
    await waitPending(client, 3);
    expect((await client.must('sync.pending', {})).total).toBe(3);

    await signIn(client, server.url, email);
    await waitFor('the changes to reach the server', async () => {
      const onServer = await serverDocs(server, org.repA);
      return ids.every((id) => onServer.some((doc) => doc.id === id)) ? onServer : undefined;
    });
    await waitPending(client, 0);
    expect(await client.must('sync.pending', {})).toEqual({ changes: [], total: 0 });
    expect((await client.must('sync.status', {})).rejectedChanges).toBe(0);
    const onServer = await serverDocs(server, org.repA);
    expect(onServer.find((doc) => doc.id === ids[0])).toMatchObject({ name: names[0], city: 'Lyon', ownerId: org.repA.id });
  }, 60_000);

  it('after signing out (data kept) an edit is pending until the same rep signs in again', async () => {
    await client.must('auth.signOut', { wipe: false });
    const [first] = (await client.must('sync.pending', {})).changes;
    expect(first).toBeUndefined();
    const id = ids[1] ?? '';
    await client.must('accounts.update', { id, patch: { city: 'Osaka' } });

    await waitPending(client, 1);
    const listed = await client.must('sync.pending', {});
    expect(listed.changes).toMatchObject([{ id, title: 'Before sign-in 2', collection: 'accounts' }]);
    expect((await client.must('sync.status', {})).state).toBe('signed_out');

    await signIn(client, server.url, await emailOf(server, org.repA));
    await waitFor('the edit to reach the server', async () =>
      (await serverDocs(server, org.repA)).some((doc) => doc.id === id && doc.city === 'Osaka') ? true : undefined,
    );
    await waitPending(client, 0);
  }, 60_000);
});
