import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { CustomersDashboard, InsightModelSummary } from '../../shared/contract/insight/insight-requests';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

/**
 * Customer insight on a seeded company: the customers dashboard, an account's insight panel and
 * the model page show the core's figures, in English and Chinese, without overflow at 1366×768.
 */

let host: AppHost;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  host = await startAppHost(seededDataDir('crm-insight-', ['--accounts', '600', '--seed', '7']));
});
test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

const n = (value: number): string => new Intl.NumberFormat('en-US').format(value);
const percent = (value: number): string => new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value);
const fixed3 = (value: number): string =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);

async function open(page: Page, hash: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 768 });
  if (!page.url().startsWith('http')) {
    await page.goto(host.url);
    await expect(page.getByTestId('app-shell')).toBeVisible();
  }
  await page.goto(`${new URL(page.url()).origin}/#${hash}`);
}

/** The models run in a worker after start; waits for the first finished run. */
async function readyModel(page: Page): Promise<InsightModelSummary> {
  let model: InsightModelSummary | null = null;
  await expect
    .poll(
      async () => {
        model = await expectOk(coreRequest(page, 'insight.model', {}));
        return model.status;
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe('ready');
  return model!;
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function expectNoOverflow(page: Page): Promise<void> {
  // Every sentence is translated and filled in: no raw key and no empty placeholder on screen.
  const text = await page.locator('#main').innerText();
  expect(text).not.toMatch(/\{\{|\b(?:dashboard|model|panel|reasons|segments|bands|sources|because)\.[a-zA-Z_]+/);
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width).toBeLessThanOrEqual(1366);
  // The page body scrolls inside the shell: nothing in it may be wider than its box either.
  const inner = await page.evaluate<boolean>(`(() => {
    const body = document.querySelector('.dashboard-body, .rec-record-page');
    return body ? body.scrollWidth <= body.clientWidth + 1 : true;
  })()`);
  expect(inner).toBe(true);
}

/** The rest of a scrolling screen, a viewport at a time, beside the test's results (never into docs). */
async function reviewShots(page: Page, name: string): Promise<void> {
  const body = page.locator('.dashboard-body');
  const height = await body.evaluate((el) => el.scrollHeight);
  const step = await body.evaluate((el) => el.clientHeight);
  for (let top = step, index = 2; top < height; top += step, index++) {
    await body.evaluate((el, y) => el.scrollTo(0, y), top);
    await page.screenshot({ path: test.info().outputPath(`${name}-${index}.png`) });
  }
  await body.evaluate((el) => el.scrollTo(0, 0));
}

async function expectAccessible(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

test('customers dashboard shows segments, churn and cohorts from the seeded purchases, in both languages', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, '/customers/insights');
  await readyModel(page);
  const dashboard: CustomersDashboard = await expectOk(coreRequest(page, 'insight.dashboard', {}));
  const customers = dashboard.segments.reduce((sum, row) => sum + row.accounts, 0);
  expect(customers).toBeGreaterThan(0);

  await expect(page.getByTestId('insight-dashboard')).toBeVisible();
  await expect(page.getByTestId('insight-figure-customers')).toContainText(n(customers));
  await expect(page.getByTestId('insight-figure-high-risk')).toContainText(n(dashboard.churnBands.high));
  await expect(page.getByTestId('insight-status')).toContainText('Calculated');
  for (const chart of ['segments', 'clv', 'bands', 'churn', 'cohorts']) {
    await expect(page.getByTestId(`insight-chart-${chart}`).locator('canvas')).toBeVisible();
  }
  // The cohort grid is a table on screen, one row per first-purchase quarter.
  await expect(page.getByTestId('insight-chart-cohorts').locator('tbody tr')).toHaveCount(dashboard.cohorts.length);
  await expect(page.getByTestId('insight-chart-segments').locator('.chart-box')).toHaveAttribute(
    'aria-label',
    /Accounts per RFM segment: /,
  );
  await page.screenshot({ path: shotPath(test.info(), 'customer-insight.png'), fullPage: false });
  await reviewShots(page, 'customer-insight');
  // The table behind a chart opens from the keyboard.
  const toggle = page.getByTestId('insight-chart-bands').locator('summary');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('insight-chart-bands').locator('table')).toContainText(`High risk${n(dashboard.churnBands.high)}`);
  await toggle.press('Enter');
  const top = dashboard.topRecommendations[0];
  if (top) await expect(page.getByTestId('insight-top-products')).toContainText(top.productName);
  if (dashboard.atRisk[0]) await expect(page.getByTestId('insight-at-risk-row').first()).toContainText(dashboard.atRisk[0].name);
  await expectNoOverflow(page);
  await expectAccessible(page);

  // A segment filter narrows the figures to that segment.
  const biggest = [...dashboard.segments].sort((a, b) => b.accounts - a.accounts)[0]!;
  await page.getByTestId('insight-filter-segment').selectOption(biggest.segment);
  await expect(page.getByTestId('insight-figure-customers')).toContainText(n(biggest.accounts));
  await page.getByTestId('insight-filter-segment').selectOption('');

  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '客户洞察' }).first()).toBeVisible();
  await expect(page.getByTestId('insight-figure-customers')).toContainText('有购买的客户');
  await expectNoOverflow(page);
  await page.locator('.dashboard-body').evaluate((el) => el.scrollTo(0, 0));
  await page.screenshot({ path: shotPath(test.info(), 'customer-insight-zh.png') });
  await reviewShots(page, 'customer-insight-zh');
  await useLanguage(page, 'en');
});

