import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

/**
 * A marketer on a small seeded company: creates a campaign, adds a lead by hand and a saved segment's
 * people, logs the lead's response, and after the lead is converted into a won deal sees the campaign's
 * attributed revenue and ROI change live, in English and Chinese, without overflow at 1366×768.
 */

let host: AppHost;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  host = await startAppHost(seededDataDir('crm-e2e-campaigns-', ['--accounts', '60', '--seed', '5']));
});
test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
}

async function expectNoOverflow(page: Page): Promise<void> {
  const text = await page.locator('#main').innerText();
  expect(text).not.toMatch(/\{\{|\b(?:list|fields|figures|funnel|members|add|response|form|detail|picker|model)\.[a-zA-Z_]+/);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
  const inner = await page.evaluate<boolean>(`(() => {
    const body = document.querySelector('.campaign-page, .campaigns-page');
    return body ? body.scrollWidth <= body.clientWidth + 1 : true;
  })()`);
  expect(inner).toBe(true);
}

test('create a campaign, add members, log a response, and see ROI change when the responding lead becomes a won deal', async ({
  page,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);

  await test.step('the list shows the seeded campaigns with their results', async () => {
    await go(page, '#/marketing/campaigns');
    const grid = page.getByRole('grid', { name: 'Campaigns' });
    await expect(grid.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByTestId('list-count')).toContainText(/\d+ campaigns/);
    await page.getByTestId('campaign-list-model').selectOption('first_touch');
    await expect(grid.getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: shotPath(testInfo, 'campaigns-list.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoOverflow(page);
  });

  await test.step('create a campaign; an end before the start is refused in words', async () => {
    await page.getByTestId('campaign-new').click();
    const form = page.getByTestId('campaign-form');
    await form.getByLabel('Name').fill('E2E Spring fair');
    await form.getByLabel('Type').selectOption('event');
    await form.getByLabel('Status').selectOption('active');
    await form.getByLabel('Start date').fill('2026-03-01');
    await form.getByLabel('End date').fill('2026-02-01');
    await form.getByLabel(/^Budget/).fill('5000');
    await form.getByLabel(/^Actual cost/).fill('2000');
    await page.getByTestId('campaign-form-submit').click();
    await expect(form.getByText('The end date must be on or after the start date.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByLabel('End date').fill('2026-03-31');
    await page.getByTestId('campaign-form-submit').click();
    await expect(page.getByTestId('campaign-title')).toHaveText('E2E Spring fair');
    await expect(page.getByTestId('campaign-figure-roi')).toContainText('-100%');
  });
  const campaignId = decodeURIComponent(new URL(page.url()).hash.split('/').pop() ?? '');
  const campaign = await expectOk(coreRequest(page, 'campaigns.get', { id: campaignId }));

  // A lead met at the fair, captured without a source campaign: only its response links it to the campaign.
  const lead = await expectOk(
    coreRequest(page, 'leads.create', {
      values: {
        lastName: 'Quasimodo',
        firstName: 'Ida',
        company: 'Bellfounders AG',
        email: 'ida@bellfounders.example',
        source: 'event',
        status: 'working',
      },
    }),
  );

  await test.step('add the lead by hand and log their response', async () => {
    await page.getByTestId('campaign-add-members').click();
    const dialog = page.getByTestId('add-members-dialog');
    await dialog.getByTestId('add-mode-hand').check();
    await dialog.getByTestId('add-search').fill('Quasimodo');
    await dialog.getByRole('button', { name: 'Add Ida Quasimodo' }).click();
    await expect(dialog.getByTestId('add-picked')).toContainText('Ida Quasimodo');
    await page.getByTestId('add-members-submit').click();
    await expect(dialog).toBeHidden();
    const members = page.getByRole('grid', { name: 'Members of E2E Spring fair' });
    const row = members.getByRole('row').nth(1);
    await expect(row).toContainText('Ida Quasimodo');
    await expect(row).toContainText('Targeted');
    // Keyboard: the grid is one tab stop, Enter on the selected row opens the member.
    await members.focus();
    await page.keyboard.press('Enter');
    const memberDialog = page.getByTestId('member-dialog');
    await expect(memberDialog).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await expect(memberDialog.getByTestId('member-response-status')).toHaveValue('responded');
    await memberDialog.getByTestId('member-response-submit').click();
    await expect(memberDialog).toBeHidden();
    await expect(row).toContainText('Responded');
  });

  await test.step('add a saved segment’s people; the lead stays a single member', async () => {
    await page.getByTestId('campaign-add-members').click();
    const dialog = page.getByTestId('add-members-dialog');
    const segments = dialog.getByTestId('add-segment');
    await expect(segments.locator('option').nth(1)).toBeAttached();
    await segments.selectOption({ index: 1 });
    await page.getByTestId('add-members-submit').click();
    await expect(dialog).toBeHidden();
    await expect
      .poll(async () => (await expectOk(coreRequest(page, 'campaigns.get', { id: campaignId }))).members, { timeout: 15_000 })
      .toBeGreaterThan(1);
    const detail = await expectOk(coreRequest(page, 'campaigns.get', { id: campaignId }));
    await expect(page.getByTestId('campaign-members').getByTestId('list-count')).toContainText(`${detail.members} members`);
    await expect(page.getByTestId('campaign-funnel')).toContainText('Responded');
  });

  await test.step('the responding lead becomes a won deal: attributed revenue and ROI change live', async () => {
    const converted = await expectOk(
      coreRequest(page, 'leads.convert', {
        id: lead.id,
        accountName: 'Bellfounders AG',
        opportunityName: 'Bells for the cathedral',
        currency: campaign.currency,
        closeDate: '2026-04-30',
      }),
    );
    const products = await expectOk(coreRequest(page, 'catalog.products', { limit: 1 }));
    const productId = products.rows[0]!.id;
    const priced = await expectOk(
      coreRequest(page, 'opportunities.update', {
        id: converted.opportunityId,
        patch: { lines: [{ productId, quantity: 1, discountPercent: 0, unitPrice: 500_000 }] },
      }),
    );
    expect(priced.amount).toBe(500_000);
    await expectOk(coreRequest(page, 'opportunities.moveStage', { id: converted.opportunityId, stage: 'closed_won' }));
    // Revenue 5,000 against a cost of 2,000: (5000 − 2000) / 2000 = 150 % under every model.
    await expect(page.getByTestId('campaign-figure-roi')).toContainText('150%');
    await expect(page.getByTestId('campaign-figure-revenue')).toContainText('5,000');
    await page.getByTestId('campaign-model').selectOption('last_touch');
    await expect(page.getByTestId('campaign-figure-roi')).toContainText('150%');
    await expect(page.getByTestId('campaign-figure-cpw')).toContainText('2,000');
    await page.screenshot({ path: shotPath(testInfo, 'campaign.en.png') });
    await page.getByTestId('campaign-members').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('campaign-members.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoOverflow(page);
  });

  await test.step('the same screens in Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('campaign-figures')).toContainText('投资回报率');
    await expect(page.getByTestId('campaign-members')).toContainText('已回复');
    await expectNoOverflow(page);
    await page.screenshot({ path: shotPath(testInfo, 'campaign.zh-CN.png') });
    await page.getByTestId('campaign-edit').click();
    await expect(page.getByTestId('campaign-edit-dialog')).toBeVisible();
    await page.screenshot({ path: shotPath(testInfo, 'campaign-edit.zh-CN.png') });
    await page.keyboard.press('Escape');
    await go(page, '#/marketing/campaigns');
    await expect(page.getByRole('grid', { name: '营销活动' }).getByRole('row').nth(1)).toBeVisible();
    await expectNoOverflow(page);
    await page.screenshot({ path: shotPath(testInfo, 'campaigns-list.zh-CN.png') });
    await page.getByTestId('language-switch').selectOption('en');
  });

  expect(consoleErrors).toEqual([]);
});
