import { expect, openApp, test } from './fixtures';

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
  await expect(page.getByTestId('global-search')).toHaveAttribute('placeholder', '搜索客户、联系人、线索、商机');
  await expect(page.getByText('还没有客户')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('shell-zh-CN.png') });

  await page.getByTestId('language-switch').selectOption('en');
  await expect(nav.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await nav.getByRole('link', { name: 'Marketing' }).click();
  await expect(page.getByText('Marketing is on its way')).toBeVisible();

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