test('the account panel shows value, churn risk with reasons, the segment and suggested products', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, '/customers/accounts');
  const model = await readyModel(page);
  const dashboard = await expectOk(coreRequest(page, 'insight.dashboard', {}));
  // The riskiest account that has both a value and reasons.
  expect(model.churn?.status).toBe('ready');
  const atRisk = dashboard.atRisk.find((row) => row.reasons.length > 0 && row.clv12m !== null);
  expect(atRisk).toBeDefined();
  const accountId = atRisk!.accountId;
  const insight = await expectOk(coreRequest(page, 'insight.account', { accountId }));
  expect(insight.clv).not.toBeNull();

  await open(page, `/customers/accounts/${accountId}`);
  const panel = page.getByTestId('insight-panel');
  await expect(panel).toBeVisible();
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: insight.currency });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  await expect(panel.getByTestId('insight-clv')).toContainText(money.format(insight.clv!.clv12m / 10 ** digits));
  await expect(panel.getByTestId('insight-p-alive')).toContainText(
    insight.history.transactions === 1 ? 'Not known yet' : percent(insight.clv!.pAlive),
  );
  await expect(panel.getByTestId('insight-churn')).toContainText(percent(insight.churn!.risk));
  await expect(panel.getByTestId('insight-reasons').locator('li')).toHaveCount(insight.churn!.reasons.length);
  // Reasons are sentences, never codes or blanks.
  const reasonTexts = await panel.getByTestId('insight-reasons').locator('li').allTextContents();
  for (const text of reasonTexts) expect(text).not.toMatch(/[a-z]+_[a-z_]+|\{\{/);
  if (insight.rfm) await expect(panel.getByTestId('insight-rfm')).toContainText(/Recency \d · Frequency \d · Money \d/);
  await expect(panel.getByTestId('insight-recommendation')).toHaveCount(insight.recommendations.length);
  await expectNoOverflow(page);
  await expectAccessible(page);
  // The whole panel in one picture: a taller window, so the side column is not cut by the fold.
  await page.setViewportSize({ width: 1366, height: 1400 });
  await panel.screenshot({ path: shotPath(test.info(), 'account-insight.png') });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: test.info().outputPath('account-page.png') });

  await useLanguage(page, 'zh-CN');
  await expect(panel.getByRole('heading', { name: '客户洞察' })).toBeVisible();
  await expect(panel.getByTestId('insight-churn')).toContainText('流失风险');
  const zhReasons = await panel.getByTestId('insight-reasons').locator('li').allTextContents();
  for (const text of zhReasons) expect(text).not.toMatch(/[a-z]+_[a-z_]+|\{\{/);
  await expectNoOverflow(page);
  await page.setViewportSize({ width: 1366, height: 1400 });
  await panel.screenshot({ path: shotPath(test.info(), 'account-insight-zh.png') });
  await page.setViewportSize({ width: 1366, height: 768 });
  await useLanguage(page, 'en');

  // One click on a suggested product starts a deal with that product and opens it.
  const priced = await expectOk(coreRequest(page, 'catalog.priced', { currency: insight.currency, priceBook: 'standard' }));
  const rec = insight.recommendations.find((r) => priced.some((product) => product.id === r.productId));
  expect(rec).toBeDefined();
  const unitPrice = priced.find((product) => product.id === rec!.productId)!.unitPrice;
  const account = await expectOk(coreRequest(page, 'accounts.get', { id: accountId }));
  await panel.getByRole('button', { name: `Create opportunity for ${rec!.productName}` }).click();
  await expect(page).toHaveURL(/#\/sales\/opportunities\/[^/]+$/);
  const opportunityId = decodeURIComponent(new URL(page.url()).hash.split('/').pop()!);
  await expect(page.getByTestId('opportunity-name')).toContainText(`${rec!.productName} – ${account.name}`);
  await expect(page.getByTestId('opportunity-amount')).toHaveText(money.format(unitPrice / 10 ** digits));
  const line = page.getByTestId('line-items').locator('tbody tr');
  await expect(line).toHaveCount(1);
  await expect(line.first()).toContainText(rec!.productName);
  const created = await expectOk(coreRequest(page, 'opportunities.get', { id: opportunityId }));
  expect(created).toMatchObject({
    accountId,
    stage: 'prospecting',
    currency: insight.currency,
    amount: unitPrice,
    leadSource: 'recommendation',
  });
  expect(created.lineItems).toMatchObject([{ productId: rec!.productId, quantity: 1, unitPrice }]);
});

test('the model page shows the churn AUC with its interval and the recommendation hit rates against popularity', async ({ page }) => {
  test.setTimeout(180_000);
  await open(page, '/customers/insights/model');
  const model = await readyModel(page);
  await expect(page.getByTestId('insight-model')).toBeVisible();
  await expect(page.getByTestId('insight-model-data')).toContainText(n(model.transactions));
  const churn = model.churn!;
  if (churn.auc !== null && churn.aucLower95 !== null && churn.aucUpper95 !== null) {
    await expect(page.getByTestId('insight-churn-facts')).toContainText(
      `${fixed3(churn.auc)} (95% interval ${fixed3(churn.aucLower95)} – ${fixed3(churn.aucUpper95)})`,
    );
  }
  await expect(page.getByTestId('insight-churn-verdict')).toBeVisible();
  // "Recalculate now" reruns the models and the page follows the new run.
  await page.getByTestId('insight-recompute').click();
  await expect(page.getByTestId('insight-status')).toContainText('Calculated just now');
  await expect(page.getByTestId('insight-status').getByRole('alert')).toHaveCount(0);
  const recs = model.recommendations!;
  expect(recs.status).toBe('ready');
  const table = page.getByTestId('insight-recs-table');
  await expect(table).toContainText(`Hit rate @5${percent(recs.hitRateAt5!)}${percent(recs.popularityHitRateAt5!)}`);
  await expect(table).toContainText(`NDCG @5${fixed3(recs.ndcgAt5!)}${fixed3(recs.popularityNdcgAt5!)}`);
  if (model.clv?.calibration) await expect(page.getByTestId('insight-calibration-chart').locator('canvas')).toBeVisible();
  await expectNoOverflow(page);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath('insight-model.png') });
  await reviewShots(page, 'insight-model');
  await useLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '关于这些模型' })).toBeVisible();
  await expectNoOverflow(page);
  await page.screenshot({ path: test.info().outputPath('insight-model-zh.png') });
  await reviewShots(page, 'insight-model-zh');
  await useLanguage(page, 'en');
});
