import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { MarketingDashboard, MarketingDashboardFilters } from '../../shared/contract/marketing/marketing-dashboard-requests';
import { toMarketingFilters } from '../../renderer/src/marketing/dashboard/marketing-filters';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

let host: AppHost;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startAppHost(seededDataDir('crm-marketing-dashboard-', ['--accounts', '150', '--seed', '7']));
});
test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

/** What the screen asks for by default: the last twelve months in the user's calendar. */
const filtersFor = (model?: MarketingDashboardFilters['model']): MarketingDashboardFilters =>
  toMarketingFilters({ period: 'last12', ...(model ? { model } : {}) });
const percent = (value: number): string => new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(value);

async function openDashboard(page: Page): Promise<MarketingDashboard> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await page.goto(`${new URL(page.url()).origin}/#/marketing/dashboard`);
  await expect(page.getByTestId('marketing-dashboard')).toBeVisible();
  return expectOk(coreRequest(page, 'marketing.dashboard', { filters: filtersFor() }));
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('marketing dashboard shows ROI under the chosen attribution model, charts with text, in both languages', async ({ page }) => {
  const dashboard = await openDashboard(page);
  expect(dashboard.campaigns.length).toBeGreaterThan(0);
  expect(dashboard.totals.roi).not.toBeNull();
  await expect(page.getByTestId('marketing-figure-roi')).toContainText(percent(dashboard.totals.roi!));
  for (const chart of ['spend', 'roi-campaign', 'roi-type', 'leads', 'funnel']) {
    await expect(page.getByTestId(`marketing-chart-${chart}`).locator('canvas')).toBeVisible();
  }
  await expect(page.getByTestId('marketing-chart-funnel').locator('.chart-box')).toHaveAttribute('aria-label', /Member funnel: Targeted/);

  // Switching the model changes the figures to that model's, from the keyboard too.
  const firstTouch = await expectOk(coreRequest(page, 'marketing.dashboard', { filters: filtersFor('first_touch') }));
  await page.getByTestId('attribution-first_touch').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('attribution-first_touch')).toBeChecked();
  await expect(page.getByTestId('marketing-figure-roi')).toContainText(percent(firstTouch.totals.roi!));
  await expect(page.getByTestId('marketing-figure-revenue')).toContainText('First touch');
  const firstRow = firstTouch.campaigns[0]!;
  await expect(page.getByTestId('marketing-campaign-table').locator('tbody tr').first()).toContainText(
    firstRow.roi === null ? 'no cost recorded' : percent(firstRow.roi),
  );

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'marketing-dashboard.png') });

  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '营销仪表板' })).toBeVisible();
  await expect(page.getByTestId('marketing-figure-roi')).toContainText('投资回报率');
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'marketing-dashboard-zh.png') });
  await useLanguage(page, 'en');
});

test('the Campaign report PDF carries the ROI figures as text', async ({ page }) => {
  test.setTimeout(90_000);
  await openDashboard(page);
  await page.getByTestId('attribution-even_split').check();
  const dashboard = await expectOk(coreRequest(page, 'marketing.dashboard', { filters: filtersFor('even_split') }));
  await expect(page.getByTestId('marketing-figure-roi')).toContainText(percent(dashboard.totals.roi!));
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-campaign').click();
  const download = await downloadPromise;
  const dir = mkdtempSync(join(tmpdir(), 'crm-campaign-pdf-'));
  const reportPath = join(dir, 'campaign.pdf');
  await download.saveAs(reportPath);
  await expect(page.getByTestId('export-message')).toContainText('PDF ready');

  const text = execFileSync('pdftotext', ['-layout', reportPath, '-']).toString();
  expect(text).toContain('Campaign report');
  expect(text).toContain(`Total ROI: ${percent(dashboard.totals.roi!)} (${dashboard.currency}, Even split)`);
  const totals = dashboard.totals;
  expect(text).toMatch(new RegExp(`${totals.currency}\\s+${totals.campaigns}\\s+[^\\n]*${escape(percent(totals.roi!))}`));
  // Each campaign's ROI under the chosen model is in its table.
  for (const row of dashboard.campaigns) expect(text).toContain(row.roi === null ? 'no cost recorded' : percent(row.roi));
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
    shotPath(test.info(), 'campaign-report-page1'),
  ]);
  removeDataDir(dir);
});

test('discover segments groups the accounts in words and saves a group as a segment', async ({ page }) => {
  test.setTimeout(120_000);
  await openDashboard(page);
  await page.goto(`${new URL(page.url()).origin}/#/marketing/discover`);
  await expect(page.getByTestId('discover-page')).toBeVisible();
  // The groups come from the first customer-insight run, which starts a few seconds after the app.
  await expect(page.getByTestId('discover-summary')).toBeVisible({ timeout: 90_000 });
  const result = await expectOk(coreRequest(page, 'discover.segments', {}));
  expect(result.status).toBe('ready');
  expect(result.k).toBeGreaterThanOrEqual(3);
  const saveable = result.clusters.find((c) => c.suggestion !== null)!;
  const card = page.getByTestId(`discover-group-${saveable.number}`);
  await expect(card).toContainText(`${saveable.size} accounts`);
  await expect(card).toContainText('Approximately as a segment');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'marketing-discover.png') });

  await card.getByTestId('discover-name').fill('Discovered in the test');
  await card.getByTestId('discover-save').click();
  await expect(card.getByTestId('discover-saved')).toBeVisible();
  const segments = await expectOk(coreRequest(page, 'segments.list', { offset: 0, limit: 200 }));
  const saved = segments.rows.find((row) => row.name === 'Discovered in the test');
  expect(saved?.definition).toEqual(saveable.suggestion!.definition);
  // The engine counts every account; the clusters hold the accounts with purchases, which are the ones these conditions select.
  expect(saved?.size).toBeGreaterThanOrEqual(saveable.suggestion!.matched);

  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '发现细分' })).toBeVisible();
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  await page.screenshot({ path: shotPath(test.info(), 'marketing-discover-zh.png') });
  await useLanguage(page, 'en');
});

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
