import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';

/**
 * A rep's sales day through the browser host, on a small seeded database (the catalogue and price
 * books come from the seed): capture a lead and convert it, drag a deal across the board, then
 * quote three products with a discount, accept the quote and turn it into an order.
 */

const ROOT = resolve(import.meta.dirname, '../..');
let host: AppHost;

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-sales-'));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/seed.ts', '--accounts', '40', '--seed', '7', '--dir', dir, '--reference-date', '2025-01-01'],
    { cwd: ROOT, stdio: 'ignore' },
  );
  return startAppHost(dir).then((started) => {
    host = started;
  });
});

test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

async function go(page: Page, hash: string): Promise<void> {
  // A hash change, not a reload: the route changes in the running app as a click would.
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

async function columnState(column: Locator): Promise<{ count: string; totals: string }> {
  return {
    count: (await column.getByTestId('column-count').textContent()) ?? '',
    totals: (await column.getByTestId('column-total').getAttribute('title')) ?? '',
  };
}

test('a rep converts a lead, moves a deal on the board, and turns an accepted quote into an order', async ({ page, consoleErrors }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();

  let opportunityUrl = '';
  await test.step('capture a lead and convert it into account, contact and opportunity', async () => {
    await go(page, '#/sales/leads');
    const form = page.getByRole('form', { name: 'Quick capture' });
    await form.getByLabel('First name').fill('Mei');
    await form.getByLabel('Last name').fill('Lin');
    await form.getByLabel('Company').fill('Harbour Fresh Foods');
    await form.getByLabel('E-mail').fill('mei.lin@harbourfresh.example');
    await form.getByLabel('Source').selectOption('referral');
    await form.getByRole('button', { name: 'Add lead' }).click();
    await page.getByRole('grid', { name: 'Leads' }).getByRole('link', { name: 'Mei Lin' }).click();
    await page.getByTestId('lead-convert').click();
    const dialog = page.getByTestId('convert-dialog');
    await expect(dialog.getByTestId('no-duplicates')).toBeVisible();
    await dialog.getByLabel('Opportunity name').fill('Harbour Fresh cold chain');
    await dialog.getByLabel('Currency').selectOption('EUR');
    await dialog.getByRole('button', { name: 'Convert' }).click();
    const notice = page.getByTestId('lead-converted');
    await expect(notice).toBeVisible();
    await expect(page.getByTestId('lead-status')).toHaveText('Converted');

    const opportunityHref = (await notice.getByRole('link', { name: 'Open opportunity' }).getAttribute('href')) ?? '';
    await notice.getByRole('link', { name: 'Open account' }).click();
    await expect(page.getByTestId('account-name')).toHaveText('Harbour Fresh Foods');
    await expect(page.getByText('Mei Lin').first()).toBeVisible();
    await go(page, opportunityHref);
    await expect(page.getByTestId('opportunity-name')).toContainText('Harbour Fresh cold chain');
    opportunityUrl = page.url();
  });

  await test.step('drag a deal from one stage to another; counts, totals and the dashboard follow', async () => {
    // The dashboard shows one currency at a time; drag a deal in that currency so its figures move.
    await go(page, '#/sales/dashboard');
    const weighted = page.getByTestId('figure-weighted').locator('dd').first();
    await expect(weighted).toContainText(/\d/);
    const weightedBefore = (await weighted.textContent()) ?? '';
    const symbol = /^[^\d-]+/.exec(weightedBefore.trim())?.[0]?.trim() ?? '$';
    const inCurrency = new RegExp(`^${symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s?\\d`);

    await go(page, '#/sales/pipeline');
    const from = page.getByTestId('column-prospecting');
    const to = page.getByTestId('column-proposal');
    await expect(from.getByTestId('deal-card').first()).toBeVisible();
    const [fromBefore, toBefore] = [await columnState(from), await columnState(to)];
    const card = from
      .getByTestId('deal-card')
      .filter({ has: page.locator('.deal-amount', { hasText: inCurrency }) })
      .first();
    const box = await card.boundingBox();
    const target = await to.boundingBox();
    if (!box || !target) throw new Error('board not laid out');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 20, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + 120, { steps: 12 });
    await page.mouse.up();
    await expect.poll(async () => (await columnState(to)).count).not.toBe(toBefore.count);
    expect((await columnState(from)).count).not.toBe(fromBefore.count);
    expect((await columnState(to)).totals).not.toBe(toBefore.totals);

    // Proposal weighs more than Prospecting, so the weighted pipeline on the dashboard grows.
    await go(page, '#/sales/dashboard');
    await expect(page.getByTestId('figure-weighted').locator('dd').first()).not.toHaveText(weightedBefore, { timeout: 15_000 });
  });

  await test.step('quote three products with a discount, accept it, get an order', async () => {
    await page.goto(opportunityUrl);
    const picker = page.getByTestId('product-picker');
    for (const index of [1, 2, 3]) await picker.selectOption({ index });
    const lines = page.getByTestId('line-items');
    await expect(lines.locator('tbody tr')).toHaveCount(3);
    await lines.getByRole('spinbutton', { name: /^Qty/ }).first().fill('4');
    await lines
      .getByRole('spinbutton', { name: /^Discount/ })
      .nth(1)
      .fill('15');
    await page.getByRole('button', { name: 'Save products' }).click();
    await expect(page.getByTestId('opportunity-amount')).not.toHaveText('€0.00');

    await page.getByLabel('Quote discount (%)').fill('10');
    await page.getByLabel('Tax (%)').fill('19');
    await page.getByRole('button', { name: 'Create quote' }).click();
    const quote = page.getByTestId('quote-card').first();
    await expect(quote.getByTestId('quote-status')).toHaveText('Draft');
    const quoteTotal = (await quote.getByTestId('doc-total').textContent()) ?? '';
    expect(quoteTotal).toMatch(/€/);
    await quote.getByRole('button', { name: 'Mark sent' }).click();
    await expect(quote.getByTestId('quote-status')).toHaveText('Sent');
    await quote.getByRole('button', { name: 'Accept' }).click();
    await expect(quote.getByTestId('quote-status')).toHaveText('Accepted');
    await quote.getByRole('button', { name: 'Create order' }).click();
    const order = page.getByTestId('order-card');
    await expect(order).toBeVisible();
    await expect(order.getByTestId('doc-total')).toHaveText(quoteTotal);
  });

  expect(consoleErrors).toEqual([]);
});

test('board cards carry a win-probability badge; the deal page shows it beside the stage default', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await go(page, '#/sales/pipeline');
  const card = page.getByTestId('column-proposal').getByTestId('deal-card').first();
  // The first model trains in a worker a few seconds after start; until then the badge says "…".
  await expect(card.getByTestId('win-badge')).toContainText('%', { timeout: 15_000 });
  await card.getByRole('link').first().click();
  await expect(page.getByTestId('win-probability')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByTestId('win-stage-default')).toContainText('Stage default');
  await expect(page.getByTestId('win-quality')).toContainText(/AUC|stage rates/);
});
