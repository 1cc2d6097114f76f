import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ServiceDashboard } from '../../shared/contract/service/service-dashboard-requests';
import { toServiceFilters } from '../../renderer/src/service/dashboard/service-filters';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

let host: AppHost;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startAppHost(seededDataDir('crm-service-dashboard-', ['--accounts', '40', '--seed', '13']));
});
test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

/** What the screen asks for by default: the last twelve months in the user's calendar. */
const DEFAULT_FILTERS = toServiceFilters({ period: 'last12' });
const n = (value: number): string => new Intl.NumberFormat('en-US').format(value);

async function openDashboard(page: Page): Promise<ServiceDashboard> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await page.goto(`${new URL(page.url()).origin}/#/service/dashboard`);
  await expect(page.getByTestId('service-dashboard')).toBeVisible();
  return expectOk(coreRequest(page, 'service.dashboard', { filters: DEFAULT_FILTERS }));
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('service dashboard shows the figures and charts, follows a new NPS answer, in both languages', async ({ page }) => {
  const before = await openDashboard(page);
  expect(before.totals.open + before.totals.resolvedInPeriod).toBeGreaterThan(0);
  await expect(page.getByTestId('service-figure-open')).toContainText(n(before.totals.open));
  await expect(page.getByTestId('service-figure-resolved')).toContainText(n(before.totals.resolvedInPeriod));
  await expect(page.getByTestId('service-figure-nps')).toContainText(`${n(before.totals.nps.responses)} answer`);
  for (const chart of ['priority', 'status', 'backlog', 'sla', 'csat', 'nps', 'categories']) {
    await expect(page.getByTestId(`service-chart-${chart}`).locator('canvas')).toBeVisible();
  }
  await expect(page.getByTestId('service-chart-priority').locator('.chart-box')).toHaveAttribute(
    'aria-label',
    /Open cases by priority: Low/,
  );
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'service-dashboard.png') });

  // A customer answers 9 ("promoter"): the NPS count moves without a reload.
  const contacts = await expectOk(coreRequest(page, 'contacts.list', { offset: 0, limit: 1 }));
  const contact = contacts.rows[0]!;
  await expectOk(coreRequest(page, 'surveys.record', { survey: 'nps', score: 9, accountId: contact.accountId, contactId: contact.id }));
  await expect(page.getByTestId('service-figure-nps')).toContainText(`${n(before.totals.nps.responses + 1)} answers`);

  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '服务仪表板' })).toBeVisible();
  await expect(page.getByTestId('service-figure-nps')).toContainText('份回复');
  await page.screenshot({ path: shotPath(test.info(), 'service-dashboard-zh.png') });
  await useLanguage(page, 'en');
});

test('the Service report PDF carries the dashboard figures', async ({ page }) => {
  test.setTimeout(90_000);
  const dashboard = await openDashboard(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-service').click();
  const download = await downloadPromise;
  const dir = mkdtempSync(join(tmpdir(), 'crm-service-pdf-'));
  const reportPath = join(dir, 'service.pdf');
  await download.saveAs(reportPath);
  await expect(page.getByTestId('export-message')).toContainText('PDF ready');

  const text = execFileSync('pdftotext', ['-layout', reportPath, '-']).toString();
  expect(text).toContain('Service report');
  const { totals } = dashboard;
  expect(text).toMatch(new RegExp(`Open cases\\s+${n(totals.open)}`));
  expect(text).toMatch(new RegExp(`Resolved in period\\s+${n(totals.resolvedInPeriod)}`));
  expect(text).toMatch(new RegExp(`Opened in period\\s+${n(totals.openedInPeriod)}`));
  if (totals.csat.average !== null) expect(text).toContain(`${totals.csat.average.toFixed(2)} (${n(totals.csat.responses)} answers)`);
  if (totals.nps.score !== null) expect(text).toContain(`${n(totals.nps.responses)} answers: ${totals.nps.promoters} promoters`);
  expect(text).toMatch(/Page 1 \/ \d/);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '80',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    reportPath,
    shotPath(test.info(), 'service-report-page1'),
  ]);
  removeDataDir(dir);
});

test('SLA settings list the synced policies and calendars, and the local user edits a target', async ({ page }) => {
  await openDashboard(page);
  await page.goto(`${new URL(page.url()).origin}/#/service/settings`);
  const settings = page.getByTestId('service-settings');
  await expect(settings).toBeVisible();
  await expect(page.getByTestId('settings-read-only')).toHaveCount(0);
  const policies = page.getByTestId('policy-table');
  await expect(policies.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('calendar-table').locator('tbody tr').first()).toBeVisible();

  // Change the first policy's first-response target to 3 h 15 min; the table follows the saved policy.
  const firstName = (await policies.locator('tbody tr').first().locator('td').first().textContent()) ?? '';
  await policies
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: `Edit ${firstName}` })
    .click();
  const form = page.getByTestId('policy-form');
  await form.getByTestId('policy-firstResponse-hours').fill('3');
  await form.getByTestId('policy-firstResponse-minutes').fill('15');
  await form.getByTestId('policy-save').click();
  await expect(page.getByTestId('policy-form')).toHaveCount(0);
  await expect(policies.locator('tbody tr').filter({ hasText: firstName }).first()).toContainText('3 h 15 min');

  // A calendar without a name is refused in words, nothing sent.
  await page.getByTestId('calendar-new').click();
  await page.getByTestId('calendar-save').click();
  await expect(page.getByTestId('calendar-error')).toHaveText('Give it a name.');
  await expect(page.getByTestId('calendar-zone').locator('option')).not.toHaveCount(1);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'service-settings.png') });
  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: 'SLA 策略与工作日历' })).toBeVisible();
  await page.screenshot({ path: shotPath(test.info(), 'service-settings-zh.png') });
  await useLanguage(page, 'en');
});
