import type { Browser, BrowserContext, Page } from '@playwright/test';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import {
  coreRequest,
  createTeamWithReps,
  expectOk,
  pendingCount,
  signInThroughUi,
  startSyncServer,
  syncIndicator,
  type SyncServer,
} from './sync-fixtures';

const SHOTS = 'docs/screenshots';

type Device = { readonly host: AppHost; readonly context: BrowserContext; readonly page: Page };

/** One laptop: its own browser host (data dir) and its own browser profile (cookies, storage). */
async function openDevice(browser: Browser): Promise<Device> {
  const host = await startAppHost();
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, host);
  return { host, context, page };
}

async function closeDevice(device: Device | undefined): Promise<void> {
  if (!device) return;
  await device.context.close();
  await device.host.stop();
  removeDataDir(device.host.dataDir);
}

test.describe('sync', () => {
  test.describe.configure({ timeout: 120_000 });
  let server: SyncServer | undefined;
  const devices: Device[] = [];
  test.afterEach(async () => {
    for (const device of devices.splice(0)) await closeDevice(device);
    await server?.dispose();
    server = undefined;
  });

  test('an offline edit waits, syncs when the server is back, and a teammate sees it', async ({ browser }) => {
    server = await startSyncServer();
    const { repA, repB } = await createTeamWithReps(server);
    const [a, b] = await Promise.all([openDevice(browser), openDevice(browser)]);
    devices.push(a, b);

    // Local-only until the rep chooses to sign in: the app is usable before that.
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'signed_out');
    await expect(syncIndicator(a.page)).toContainText('Local only');
    await signInThroughUi(a.page, server.url, repA);
    await signInThroughUi(b.page, server.url, repB);
    for (const { page } of [a, b]) await expect(syncIndicator(page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });
    await expect(syncIndicator(a.page)).toContainText('synced just now');

    // Anna's account, shared with her team so Ben may read it.
    const account = await expectOk(
      coreRequest(a.page, 'accounts.create', {
        values: { name: 'Harbor Freight Logistics', status: 'active', tier: 'key', region: 'emea', currency: 'EUR', city: 'Hamburg', visibility: 'team' },
      }),
    );
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '0', { timeout: 15_000 });
    await b.page.getByTestId('nav-customers').click();
    await expect(b.page.getByText('Harbor Freight Logistics')).toBeVisible({ timeout: 20_000 });

    // The server disappears; Anna keeps working.
    await server.kill();
    await expectOk(coreRequest(a.page, 'accounts.update', { id: account.id, patch: { name: 'Harbor Freight Logistics GmbH' } }));
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '1');
    await expect(pendingCount(a.page)).toHaveText('1 change waiting');
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
    await syncIndicator(a.page).screenshot({ path: `${SHOTS}/sync-indicator-offline.png` });

    await syncIndicator(a.page).click();
    await expect(a.page.getByTestId('sync-summary')).toHaveAttribute('data-state', 'offline');
    const row = a.page.getByTestId('pending-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Harbor Freight Logistics GmbH');
    await expect(row).toContainText('Waiting to sync');
    await a.page.screenshot({ path: `${SHOTS}/sync-panel-offline.png` });

    // Back: "Sync now" skips the backoff wait; Ben's app reconnects on its own.
    const back = Date.now();
    await server.start();
    await a.page.getByTestId('sync-now').click();
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });
    await expect(a.page.getByTestId('pending-empty')).toBeVisible();
    await expect(b.page.getByText('Harbor Freight Logistics GmbH')).toBeVisible({ timeout: 45_000 });
    test.info().annotations.push({ type: 'teammate saw the change after', description: `${Date.now() - back} ms` });
    await syncIndicator(a.page).screenshot({ path: `${SHOTS}/sync-indicator-up-to-date.png` });
  });
});
