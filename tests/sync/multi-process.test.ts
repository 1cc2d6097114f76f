import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { account, api, pushRows, seedOrg, startTestServer, testEnv, type Org, type TestEnv } from '../../server/testing/harness';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, signIn, waitConverged } from './sync-fixtures';

// Several server processes share one PostgreSQL (LISTEN/NOTIFY); PGlite is one process by design.
const pg = Boolean(process.env.DATABASE_URL);

describe.skipIf(!pg)('two server processes on one PostgreSQL (skipped when DATABASE_URL is unset)', () => {
  let env: TestEnv;
  let a: RunningServer;
  let b: RunningServer;
  let org: Org;
  let client: ClientProcess;

  beforeAll(async () => {
    env = await testEnv('pg');
    [a, b] = await Promise.all([startTestServer(env.config), startTestServer(env.config)]);
    org = await seedOrg(a);
    client = await startClient('multi');
    await signIn(client, b.url, await emailOf(a, org.repA));
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await Promise.all([a?.close(), b?.close()]);
    await env?.cleanup();
  });

  it('a change pushed through one process reaches a client streaming from the other (DATABASE_URL only)', async () => {
    await waitConverged(b, org.repA, [client]);
    const doc = account(org.repA, { name: 'via process A' });
    const started = Date.now();
    expect((await pushRows(api(a), org.repA.token, [{ newDocumentState: doc }])).body).toMatchObject({ conflicts: [], errors: [] });
    const final = await waitConverged(b, org.repA, [client], 10_000);
    expect(final.map((d) => d.id)).toContain(doc.id);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 60_000);
});
