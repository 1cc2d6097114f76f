import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import { crmCollections } from '../../shared/schemas/registry';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, seedServerAccounts, signIn } from './sync-fixtures';
import { startHttpRelay, type HttpRelay } from './http-relay';
import { waitFor } from './wait-for';

const TOTAL = 30_000;
/** Each accounts page waits this long at the relay, so the cut falls in the middle of the sync. */
const PAGE_DELAY_MS = 300;

type Pulled = { readonly at: number; readonly ids: readonly string[] };

// A rep's first sync of 30,000 accounts loses the network half way and picks up where it stopped.
describe('a first sync cut half way', () => {
  let server: RunningServer;
  let org: Org;
  let relay: HttpRelay;
  let client: ClientProcess | undefined;
  const pulled: Pulled[] = [];
  const accountsPull = `/sync/accounts/${crmCollections.accounts.version}/pull`;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    await seedServerAccounts(server, org.repA, TOTAL);
    relay = await startHttpRelay(
      server.port,
      async (method, path) => {
        if (method === 'GET' && path.startsWith(accountsPull)) await new Promise((resolve) => setTimeout(resolve, PAGE_DELAY_MS));
      },
      {
        onAnswer(method, path, status, body) {
          if (method !== 'GET' || !path.startsWith(accountsPull) || status !== 200) return;
          const page = JSON.parse(body.toString('utf8')) as { documents: Array<{ id: string }> };
          pulled.push({ at: Date.now(), ids: page.documents.map((doc) => doc.id) });
        },
      },
    );
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await relay?.close();
    await server?.close();
  });

  it('finishes without pulling again what it had, and its progress carries on from there', async () => {
    client = await startClient('first-sync-resume');
    const c = client;
    await signIn(c, relay.url, await emailOf(server, org.repA));
    await waitFor('half the accounts on the laptop', async () => ((await c.count('accounts')) >= TOTAL / 2 ? true : undefined), 90_000, 20);
    relay.setOnline(false);
    const cutAt = Date.now();
    await waitFor('the laptop offline', async () => ((await c.must('sync.status', {})).state === 'offline' ? true : undefined), 30_000);
    // Pages that arrived before the cut are still being stored; then nothing moves until the network is back.
    await waitFor(
      'the pages that came before the cut stored',
      async () => {
        const before = await c.count('accounts');
        await new Promise((resolve) => setTimeout(resolve, 500));
        return (await c.count('accounts')) === before ? true : undefined;
      },
      30_000,
    );
    const had = new Set((await c.docs('accounts')).map((doc) => String(doc.id)));
    expect(had.size).toBeGreaterThanOrEqual(TOTAL / 2);
    expect(had.size).toBeLessThan(TOTAL);
    const atCut = (await c.must('sync.status', {})).initial;
    expect(atCut?.total).toBe(TOTAL);
    expect(atCut?.pulled).toBeLessThan(TOTAL);

    relay.setOnline(true);
    await c.must('sync.now', {});
    await waitFor(
      'the first sync to finish',
      async () => {
        const status = await c.must('sync.status', {});
        return status.state === 'up_to_date' && status.initial === undefined && (await c.count('accounts')) === TOTAL ? true : undefined;
      },
      90_000,
      100,
    );

    const after = pulled.filter((page) => page.at > cutAt).flatMap((page) => page.ids);
    expect(after.filter((id) => had.has(id))).toEqual([]);
    expect(new Set([...had, ...after]).size).toBe(TOTAL);
    // The bar went on from where it stood at the cut: it never showed fewer records than then.
    const progress = (await c.statusLog()).flatMap((status) => (status.initial ? [status.initial] : []));
    const cutIndex = progress.findIndex((step) => step.pulled === atCut?.pulled);
    expect(cutIndex).toBeGreaterThanOrEqual(0);
    for (const step of progress.slice(cutIndex)) expect(step.pulled).toBeGreaterThanOrEqual(atCut?.pulled ?? 0);
    expect(progress.at(-1)).toMatchObject({ pulled: TOTAL, total: TOTAL });
  }, 240_000);
});
