import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';

/**
 * A rep works a lead on a small seeded database: opens it from the list, reads its page, converts
 * it into the existing account the duplicate check finds, and sees the lead as converted with a
 * link to that account. One seeded host serves the file.
 */

let host: AppHost;

test.beforeAll(async () => {
  host = await startAppHost(seededDataDir('crm-e2e-leads-', ['--accounts', '40', '--seed', '11', '--reference-date', '2025-01-01']));
});

test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** axe's serious and critical findings on what the page shows now, as "rule: element" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

test('a rep opens a lead from the list and converts it into the existing account the duplicate check finds', async ({
  page,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);

  // An account that exists already: the lead below is from the same company.
  await go(page, '#/customers/accounts');
  const firstAccount = page.getByRole('grid', { name: 'Accounts' }).getByRole('row').nth(1).getByRole('gridcell').first();
  await expect(firstAccount).not.toBeEmpty();
  const accountName = ((await firstAccount.textContent()) ?? '').trim();

  await test.step('capture a lead from that company; it shows in the live list under "My leads"', async () => {
    await go(page, '#/sales/leads');
    const grid = page.getByRole('grid', { name: 'Leads' });
    await expect(grid.getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: shotPath(testInfo, 'leads-list.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    const form = page.getByRole('form', { name: 'Quick capture' });
    await form.getByLabel('First name').fill('Mei');
    await form.getByLabel('Last name').fill('Lin');
    await form.getByLabel('Company').fill(accountName.toUpperCase());
    await form.locator('select[name="source"]').selectOption('referral');
    await form.getByRole('button', { name: 'Add lead' }).click();
    await page.getByTestId('lead-filter-owner').selectOption({ label: 'My leads' });
    await expect(grid.getByRole('row').filter({ hasText: 'Mei Lin' })).toBeVisible();
  });

  await test.step('open it and see its page', async () => {
    await page.getByRole('grid', { name: 'Leads' }).getByRole('link', { name: 'Mei Lin' }).click();
    const detail = page.getByTestId('lead-detail');
    await expect(detail.getByTestId('lead-name')).toContainText('Mei Lin');
    await expect(detail.getByTestId('lead-status')).toHaveText('New');
    await expect(detail.getByText('Referral')).toBeVisible();
    await page.screenshot({ path: shotPath(testInfo, 'lead-detail.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  await test.step('edit a field; the page shows the saved value', async () => {
    await page.getByTestId('lead-edit').click();
    const form = page.getByTestId('lead-edit-form');
    await form.getByLabel('Job title').fill('Head of Buying');
    await page.screenshot({ path: shotPath(testInfo, 'lead-edit.en.png') });
    await form.getByTestId('lead-save').click();
    await expect(form).toBeHidden();
    await expect(page.getByTestId('lead-detail').getByText('Head of Buying')).toBeVisible();
  });

  await test.step('a change from another window while editing: conflict in words, the typing kept, a second save applies it', async () => {
    const url = page.url();
    await page.getByTestId('lead-edit').click();
    const form = page.getByTestId('lead-edit-form');
    await form.getByLabel('City').fill('Shenzhen');

    const other = await page.context().newPage();
    await other.goto(url);
    await other.getByTestId('lead-edit').click();
    await other.getByTestId('lead-edit-form').getByLabel('Phone').fill('+86 755 1234 5678');
    await other.getByTestId('lead-save').click();
    await expect(other.getByTestId('lead-detail').getByText('+86 755 1234 5678')).toBeVisible();
    await other.close();

    await form.getByTestId('lead-save').click();
    await expect(form.getByRole('alert')).toContainText('Someone changed this lead');
    await expect(form.getByLabel('City')).toHaveValue('Shenzhen');
    await form.getByTestId('lead-save').click();
    await expect(form).toBeHidden();
    const detail = page.getByTestId('lead-detail');
    await expect(detail.getByText('Shenzhen')).toBeVisible();
    await expect(detail.getByText('Head of Buying')).toBeVisible();
    // The other window's change to a field this rep did not touch is kept.
    await expect(detail.getByText('+86 755 1234 5678')).toBeVisible();
  });

  await test.step('back to the list: the filter is as the rep left it', async () => {
    await page.getByRole('link', { name: 'All leads' }).click();
    await expect(page.getByTestId('lead-filter-owner')).toHaveValue(':mine');
    await page.getByRole('grid', { name: 'Leads' }).getByRole('link', { name: 'Mei Lin' }).click();
    await expect(page.getByTestId('lead-detail').getByText('Head of Buying')).toBeVisible();
  });

  await test.step('convert: the duplicate warning names the existing account, and the lead goes there', async () => {
    await page.getByTestId('lead-convert').click();
    const dialog = page.getByTestId('convert-dialog');
    await expect(dialog.getByTestId('duplicate-warning')).toBeVisible();
    const candidate = dialog.getByTestId('duplicate-candidate').filter({ hasText: accountName });
    await expect(candidate).toContainText('same name');
    await candidate.getByRole('radio').check();
    await expect(dialog.getByLabel('New account name')).toHaveCount(0);
    await page.screenshot({ path: shotPath(testInfo, 'lead-convert.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByTestId('convert-submit').click();
    await expect(dialog).toBeHidden();

    // The page is live: the lead shows as converted without a reload.
    await expect(page.getByTestId('lead-status')).toHaveText('Converted');
    await page.getByTestId('lead-account-link').click();
    await expect(page.getByTestId('account-name')).toHaveText(accountName);
  });

  expect(consoleErrors).toEqual([]);
});

test('the leads list and a lead page in Chinese', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await go(page, '#/sales/leads');
  const grid = page.getByRole('grid', { name: '线索' });
  await expect(grid.getByRole('row').nth(1)).toBeVisible();
  await page.screenshot({ path: shotPath(testInfo, 'leads-list.zh-CN.png') });
  await page.getByTestId('lead-filter-status').selectOption('new');
  await expect(grid.getByRole('row').nth(1)).toContainText('新建');
  await grid.getByRole('row').nth(1).getByRole('link').click();
  await expect(page.getByTestId('lead-detail')).toBeVisible();
  await expect(page.getByRole('heading', { name: '备注和历史' })).toBeVisible();
  await page.screenshot({ path: shotPath(testInfo, 'lead-detail.zh-CN.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('lead-convert').click();
  const dialog = page.getByTestId('convert-dialog');
  await expect(dialog.getByTestId('convert-submit')).toBeEnabled();
  await page.screenshot({ path: shotPath(testInfo, 'lead-convert.zh-CN.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
});
