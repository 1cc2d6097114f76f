import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { shotPath } from './shots';

/**
 * A rep's sales day through the browser host, on a small seeded database (the catalogue and price
 * books come from the seed): capture a lead and convert it, drag a deal across the board, then
 * quote three products with a discount, accept the quote and turn it into an order.
 */

let host: AppHost;

test.beforeAll(async () => {
  host = await startAppHost(seededDataDir('crm-e2e-sales-', ['--accounts', '40', '--seed', '7', '--reference-date', '2025-01-01']));
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
    await form.locator('select[name="source"]').selectOption('referral');
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
      .filter({ has: page.locator('.pipe-card-amount', { hasText: inCurrency }) })
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
    // Accepting offers to mark the deal won; this rep waits for the order first.
    await page.getByTestId('mark-won-dialog').getByRole('button', { name: 'Not now' }).click();
    await expect(page.getByTestId('opportunity-stage')).not.toContainText('Won');
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
  const card = page.getByTestId('pipeline-board').getByTestId('deal-card').first();
  // The first model trains in a worker a few seconds after start; until then the badge says "…".
  await expect(card.getByTestId('win-badge')).toContainText('%', { timeout: 15_000 });
  await card.getByRole('link').first().click();
  await expect(page.getByTestId('win-probability')).toHaveText(/^\d+(\.\d)?%$/);
  await expect(page.getByTestId('win-stage-default')).toContainText('Stage default');
  await expect(page.getByTestId('win-quality')).toContainText(/AUC|stage rates/);
});

/** A request through a WebSocket of its own: another window of the app changing data behind this one's back. */
async function callElsewhere<T>(page: Page, name: string, params: object): Promise<T> {
  const wsUrl = `ws://${new URL(page.url()).host}/ws`;
  const result = await page.evaluate(
    ({ wsUrl, name, params }) =>
      new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((done, reject) => {
        const socket = new WebSocket(wsUrl);
        const id = 3_000_000 + Math.floor(Math.random() * 1_000_000);
        socket.addEventListener('open', () => socket.send(JSON.stringify({ kind: 'request', id, name, params })));
        socket.addEventListener('message', (message) => {
          const data = JSON.parse(String(message.data)) as { kind: string; id?: number; result?: never };
          if (data.kind === 'response' && data.id === id) {
            socket.close();
            done(data.result as never);
          }
        });
        socket.addEventListener('error', () => reject(new Error('socket error')));
      }),
    { wsUrl, name, params },
  );
  if (!result.ok) throw new Error(result.error?.message ?? 'request failed');
  return result.value as T;
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('the opportunities list opens on open deals by close date, says "Overdue" in words, and filters by stage and amount', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await go(page, '#/sales/opportunities');
  const grid = page.getByRole('grid', { name: 'Opportunities' });
  const rows = grid.getByRole('row').filter({ has: page.getByRole('gridcell') });
  await expect(rows.first()).toBeVisible();
  const stages = await rows.locator('[role=gridcell]:nth-child(3)').allTextContents();
  expect(stages.some((stage) => stage === 'Won' || stage === 'Lost')).toBe(false);
  // The seed's deals closed in 2025: open ones are overdue, marked in words beside the date.
  await expect(rows.first().getByTestId('overdue')).toContainText('Overdue');
  await page.screenshot({ path: shotPath(test.info(), 'opportunities-en.png') });

  const count = page.getByTestId('list-count');
  const openCount = (await count.textContent()) ?? '';
  await page.getByTestId('filter-stage').selectOption('closed_won');
  await expect(count).not.toHaveText(openCount);
  await expect(rows.first().locator('[role=gridcell]').nth(2)).toHaveText('Won');
  await expect(rows.first().getByTestId('overdue')).toHaveCount(0);
  const wonCount = (await count.textContent()) ?? '';
  await page.getByTestId('filter-amount-min').fill('10000000');
  await expect(count).not.toHaveText(wonCount);
  await page.getByTestId('clear-deal-filters').click();
  await expect(count).toHaveText(openCount);

  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('grid', { name: '商机' }).getByTestId('overdue').first()).toContainText('已逾期');
  await page.screenshot({ path: shotPath(test.info(), 'opportunities-zh-CN.png') });
});

