import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server';
import { seedOrg, startTestServer, testConfig, type Org } from '../../server/testing/harness';
import type { SyncProgress } from '../../shared/contract/sync/sync-types';
import { crmCollections } from '../../shared/schemas/registry';
import { startClient, type ClientProcess } from './client-process';
import { emailOf, seedServerAccounts, signIn } from './sync-fixtures';
import { startHttpRelay, type HttpRelay } from './http-relay';
import { waitFor } from './wait-for';

const TOTAL = 40_000;
/** Each accounts page waits this long at the relay, so the app is closed in the middle of the sync. */
const PAGE_DELAY_MS = 300;

// A rep closes the laptop's app half way through the first sync; started again, the app goes on
// from where it was and its progress bar counts on from what the laptop already holds.
describe('a first sync cut by closing the app', () => {
  let server: RunningServer;
  let org: Org;
  let relay: HttpRelay;
  const clients: ClientProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'first-sync-restart-'));
  const accountsPull = `/sync/accounts/${crmCollections.accounts.version}/pull`;

  beforeAll(async () => {
    server = await startTestServer(testConfig());
    org = await seedOrg(server);
    await seedServerAccounts(server, org.repA, TOTAL);
    relay = await startHttpRelay(server.port, async (method, path) => {
      if (method === 'GET' && path.startsWith(accountsPull)) await new Promise((resolve) => setTimeout(resolve, PAGE_DELAY_MS));
    });
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.close();
    await relay?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after the restart and shows the whole sync, what was held included', async () => {
    const first = await startClient('first-sync-restart-1', { dataDir });
    try {
      await signIn(first, relay.url, await emailOf(server, org.repA));
      await waitFor(
        'a quarter of the accounts on the laptop',
        async () => ((await first.count('accounts')) >= TOTAL / 4 ? true : undefined),
        90_000,
        20,
      );
    } finally {
      await first.close();
    }

    const again = await startClient('first-sync-restart-2', { dataDir });
    clients.push(again);
    const held = await again.count('accounts');
    expect(held).toBeGreaterThanOrEqual(TOTAL / 4);
    expect(held).toBeLessThan(TOTAL);
    await waitFor(
      'the first sync to finish',
      async () => {
        const status = await again.must('sync.status', {});
        return status.state === 'up_to_date' && status.initial === undefined && (await again.count('accounts')) === TOTAL
          ? true
          : undefined;
      },
      90_000,
      100,
    );
    const progress: SyncProgress[] = (await again.statusLog()).flatMap((status) => (status.initial ? [status.initial] : []));
    // The bar knows the whole sync from its first step and counts what the laptop held as done;
    // (collections that had nothing left report an empty step before the accounts' first page).
    const steps = progress.filter((step) => step.pulled > 0);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps[0]?.total).toBe(TOTAL);
    expect(steps[0]?.pulled).toBeGreaterThan(TOTAL / 4);
    for (const [i, step] of steps.entries()) {
      expect(step.pulled).toBeLessThanOrEqual(step.total ?? Infinity);
      if (i > 0) expect(step.pulled).toBeGreaterThanOrEqual(steps[i - 1]?.pulled ?? 0);
    }
    expect(progress.at(-1)).toMatchObject({ pulled: TOTAL, total: TOTAL });
  }, 240_000);
});
