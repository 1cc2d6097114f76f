import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { ParamsOf, RequestName, ResultOf } from '../../shared/contract';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { coreRequest, expectOk } from './sync-fixtures';

/**
 * The contact page and the account page on a small seeded database: a rep opens a contact from the
 * contacts list, sees where they work and what happened with them, logs a call and edits them; the
 * account page lists its deals and shows a deal made in another window on its timeline at once.
 */

const ROOT = resolve(import.meta.dirname, '../..');
let host: AppHost;

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-contacts-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--accounts', '30', '--seed', '11', '--dir', dir], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return startAppHost(dir).then((started) => {
    host = started;
  });
});

test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** One contract request over the page's own WebSocket (what another window would send); throws on a refusal. */
const request = <K extends RequestName>(page: Page, name: K, params: ParamsOf<K>): Promise<ResultOf<K>> =>
  expectOk(coreRequest(page, name, params));

async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a rep opens a contact from the contacts list, sees its account and activities, and edits it', async ({
  page,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await go(page, '#/customers/contacts');

  const grid = page.getByRole('grid', { name: 'Contacts' });
  await expect(grid.getByRole('columnheader', { name: 'Account' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('contacts-list-en.png') });
  const row = grid.getByRole('row').nth(1);
  const lastName = (await row.getByRole('gridcell').nth(0).textContent()) ?? '';
  const accountName = (await row.getByRole('gridcell').nth(2).textContent()) ?? '';
  expect(accountName).not.toBe('');
  expect(accountName).not.toBe('—');
  // A double click on the row (here its e-mail cell, which holds no link) opens the contact.
  await row.getByRole('gridcell').nth(4).dblclick();

  const detail = page.getByTestId('contact-detail');
  await expect(detail.getByTestId('contact-name')).toContainText(lastName);
  await expect(detail.getByTestId('contact-account')).toHaveText(`Works at ${accountName}`);
  await expect(detail.getByTestId('deals-panel')).toBeVisible();
  await expect(detail.getByTestId('timeline-history')).toBeVisible();

  // Log a call with this contact: it lands on the contact's own timeline, live.
  await detail.getByRole('button', { name: 'Log a call' }).click();
  const log = detail.getByTestId('log-activity-form');
  await log.getByLabel('Subject').fill('Asked about the renewal terms');
  await log.getByRole('button', { name: 'Save' }).click();
  const first = detail.getByTestId('timeline-history').getByTestId('timeline-item').first();
  await expect(first).toContainText('Asked about the renewal terms');
  const name = (await detail.getByTestId('contact-name').textContent()) ?? '';
  await expect(first).toContainText(`with ${name}`);

  // Edit through the shared contact dialog (revision-checked); the page follows the saved record.
  await detail.getByTestId('edit-contact').click();
  const dialog = page.getByTestId('contact-dialog');
  await dialog.getByLabel('Job title').fill('Head of Procurement');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('contact-detail').getByText('Head of Procurement')).toBeVisible();

  await page.screenshot({ path: testInfo.outputPath('contact-detail-en.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(detail.getByTestId('contact-account')).toHaveText(`任职于 ${accountName}`);
  await expect(detail.getByRole('heading', { name: '商机' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('contact-detail-zh-CN.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('link', { name: '返回联系人' }).click();
  await expect(page.getByRole('grid', { name: '联系人' }).getByRole('columnheader', { name: '客户' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('contacts-list-zh-CN.png') });
  await page.getByTestId('language-switch').selectOption('en');
  await page.goBack();

  // The account link leads to the account page.
  await detail.getByTestId('contact-account').getByRole('link', { name: accountName }).click();
  await expect(page.getByTestId('account-name')).toHaveText(accountName);
  expect(consoleErrors).toEqual([]);
});

test("the account page lists the account's deals and shows a deal made elsewhere on its timeline without navigation", async ({
  page,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();

  // An account with deals: the first of the list's first accounts that has any.
  const accounts = await request(page, 'accounts.list', { limit: 20 });
  let accountId: string | undefined;
  for (const row of accounts.rows) {
    const found = await request(page, 'accounts.deals', { id: row.id });
    if (found.open.length + found.closedTotal > 0) {
      accountId = row.id;
      break;
    }
  }
  if (!accountId) throw new Error('the seed has no account with deals');
  await go(page, `#/customers/accounts/${accountId}`);
  const account = page.getByTestId('account-detail');
  await expect(account).toBeVisible();
  const deals = account.getByTestId('deals-panel');
  await expect(deals.getByTestId('deal-row').first()).toBeVisible();
  const dealCount = await deals.getByTestId('deal-row').count();
  const history = account.getByTestId('timeline-history');
  await expect(history.getByTestId('timeline-item').first()).toBeVisible();

  // Another window converts a lead onto this account: its new deal appears here, nobody navigates.
  const lead = await request(page, 'leads.create', {
    values: { lastName: 'Okafor', firstName: 'Ada', company: 'Okafor Trading', status: 'qualified', source: 'referral' },
  } as ParamsOf<'leads.create'>);
  await request(page, 'leads.convert', {
    id: lead.id,
    existingAccountId: accountId,
    opportunityName: 'Okafor cold-chain pilot',
    currency: 'EUR',
    closeDate: '2099-06-30',
  });
  await expect(history.getByTestId('timeline-item').first()).toContainText('Okafor cold-chain pilot');
  await expect(history.getByTestId('timeline-item').first()).toContainText('Deal created');
  await expect(deals.getByTestId('deal-row')).toHaveCount(dealCount + 1);
  await expect(deals.getByTestId('deals-open')).toContainText('Okafor cold-chain pilot');

  await page.screenshot({ path: testInfo.outputPath('account-detail-en.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(history.getByTestId('timeline-item').first()).toContainText('商机已创建');
  await page.screenshot({ path: testInfo.outputPath('account-detail-zh-CN.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page);
  await page.getByTestId('language-switch').selectOption('en');

  // The deal's name opens the deal.
  await deals.getByRole('link', { name: 'Okafor cold-chain pilot' }).click();
  await expect(page).toHaveURL(/#\/sales\/opportunities\//);
  expect(consoleErrors).toEqual([]);
});