test('the board at 1366×768: compact cards with no nested controls, and another window’s change shows without navigation', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await go(page, '#/sales/pipeline');
  const board = page.getByTestId('pipeline-board');
  const prospecting = page.getByTestId('column-prospecting');
  const card = prospecting.getByTestId('deal-card').first();
  await expect(card).toBeVisible();
  await expect(card.locator('.pipe-card-account')).not.toHaveText('');
  // Every text that may be cut carries the whole text as a title.
  expect(await card.getByRole('link').getAttribute('title')).toBeTruthy();
  // The board fits the window: no sideways scrolling at laptop width.
  expect(await board.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
  const axe = await new AxeBuilder({ page }).include('[data-testid=pipeline-board]').analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: shotPath(test.info(), 'pipeline-en.png') });

  // Another window moves the card; this board follows without a reload.
  const count = prospecting.getByTestId('column-count');
  const before = (await count.textContent()) ?? '';
  const id = (await card.getAttribute('data-id')) ?? '';
  await callElsewhere(page, 'opportunities.moveStage', { id, stage: 'qualification' });
  await expect(count).not.toHaveText(before, { timeout: 2_000 });
  await expect(page.getByTestId('column-qualification').locator(`[data-id="${id}"]`)).toBeVisible();

  // The keyboard way: the card's own "Move to" menu.
  await page.getByTestId('column-qualification').locator(`[data-id="${id}"]`).getByTestId('deal-move').selectOption('needs_analysis');
  await expect(page.getByTestId('column-needs_analysis').locator(`[data-id="${id}"]`)).toBeVisible();

  await useLanguage(page, 'zh-CN');
  await expect(page.getByTestId('column-prospecting').locator('h2')).toHaveText('挖掘');
  await page.screenshot({ path: shotPath(test.info(), 'pipeline-zh-CN.png') });
});

test('a rep accepts a quote, marks the deal won, and gets the quote PDF with its number and total', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  await go(page, '#/sales/opportunities');
  await page.getByRole('grid', { name: 'Opportunities' }).getByRole('link').first().click();
  await expect(page.getByTestId('opportunity-stage')).not.toContainText('Won');
  const picker = page.getByTestId('product-picker');
  await picker.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Save products' }).click();
  await page.getByLabel('Tax (%)').fill('19');
  await page.getByRole('button', { name: 'Create quote' }).click();
  const quote = page.getByTestId('quote-card').first();
  await expect(quote.getByTestId('quote-status')).toHaveText('Draft');
  const number = /Q-[A-Z0-9-]+/.exec((await quote.getByTestId('quote-number').textContent()) ?? '')?.[0] ?? '';
  expect(number).not.toBe('');
  const total = (await quote.getByTestId('doc-total').textContent()) ?? '';

  await quote.getByRole('button', { name: 'Accept' }).click();
  const dialog = page.getByTestId('mark-won-dialog');
  await expect(dialog).toContainText(number);
  await dialog.getByRole('button', { name: 'Mark won' }).click();
  await expect(page.getByTestId('opportunity-stage')).toContainText('Won');
  await page.screenshot({ path: shotPath(test.info(), 'opportunity-quote-en.png'), fullPage: true });

  const download = page.waitForEvent('download');
  await quote.getByRole('button', { name: 'PDF' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'crm-quote-pdf-'));
  const path = join(dir, 'quote.pdf');
  await (await download).saveAs(path);
  const text = execFileSync('pdftotext', ['-layout', path, '-']).toString();
  expect(text).toContain(number);
  expect(text).toContain(total.replace(/\u00a0/g, ' ').trim());
  expect(text).not.toContain('local-user');
  removeDataDir(dir);
});
