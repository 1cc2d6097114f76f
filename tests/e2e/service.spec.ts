import type { Browser, BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import {
  coreRequest,
  createTeamWithManager,
  expectOk,
  pendingCount,
  signInThroughUi,
  startSyncServer,
  syncIndicator,
  type SyncServer,
} from './sync-fixtures';

type Device = { readonly host: AppHost; readonly context: BrowserContext; readonly page: Page };

async function openDevice(browser: Browser): Promise<Device> {
  const host = await startAppHost();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openApp(page, host);
  return { host, context, page };
}

async function closeDevice(device: Device): Promise<void> {
  await device.context.close();
  await device.host.stop();
  removeDataDir(device.host.dataDir);
}

const goTo = (page: Page, route: string): Promise<unknown> => page.goto(`${new URL(page.url()).origin}/#/${route}`);

/** Every hour of every day, so the SLA clock runs whenever the test does. */
const ALWAYS = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);

test.describe('service', () => {
  test.describe.configure({ timeout: 360_000 });
  let server: SyncServer | undefined;
  let database: ScratchDatabase | undefined;
  const devices: Device[] = [];
  test.afterEach(async () => {
    for (const device of devices.splice(0)) await closeDevice(device);
    await server?.dispose();
    server = undefined;
    await database?.drop();
    database = undefined;
  });

  test('a rep works a case offline during a visit; back online, the manager sees it on the service dashboard and in the Service report', async ({
    browser,
  }) => {
    // A database of its own: articles are company-wide, and a shared PostgreSQL would hold earlier
    // runs' copies of these two, crowding the first page of the rep's search.
    database = await createScratchDatabase('crm_service');
    server = await startSyncServer({ DATABASE_URL: database?.url ?? '' });
    const { rep, manager } = await createTeamWithManager(server);
    const [repDevice, managerDevice] = await Promise.all([openDevice(browser), openDevice(browser)]);
    devices.push(repDevice, managerDevice);
    const { page } = repDevice;
    const boss = managerDevice.page;
    await signInThroughUi(page, server.url, rep);
    await signInThroughUi(boss, server.url, manager);
    for (const p of [page, boss]) await expect(syncIndicator(p)).toHaveAttribute('data-state', 'up_to_date', { timeout: 30_000 });

    // The manager keeps the service reference data: a calendar, a policy for high priority, two articles.
    const calendar = await expectOk(
      coreRequest(boss, 'service.saveCalendar', {
        values: { name: 'Around the clock', timeZone: 'Europe/Berlin', week: ALWAYS, holidays: [] },
      }),
    );
    const policy = await expectOk(
      coreRequest(boss, 'service.savePolicy', {
        values: {
          name: 'High priority',
          priority: 'high',
          calendarId: calendar.id,
          firstResponseMinutes: 240,
          resolutionMinutes: 1440,
          atRiskPercent: 75,
          reopenWindowDays: 14,
          active: true,
        },
      }),
    );
    const body = (lines: string[]): string => lines.join('\n\n');
    const english = 'Recalibrating the label printer after a firmware update';
    const chinese = '扫描枪无法连接的处理方法';
    await expectOk(
      coreRequest(boss, 'knowledge.save', {
        values: {
          title: english,
          summary: 'When labels print offset, recalibrate the sensor.',
          body: body(['# Recalibration', 'Hold the feed button for five seconds until the light blinks twice.']),
          category: 'hardware',
          language: 'en',
          status: 'published',
          tags: ['printer'],
        },
      }),
    );
    await expectOk(
      coreRequest(boss, 'knowledge.save', {
        values: {
          title: chinese,
          summary: '扫描枪蓝牙断开时的排查步骤。',
          body: body(['# 排查步骤', '先重启扫描枪，再在设置中重新配对蓝牙。']),
          category: 'hardware',
          language: 'zh-CN',
          status: 'published',
        },
      }),
    );
    await expect(pendingCount(boss)).toHaveAttribute('data-count', '0', { timeout: 30_000 });

    // The rep's customer, contact and today's visit.
    const account = await expectOk(
      coreRequest(page, 'accounts.create', {
        values: { name: 'Lindqvist Packaging', status: 'active', tier: 'key', region: 'emea', currency: 'EUR', city: 'Gothenburg' },
      }),
    );
    const contact = await expectOk(
      coreRequest(page, 'contacts.create', {
        values: { accountId: account.id, firstName: 'Sofia', lastName: 'Lindqvist', isPrimary: true, doNotContact: false },
      }),
    );
    await expectOk(
      coreRequest(page, 'activities.create', {
        values: {
          type: 'visit',
          subject: 'Site visit at the packing line',
          dueAt: Date.now() - 30 * 60_000,
          done: false,
          priority: 'normal',
          accountId: account.id,
          contactId: contact.id,
        },
      }),
    );
    await expect(pendingCount(page)).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    // The reference data has reached the rep's laptop, both articles: the manager's pending count
    // is recounted a moment after a write, so its 0 above does not prove the second one was sent.
    const searched = async (text: string, title: string): Promise<boolean> =>
      (await expectOk(coreRequest(page, 'knowledge.search', { text, limit: 50 }))).hits.some((h) => h.title === title);
    await expect.poll(() => searched('recalib', english), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => searched('扫描枪', chinese), { timeout: 30_000 }).toBe(true);
    const synced = async (): Promise<boolean> =>
      (await expectOk(coreRequest(page, 'service.settings', {}))).policies.some((p) => p.id === policy.id);
    await expect.poll(synced, { timeout: 30_000 }).toBe(true);

    // Offline from here: the basement of the customer's plant.
    await server.kill();
    await expect(syncIndicator(page)).toHaveAttribute('data-state', 'offline', { timeout: 30_000 });

    // A case raised during the visit, from the account page.
    await goTo(page, `customers/accounts/${account.id}`);
    const visitActions = page.getByRole('group', { name: 'Service for visit Site visit at the packing line' });
    await visitActions.getByRole('button', { name: 'New case from this visit' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case from this visit' });
    await dialog.getByLabel('Subject').fill('Labels print offset after the firmware update');
    await dialog.getByLabel('Priority').selectOption('high');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await expect(page.getByTestId('case-page')).toBeVisible();
    await expect(page.getByTestId('case-status')).toContainText('New');

    // The SLA countdown runs; waiting on the customer pauses it.
    const resolution = page.getByTestId('sla-resolution');
    await expect(resolution).toHaveAttribute('data-state', 'on_track');
    await expect(page.getByTestId('sla-resolution-countdown')).toContainText('left');
    await page.getByTestId('move-open').click();
    await expect(page.getByTestId('case-status')).toContainText('Open');
    await page.getByTestId('move-pending_customer').click();
    await expect(page.getByTestId('case-status')).toContainText('Waiting on customer');
    await expect(resolution).toHaveAttribute('data-state', 'paused');
    await expect(page.getByTestId('sla-panel')).toContainText('Paused while waiting on the customer.');
    await page.screenshot({ path: shotPath(test.info(), 'service-case-paused.png') });

    // Articles by a Chinese word and by the start of an English word; the English one gets linked.
    const articles = page.getByTestId('case-articles');
    const search = articles.getByLabel('Search articles');
    await search.fill('扫描枪');
    await expect(articles.getByTestId('article-hit').filter({ hasText: chinese })).toBeVisible();
    await search.fill('recalib');
    const hit = articles.getByTestId('article-hit').filter({ hasText: english });
    await expect(hit).toBeVisible();
    await expect(hit.locator('mark').first()).toContainText(/recalib/i);
    await hit.getByRole('button', { name: `Link article ${english}` }).click();
    await expect(articles.getByTestId('linked-articles')).toContainText(english);

    // Resolved on site; the customer gives a CSAT of 5 and Sofia an NPS of 9.
    await page.getByTestId('move-resolved').click();
    await expect(page.getByTestId('case-status')).toContainText('Resolved');
    await expect(resolution).toHaveAttribute('data-state', 'met');
    const csat = page.getByTestId('case-csat');
    await csat.getByRole('button', { name: 'Record CSAT' }).click();
    const csatDialog = page.getByTestId('csat-dialog');
    await csatDialog.getByLabel('5, very satisfied').check();
    await csatDialog.getByRole('button', { name: 'Save answer' }).click();
    await expect(csatDialog).toBeHidden();
    await expect(csat).toContainText('5');

    await goTo(page, `customers/contacts/${contact.id}`);
    await page.getByTestId('contact-service').getByRole('button', { name: 'Record NPS' }).click();
    const npsDialog = page.getByTestId('nps-dialog');
    await npsDialog.getByLabel('9', { exact: true }).check();
    await npsDialog.getByRole('button', { name: 'Save answer' }).click();
    await expect(npsDialog).toBeHidden();
    await expect(pendingCount(page)).not.toHaveAttribute('data-count', '0');

    // Back online: everything reaches the server and the manager's laptop.
    await server.start();
    await syncIndicator(page).click();
    await page.getByTestId('sync-now').click();
    await expect(pendingCount(page)).toHaveAttribute('data-count', '0', { timeout: 45_000 });

    await goTo(boss, 'service/dashboard');
    const dashboard = boss.getByTestId('service-dashboard');
    await expect(dashboard.getByTestId('service-figure-resolved').locator('dd').first()).toHaveText('1', { timeout: 45_000 });
    await expect(dashboard.getByTestId('service-figure-csat')).toContainText('5.00', { timeout: 45_000 });
    await expect(dashboard.getByTestId('service-figure-csat')).toContainText('1 answer');
    await expect(dashboard.getByTestId('service-figure-nps')).toContainText('+100', { timeout: 45_000 });
    await expect(dashboard.getByTestId('service-figure-nps')).toContainText('1 answer');
    await expect(dashboard.getByTestId('service-figure-sla').locator('dd').first()).toHaveText('100%');
    await boss.screenshot({ path: shotPath(test.info(), 'service-dashboard-manager.png') });

    // The Service report carries the same figures on paper.
    const downloadPromise = boss.waitForEvent('download');
    await boss.getByTestId('export-service').click();
    const download = await downloadPromise;
    const dir = mkdtempSync(join(tmpdir(), 'crm-service-pdf-'));
    try {
      const reportPath = join(dir, 'service.pdf');
      await download.saveAs(reportPath);
      const text = execFileSync('pdftotext', ['-layout', reportPath, '-']).toString();
      expect(text).toContain('Service report');
      expect(text).toMatch(/CSAT[\s\S]*5\.00/);
      expect(text).toMatch(/NPS[\s\S]*\+100/);
      expect(text).toContain('100%');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
