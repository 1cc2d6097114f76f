import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

/**
 * A rep works a case on a small seeded database, the way the acceptance walks it: opens a
 * case from an account during a visit, watches the SLA clock and its pause, finds an article by a
 * Chinese word and by an English prefix, links it, resolves the case, records CSAT 5 and NPS 9.
 * Every screen is checked with axe and photographed in English and Chinese at 1366×768.
 */

let host: AppHost;

test.beforeAll(async () => {
  host = await startAppHost(seededDataDir('crm-e2e-cases-', ['--accounts', '40', '--seed', '13']));
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

/** Nothing is wider than the window or the page body (no sideways scrolling of the screen). */
async function expectNoOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>(
    "(() => { const b = document.querySelector('.page-body'); return Math.max(document.documentElement.scrollWidth - window.innerWidth, b ? b.scrollWidth - b.clientWidth : 0); })()",
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test('the case list shows queues with counts and SLA badges, in English and Chinese', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);
  await go(page, '#/service/cases');
  const grid = page.getByRole('grid', { name: /^Cases/ });
  await expect(grid.getByRole('row').nth(1).getByTestId('sla-badge')).toBeVisible();
  await expect(page.getByRole('tab', { name: /All open/ })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: /Breaching/ }).click();
  await expect(page.getByRole('grid', { name: 'Cases: Breaching ≤ 24 h' })).toBeVisible();
  await page.screenshot({ path: shotPath(testInfo, 'cases-list.en.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoOverflow(page);

  await page.getByLabel('Priority').selectOption({ label: 'Urgent' });
  await page.getByRole('tab', { name: /All open/ }).click();
  await expect(grid.getByRole('row').nth(1)).toContainText(/Urgent|No case matches these filters/);
  await page.getByLabel('Priority').selectOption({ label: 'Any' });

  // Keyboard: arrows move between queues, Enter on the grid opens the selected case.
  await page.getByRole('tab', { name: /All open/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /All cases/ })).toBeFocused();
  await expect(page.getByRole('tab', { name: /All cases/ })).toHaveAttribute('aria-selected', 'true');
  await expect(grid.getByRole('row').nth(1).getByTestId('sla-badge')).toBeVisible();
  await grid.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-page')).toBeVisible();
  await page.goBack();
  await page.getByRole('tab', { name: /All open/ }).click();

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('tab', { name: /全部未结/ })).toBeVisible();
  await page.screenshot({ path: shotPath(testInfo, 'cases-list.zh-CN.png') });
  expect(await seriousViolations(page)).toEqual([]);
  await expectNoOverflow(page);
  await page.getByTestId('language-switch').selectOption('en');
});

test('a rep opens a case during a visit, pauses it, links an article, resolves it and records CSAT and NPS', async ({ page }, testInfo) => {
  // A long walk with an axe check on every screen, on a shared 2-core machine.
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);

  // A Chinese article, so the search can find it by a Chinese word.
  await expectOk(
    coreRequest(page, 'knowledge.save', {
      values: {
        title: '打印机卡纸的处理方法',
        summary: '标签打印机卡纸时的步骤',
        body: '# 打印机卡纸\n\n先关闭打印机，再取出卡住的标签。',
        category: 'Hardware',
        language: 'zh-CN',
        status: 'published',
        tags: ['打印机'],
      },
    }),
  );

  await go(page, '#/customers/accounts');
  await page.getByRole('grid', { name: 'Accounts' }).getByRole('row').nth(1).getByRole('link').first().click();
  const account = page.getByTestId('account-detail');
  await expect(account.getByTestId('service-panel')).toBeVisible();
  const accountName = ((await account.getByTestId('account-name').textContent()) ?? '').trim();

  await test.step('log a visit and open a case from it', async () => {
    await account.getByRole('button', { name: 'Log a visit' }).click();
    const form = account.getByRole('form', { name: 'Log a visit' });
    await form.getByLabel('Subject').fill('On-site check of the label printers');
    await form.locator('button[type="submit"]').click();
    const visit = account.getByTestId('timeline-item').filter({ hasText: 'On-site check of the label printers' });
    await visit.getByRole('button', { name: 'New case from this visit' }).click();
    const dialog = page.getByRole('dialog', { name: 'New case from this visit' });
    await expect(dialog.getByLabel('Channel')).toHaveValue('visit');
    await dialog.getByLabel('Subject').fill('Label printer jams on tray 2');
    await dialog.getByLabel('Priority').selectOption({ label: 'High' });
    await dialog.getByLabel('Category').selectOption({ label: 'Hardware' });
    await page.screenshot({ path: shotPath(testInfo, 'case-new.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Create case' }).click();
  });

  const casePage = page.getByTestId('case-page');
  await test.step('the case shows its SLA countdown', async () => {
    await expect(casePage.getByTestId('case-title')).toContainText('Label printer jams on tray 2');
    await expect(casePage.getByTestId('case-account')).toHaveText(accountName);
    await expect(casePage.getByTestId('sla-resolution-countdown')).toContainText('left');
    await page.screenshot({ path: shotPath(testInfo, 'case-page.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoOverflow(page);
  });

  await test.step('waiting on the customer pauses the clock', async () => {
    await casePage.getByRole('button', { name: 'Waiting on customer' }).click();
    await expect(casePage.getByTestId('case-status')).toHaveText('Waiting on customer');
    await expect(casePage.getByTestId('sla-resolution')).toHaveAttribute('data-state', 'paused');
    await expect(casePage.getByText('Paused while waiting on the customer.').first()).toBeVisible();
    await casePage.getByRole('button', { name: 'Back to open' }).click();
    await expect(casePage.getByTestId('case-status')).toHaveText('Open');
  });

  await test.step('find an article by a Chinese word and by an English prefix, link it, mark it helpful', async () => {
    const search = casePage.getByLabel('Search articles');
    await search.fill('打印机');
    await expect(casePage.getByTestId('article-results').getByText('打印机卡纸的处理方法')).toBeVisible();
    await search.fill('instal');
    const results = casePage.getByTestId('article-results');
    await expect(results.locator('mark').first()).toBeVisible();
    const first = results.getByTestId('article-hit').first();
    const title = ((await first.getByRole('link').textContent()) ?? '').trim();
    await page.screenshot({ path: shotPath(testInfo, 'case-articles.en.png') });
    await first.getByRole('button', { name: `Link article ${title}` }).click();
    const linked = casePage.getByTestId('linked-articles');
    await expect(linked.getByRole('link', { name: title })).toBeVisible();
    await linked.getByRole('button', { name: `This helped: ${title}` }).click();
    await expect(linked.getByRole('button', { name: `This helped: ${title}` })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('resolve the case and record CSAT 5', async () => {
    await casePage.getByRole('button', { name: 'Resolve' }).click();
    await expect(casePage.getByTestId('case-status')).toHaveText('Resolved');
    await expect(casePage.getByTestId('sla-resolution')).toHaveAttribute('data-state', /met|breached/);
    await casePage.getByRole('button', { name: 'Record CSAT' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record CSAT for this case' });
    await dialog.getByLabel('5, very satisfied').check();
    await expect(dialog.getByRole('radio', { name: /^5/ })).toBeChecked();
    await dialog.getByLabel('Comment').fill('Fixed on the spot');
    await page.screenshot({ path: shotPath(testInfo, 'case-csat.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save answer' }).click();
    await expect(casePage.getByTestId('case-csat')).toContainText('CSAT 5/5');
  });

  await test.step('the case page in Chinese', async () => {
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(casePage.getByTestId('case-status')).toHaveText('已解决');
    await page.screenshot({ path: shotPath(testInfo, 'case-page.zh-CN.png') });
    await casePage.getByTestId('case-timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath(testInfo, 'case-timeline.zh-CN.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await expectNoOverflow(page);
    await page.getByTestId('language-switch').selectOption('en');
  });

  await test.step("record the contact's NPS 9; the account page shows it with its count", async () => {
    await casePage.getByTestId('case-account').click();
    const contactLink = account.getByTestId('contacts-panel').getByRole('link').first();
    await contactLink.click();
    const contact = page.getByTestId('contact-detail');
    await contact.getByRole('button', { name: 'Record NPS' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record NPS' });
    await dialog.getByLabel('9', { exact: true }).check();
    await expect(dialog.getByRole('radio', { name: '9' })).toBeChecked();
    await page.screenshot({ path: shotPath(testInfo, 'contact-nps.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save answer' }).click();
    await contact.getByTestId('contact-account').getByRole('link').click();
    await expect(account.getByTestId('account-nps')).toContainText(/response/);
    await page.screenshot({ path: shotPath(testInfo, 'account-service.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('language-switch').selectOption('zh-CN');
    await expect(account.getByTestId('account-nps')).toContainText('份回复');
    await page.screenshot({ path: shotPath(testInfo, 'account-service.zh-CN.png') });
    await page.getByTestId('language-switch').selectOption('en');
  });

  await test.step('the "Open cases" tile opens the list narrowed to the account', async () => {
    await account.getByTestId('figure-cases').click();
    await expect(page.getByTestId('case-account-filter')).toContainText(accountName);
  });

  await test.step('Today lists the cases at risk', async () => {
    await go(page, '#/sales/today');
    await expect(page.getByTestId('cases-at-risk')).toBeVisible();
    await page.screenshot({ path: shotPath(testInfo, 'today-cases-at-risk.en.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
