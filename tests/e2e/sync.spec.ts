import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { shotPath } from './shots';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import {
  coreRequest,
  createTeamWithReps,
  expectOk,
  importAccounts,
  pendingCount,
  screenshotAround,
  serverAccountNames,
  signInThroughUi,
  startNetworkCable,
  submitSignIn,
  startSyncServer,
  syncIndicator,
  type SyncServer,
} from './sync-fixtures';

type Device = { readonly host: AppHost; readonly context: BrowserContext; readonly page: Page };

/** Accounts the upload test imports before signing in: twelve pushes of 500, three at a time. */
const IMPORTED = 6000;

/** One laptop: its own browser host (data dir) and its own browser profile (cookies, storage). */
async function openDevice(browser: Browser): Promise<Device> {
  const host = await startAppHost();
  // Twice the pixels, so the screenshots in docs/ stay sharp.
  const context = await browser.newContext({ deviceScaleFactor: 2 });
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
    // The mistakes reps make, each with its own message; the form keeps what was typed.
    await submitSignIn(a.page, server.url, { email: repA.email, password: 'not the password' });
    await expect(a.page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'invalid_credentials');
    await expect(a.page.getByTestId('sign-in-error')).toContainText('Wrong email or password.');
    await screenshotAround(a.page, a.page.getByTestId('sign-in-form'), shotPath(test.info(), 'sync-sign-in-error.png'), 16);
    await submitSignIn(b.page, 'http://127.0.0.1:9', repB);
    await expect(b.page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'unreachable');
    await expect(b.page.getByTestId('sign-in-error')).toContainText('cannot be reached');

    await signInThroughUi(a.page, server.url, repA);
    await signInThroughUi(b.page, server.url, repB);
    for (const { page } of [a, b]) await expect(syncIndicator(page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });
    await expect(syncIndicator(a.page)).toContainText('synced just now');

    // Anna's account, shared with her team so Ben may read it.
    const account = await expectOk(
      coreRequest(a.page, 'accounts.create', {
        values: {
          name: 'Harbor Freight Logistics',
          status: 'active',
          tier: 'key',
          region: 'emea',
          currency: 'EUR',
          city: 'Hamburg',
          visibility: 'team',
        },
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
    await screenshotAround(a.page, syncIndicator(a.page), shotPath(test.info(), 'sync-indicator-offline.png'));

    await syncIndicator(a.page).click();
    await expect(a.page.getByTestId('sync-summary')).toHaveAttribute('data-state', 'offline');
    const row = a.page.getByTestId('pending-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Harbor Freight Logistics GmbH');
    await expect(row).toContainText('Waiting to sync');
    await a.page.screenshot({ path: shotPath(test.info(), 'sync-panel-offline.png') });

    // Back: "Sync now" skips the backoff wait; Ben's app reconnects on its own.
    const back = Date.now();
    await server.start();
    await a.page.getByTestId('sync-now').click();
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });
    await expect(a.page.getByTestId('pending-empty')).toBeVisible();
    await expect(b.page.getByText('Harbor Freight Logistics GmbH')).toBeVisible({ timeout: 45_000 });
    test.info().annotations.push({ type: 'teammate saw the change after', description: `${Date.now() - back} ms` });
    await screenshotAround(a.page, syncIndicator(a.page), shotPath(test.info(), 'sync-indicator-up-to-date.png'));

    // Handing the laptop on: sign out and remove the local records.
    await a.page.getByTestId('nav-account').click();
    await a.page.getByTestId('sign-out').click();
    const dialog = a.page.getByTestId('sign-out-dialog');
    await dialog.getByTestId('sign-out-wipe').check();
    await dialog.getByRole('button', { name: 'Remove data and sign out' }).click();
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'signed_out');
    await expect(a.page.getByTestId('sign-in-form')).toBeVisible();
    expect(await expectOk(coreRequest(a.page, 'accounts.get', { id: account.id })).catch((error: unknown) => String(error))).toContain(
      'not_found',
    );
  });

  test('changes made before sign-in wait on this device, upload at the first sign-in, and only then reach "on the server"', async ({
    browser,
  }) => {
    server = await startSyncServer();
    const { repA } = await createTeamWithReps(server);
    const device = await openDevice(browser);
    devices.push(device);
    const { page } = device;
    await page.setViewportSize({ width: 1366, height: 768 });
    const shot = (name: string): Promise<Buffer> => page.screenshot({ path: shotPath(test.info(), name) });
    const language = async (code: 'en' | 'zh-CN'): Promise<void> => {
      await page.getByTestId('language-switch').selectOption(code);
      await expect(page.locator('html')).toHaveAttribute('lang', code);
    };
    const reachedServer = page.locator('[data-testid="pending-empty"][data-scope="server"]');

    const names = ['Before Sign-in Alpha', 'Before Sign-in Beta'];
    for (const name of names) {
      await expectOk(
        coreRequest(page, 'accounts.create', { values: { name, status: 'prospect', tier: 'standard', region: 'emea', currency: 'EUR' } }),
      );
    }
    await expect(pendingCount(page)).toHaveAttribute('data-count', '2');
    await expect(pendingCount(page)).toHaveText('2 changes waiting');
    await page.getByTestId('nav-sync').click();
    await expect(page.getByTestId('sync-summary')).toHaveAttribute('data-state', 'signed_out');
    await expect(page.getByTestId('signed-out-pending')).toHaveText(
      'Not signed in: 2 changes are kept on this device and upload when you sign in.',
    );
    const rows = page.getByTestId('pending-row');
    await expect(rows).toHaveCount(2);
    for (const name of names) await expect(rows.filter({ hasText: name })).toContainText('Uploads at sign-in');
    await expect(reachedServer).toHaveCount(0);
    await shot('sync-signed-out-pending-en.png');
    await language('zh-CN');
    await expect(page.getByTestId('signed-out-pending')).toHaveText('尚未登录：2 项更改保存在本设备上，登录后即会上传。');
    await expect(rows.first()).toContainText('登录后上传');
    await shot('sync-signed-out-pending-zh-CN.png');
    await language('en');

    // Plain http:// to another computer is refused by the core, next to the address field.
    await submitSignIn(page, 'http://sync.example.com', repA);
    const urlError = page.getByTestId('sign-in-url-error');
    await expect(urlError).toHaveAttribute('data-code', 'insecure_url');
    await expect(urlError).toContainText('This address is not encrypted (http://)');
    const address = page.getByTestId('sign-in-form').locator('input[name="serverUrl"]');
    await expect(address).toHaveAttribute('aria-invalid', 'true');
    await expect(address).toHaveAccessibleDescription(/not encrypted/);
    await expect(page.getByTestId('sign-in-error')).toHaveCount(0);
    await shot('sync-sign-in-insecure-en.png');
    await language('zh-CN');
    await expect(urlError).toContainText('此地址未加密（http://）');
    await shot('sync-sign-in-insecure-zh-CN.png');
    await language('en');

    // A failed sign-in changes nothing: the changes still wait.
    await submitSignIn(page, server.url, { email: repA.email, password: 'not the password' });
    await expect(page.getByTestId('sign-in-error')).toHaveAttribute('data-code', 'invalid_credentials');
    await expect(urlError).toHaveCount(0);
    await expect(address).not.toHaveAttribute('aria-invalid', 'true');
    await expect(pendingCount(page)).toHaveAttribute('data-count', '2');
    expect(await serverAccountNames(server, repA)).toEqual([]);

    await signInThroughUi(page, server.url, repA);
    await expect(pendingCount(page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect(syncIndicator(page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });
    await expect(reachedServer).toHaveText('Every change made on this device has reached the server.');
    await expect(page.getByTestId('signed-out-pending')).toHaveCount(0);
    expect(await serverAccountNames(server, repA)).toEqual(names);
    await shot('sync-uploaded-en.png');
    await language('zh-CN');
    await expect(reachedServer).toHaveText('本设备上的所有更改都已上传到服务器。');
    await shot('sync-uploaded-zh-CN.png');
  });

  test('a first sign-in with a laptop full of records shows the upload, carries on after the Wi-Fi drops, and ends with nothing waiting', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    // Each push holds its transaction for a moment, so the upload lasts long enough to be seen and cut.
    server = await startSyncServer({ SYNC_FAULT_PUSH_PAUSE_MS: '1500' });
    const cable = await startNetworkCable(server.url);
    try {
      const { repA } = await createTeamWithReps(server);
      const device = await openDevice(browser);
      devices.push(device);
      const { page } = device;
      await page.setViewportSize({ width: 1366, height: 768 });
      const shot = (name: string): Promise<Buffer> => page.screenshot({ path: shotPath(test.info(), name) });
      // A customer list imported before any server existed.
      const rows = Array.from({ length: IMPORTED }, (_, i) => [`Imported Customer ${i}`, 'Active', 'Standard', 'EMEA', 'EUR']);
      expect(await importAccounts(page, ['name', 'status', 'tier', 'region', 'currency'], rows)).toBe(IMPORTED);

      await signInThroughUi(page, cable.url, repA);
      await page.getByTestId('nav-sync').click();
      const upload = page.getByTestId('upload-progress');
      await expect(upload).toContainText(/[\d,]+ of [\d,]+ changes uploaded/, { timeout: 60_000 });

      cable.plug(false);
      await expect(syncIndicator(page)).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });
      // The upload stays where it stopped, in the panel and in the header.
      await expect(upload).toContainText(`of ${IMPORTED.toLocaleString('en')} changes uploaded`);
      await expect(syncIndicator(page)).toContainText(/\d+% uploaded/);
      // What the server confirmed no longer counts as waiting, though its batch is not finished.
      await expect.poll(async () => Number(await pendingCount(page).getAttribute('data-count'))).toBeLessThan(IMPORTED);
      await shot('sync-upload-cut-en.png');
      // The upload card passes axe (serious and critical rules), as every screen does in a11y.spec.ts.
      const serious = async (): Promise<string[]> =>
        (await new AxeBuilder({ page }).analyze()).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id);
      expect(await serious()).toEqual([]);
      await page.getByTestId('language-switch').selectOption('zh-CN');
      await expect(upload).toContainText('正在上传更改');
      await expect(upload).toContainText(/已上传 [\d,]+ \/ [\d,]+ 项更改/);
      await expect(syncIndicator(page)).toContainText(/已上传 \d+%/);
      await shot('sync-upload-cut-zh-CN.png');
      expect(await serious()).toEqual([]);
      await page.getByTestId('language-switch').selectOption('en');

      cable.plug(true);
      await page.getByTestId('sync-now').click();
      await expect(pendingCount(page)).toHaveAttribute('data-count', '0', { timeout: 180_000 });
      await expect(syncIndicator(page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 30_000 });
      await expect(upload).toHaveCount(0);
      expect((await expectOk(coreRequest(page, 'conflicts.list', {}))).total).toBe(0);
    } finally {
      await cable.close();
    }
  });

  test('the same field changed on two laptops becomes a conflict the rep resolves', async ({ browser }) => {
    server = await startSyncServer();
    const { repA } = await createTeamWithReps(server);
    // Anna's laptop reaches the server through a cable the test can pull; her desktop directly.
    const cable = await startNetworkCable(server.url);
    try {
      const [laptop, desktop] = await Promise.all([openDevice(browser), openDevice(browser)]);
      devices.push(laptop, desktop);
      await signInThroughUi(laptop.page, cable.url, repA);
      await signInThroughUi(desktop.page, server.url, repA);
      const account = await expectOk(
        coreRequest(laptop.page, 'accounts.create', {
          values: { name: 'Nordwind Maschinenbau', status: 'prospect', tier: 'standard', region: 'emea', currency: 'EUR', city: 'Hamburg' },
        }),
      );
      await expect(pendingCount(laptop.page)).toHaveAttribute('data-count', '0', { timeout: 15_000 });
      await expect
        .poll(async () => (await coreRequest(desktop.page, 'accounts.get', { id: account.id })).ok, { timeout: 20_000 })
        .toBe(true);

      cable.plug(false);
      await expect(syncIndicator(laptop.page)).toHaveAttribute('data-state', 'offline', { timeout: 20_000 });
      await expectOk(coreRequest(laptop.page, 'accounts.update', { id: account.id, patch: { city: 'Bremen' } }));
      await expectOk(coreRequest(desktop.page, 'accounts.update', { id: account.id, patch: { city: 'München' } }));
      await expect(pendingCount(desktop.page)).toHaveAttribute('data-count', '0', { timeout: 15_000 });

      cable.plug(true);
      await syncIndicator(laptop.page).click();
      await laptop.page.getByTestId('sync-now').click();
      const badge = laptop.page.getByTestId('conflicts-badge');
      await expect(badge).toHaveText('1', { timeout: 20_000 });
      await laptop.page.getByTestId('nav-conflicts').click();
      const card = laptop.page.getByTestId('conflict-card');
      await expect(card).toHaveCount(1);
      await expect(card).toHaveAttribute('data-field', 'city');
      await expect(card.getByTestId('conflict-mine')).toHaveText('Bremen');
      await expect(card.getByTestId('conflict-server')).toHaveText('München');
      await expect(card).toContainText('Hamburg');
      await laptop.page.screenshot({ path: shotPath(test.info(), 'sync-conflicts.png') });

      await card.getByRole('button', { name: 'Use my value' }).click();
      await expect(card).toHaveCount(0);
      await expect(badge).toHaveCount(0);
      await expect(laptop.page.getByText('No conflicts')).toBeVisible();
      await expect(pendingCount(laptop.page)).toHaveAttribute('data-count', '0', { timeout: 15_000 });
      await expect
        .poll(
          async () => {
            const result = await coreRequest(desktop.page, 'accounts.get', { id: account.id });
            return result.ok ? result.value.city : undefined;
          },
          { timeout: 30_000 },
        )
        .toBe('Bremen');
    } finally {
      await cable.close();
    }
  });
});
