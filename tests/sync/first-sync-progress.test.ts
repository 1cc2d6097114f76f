import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { account, api, pushRows, seedOrg, startTestServer, testConfig, type Json, type Org } from '../../server/testing/harness';
import { crmCollections } from '../../shared/schemas/registry';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, signIn } from './sync-fixtures';
import { startHttpRelay, type HttpRelay } from './http-relay';
import { waitFor } from './wait-for';

const ACCOUNTS = 6000;
const CONTACTS = 6000;
const CHANGED = 200;
const CREATED = 50;

// More than one pull page (5,000) per collection, so the server can change between a collection's pages.
describe('first-sync progress', () => {
  let server: RunningServer;
  let org: Org;
  let client: ClientProcess | undefined;
  let relay: HttpRelay | undefined;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
  });
  afterAll(async () => {
    await client?.close();
    await relay?.close();
    await server?.close();
  });

  it('never shows more records done than in total while the server changes, and ends with done = total', async () => {
    const http = api(server);
    const accountsPath = `accounts/${crmCollections.accounts.version}`;
    const contactsPath = `contacts/${crmCollections.contacts.version}`;
    const accounts = Array.from({ length: ACCOUNTS }, (_, i) => account(org.repA, { name: `Account ${i}` }));
    const contacts: Json[] = Array.from({ length: CONTACTS }, (_, i) => ({
      id: `con-${i}-${String(accounts[0]?.id)}`,
      ownerId: org.repA.id,
      teamId: org.repA.teamId,
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000,
      accountId: String(accounts[i % ACCOUNTS]?.id),
      lastName: `Person ${i}`,
      isPrimary: false,
      doNotContact: false,
    }));
    const push = async (path: string, rows: Array<{ assumedMasterState?: Json; newDocumentState: Json }>): Promise<void> => {
      for (let i = 0; i < rows.length; i += 500) {
        const r = await pushRows(http, org.repA.token, rows.slice(i, i + 500), path);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body).toMatchObject({ conflicts: [], errors: [] });
      }
    };
    await push(
      accountsPath,
      accounts.map((doc) => ({ newDocumentState: doc })),
    );
    await push(
      contactsPath,
      contacts.map((doc) => ({ newDocumentState: doc })),
    );

    // Between the first and the second accounts page the rep's other laptop edits records this
    // one has just received (they come again, later in the feed) and adds new ones; the second
    // contacts page waits until the accounts are through, so one collection ends while another runs.
    let changed: Promise<void> | undefined;
    const changeServer = async (): Promise<void> => {
      await push(
        accountsPath,
        accounts.slice(0, CHANGED).map((doc) => ({
          assumedMasterState: { ...doc, serverRevision: 1 },
          newDocumentState: { ...doc, name: `${String(doc.name)} (edited during the first sync)`, updatedAt: 1_700_000_100_000 },
        })),
      );
      await push(
        accountsPath,
        Array.from({ length: CREATED }, (_, i) => ({ newDocumentState: account(org.repA, { name: `New during sync ${i}` }) })),
      );
    };
    relay = await startHttpRelay(server.port, async (method, path) => {
      if (method !== 'GET' || !path.includes('/pull?')) return;
      if (!path.includes('checkpoint=')) {
        // The contacts' first page comes only after the accounts are through: still one first sync.
        if (path.startsWith(`/sync/${contactsPath}/`)) {
          await waitFor('the accounts to change first', async () => (changed ? true : undefined), 60_000, 20);
          await changed;
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
        return;
      }
      if (path.startsWith(`/sync/${accountsPath}/`)) {
        changed ??= changeServer();
        await changed;
      } else if (path.startsWith(`/sync/${contactsPath}/`)) {
        await waitFor('the accounts to change first', async () => (changed ? true : undefined), 60_000, 20);
        await changed;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    });

    client = await startClient('first-sync');
    await signIn(client, relay.url, await emailOf(server, org.repA));
    const c = client;
    await waitFor(
      'the first sync to finish',
      async () => {
        const status = await c.must('sync.status', {});
        return status.state === 'up_to_date' && status.initial === undefined ? true : undefined;
      },
      90_000,
      200,
    );
    expect(await c.count('accounts')).toBe(ACCOUNTS + CREATED);
    expect(await c.count('contacts')).toBe(CONTACTS);

    const progress = (await c.statusLog()).flatMap((status) => (status.initial ? [status.initial] : []));
    expect(progress.length).toBeGreaterThan(2);
    for (const step of progress) {
      expect(step.total, JSON.stringify(step)).toBeDefined();
      expect(step.pulled, JSON.stringify(step)).toBeLessThanOrEqual(step.total ?? -1);
    }
    expect(progress.some((step) => step.pulled < (step.total ?? 0))).toBe(true);
    expect(progress.at(-1)).toEqual({ pulled: ACCOUNTS + CREATED + CONTACTS, total: ACCOUNTS + CREATED + CONTACTS });
  }, 150_000);
});
