import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchPage } from '../../electron/host/chromium-launch';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';

test('opens the shell, switches to Simplified Chinese and back', async ({ page, app, consoleErrors }, testInfo) => {
  await openApp(page, app);

  // The secret was traded for a cookie and is gone from the address bar.
  expect(page.url()).not.toContain('?s=');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const area of ['Customers', 'Sales', 'Marketing', 'Service', 'Reports']) {
    await expect(nav.getByRole('link', { name: area })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'Customers' })).toBeVisible();
  await expect(page.getByText('No accounts yet')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shell-en.png') });

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '客户', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('global-search')).toHaveAttribute('placeholder', '搜索客户、联系人、线索、商机、文章');
  await expect(page.getByText('还没有客户')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shell-zh-CN.png') });

  await page.getByTestId('language-switch').selectOption('en');
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await nav.getByRole('link', { name: 'Marketing' }).click();
  await expect(page).toHaveURL(/#\/marketing\/campaigns$/);
  await expect(page.getByRole('grid', { name: 'Campaigns' })).toBeVisible();

  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('global-search')).toBeFocused();

  expect(consoleErrors).toEqual([]);
});

test('refuses a page without the secret, and a restarted host has a new one', async ({ page, app }) => {
  const response = await page.goto(new URL('/', app.url).href);
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId('app-shell')).toHaveCount(0);

  const oldSecret = new URL(app.url).searchParams.get('s');
  await app.restart();
  expect(new URL(app.url).searchParams.get('s')).not.toBe(oldSecret);
  await openApp(page, app);
  await expect(page.getByText('No accounts yet')).toBeVisible();
});

test('settings: language, how the data is protected, and what is running; in English and Simplified Chinese', async ({
  page,
  app,
  consoleErrors,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // The browser host keeps the database key in a 0600 file: the page says so, calmly.
  const notice = page.getByTestId('key-protection');
  await expect(notice).toHaveAttribute('data-protection', 'key-file');
  await expect(notice.getByText('Encrypted, with the key kept in a file')).toBeVisible();
  await expect(notice.getByText(app.dataDir)).toBeVisible();
  await expect(page.getByText('Browser version', { exact: true })).toBeVisible();
  await page.screenshot({ path: shotPath(testInfo, 'settings-en.png') });

  await page.getByTestId('settings-language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '设置', level: 1 })).toBeVisible();
  await expect(notice.getByText('已加密，密钥保存在文件中')).toBeVisible();
  await expect(page.getByTestId('language-switch')).toHaveValue('zh-CN');
  await page.screenshot({ path: shotPath(testInfo, 'settings-zh-CN.png') });

  await page.getByTestId('settings-language').selectOption('en');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('start:browser’s launch page forwards to the app, so the secret never needs a command line', async ({ page, app }) => {
  const launch = launchPage(app.url);
  const dir = mkdtempSync(join(tmpdir(), 'crm-launch-'));
  const file = join(dir, 'open-fieldcrm.html');
  writeFileSync(file, launch, { mode: 0o600 });
  try {
    await page.goto(pathToFileURL(file).href);
    await expect(page.getByTestId('app-shell')).toBeVisible();
    // The secret was traded for the cookie on the way: the app's own origin, no query.
    const url = new URL(page.url());
    expect(url.origin).toBe(new URL(app.url).origin);
    expect(url.search).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
