import { readFileSync } from 'node:fs';
import { accountsCsv } from '../fixtures/accounts-csv';
import { expect, openApp, test } from './fixtures';

test('imports 1,000 accounts with 3 bad rows, reports them by row, and exports the list', async ({
  page,
  app,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(120_000);
  const { csv, badRows } = accountsCsv(1000);
  await openApp(page, app);
  await expect(page.getByText('No accounts yet')).toBeVisible();

  await page.getByTestId('import-accounts').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

  // Column mapping is guessed from the headers; each one can be changed.
  await expect(dialog.getByText('accounts.csv: 1,000 rows, 10 columns')).toBeVisible();
  await expect(dialog.getByRole('combobox', { name: 'Field: Account Name' })).toHaveValue('name');
  await expect(dialog.getByRole('combobox', { name: 'Field: Annual Revenue' })).toHaveValue('annualRevenue');
  await dialog.getByRole('combobox', { name: 'Field: Website' }).selectOption('');
  await page.screenshot({ path: testInfo.outputPath('import-mapping.png') });
  await dialog.getByRole('button', { name: 'Next' }).click();

  // The preview shows the core's verdict on the first rows: row 10 lacks a name.
  await expect(dialog.getByTestId('preview-status')).toHaveText(/1 problem/);
  await expect(dialog.locator('.preview-row.has-issue')).toContainText('Account name is required');
  await page.screenshot({ path: testInfo.outputPath('import-preview.png') });
  await dialog.getByTestId('import-start').click();

  await expect(dialog.getByTestId('import-imported')).toHaveText('Imported 997 records', { timeout: 60_000 });
  await expect(dialog.getByTestId('import-rejected')).toHaveText('3 rows rejected');
  const issues = dialog.getByTestId('import-issue');
  await expect(issues).toHaveCount(3);
  for (const [index, bad] of badRows.entries()) {
    await expect(issues.nth(index).locator('td').first()).toHaveText(String(bad.row));
  }
  await expect(issues.nth(1)).toContainText('looks like a spreadsheet formula');
  await expect(issues.nth(2)).toContainText('Employees is not a valid number');
  await page.screenshot({ path: testInfo.outputPath('import-summary.png') });

  const problems = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download problems (CSV)' }).click();
  const problemsCsv = readFileSync((await (await problems).path())!, 'utf8');
  expect(problemsCsv.split('\r\n').filter(Boolean)).toHaveLength(4);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('list-count')).toHaveText('997 accounts');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await file.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n').filter(Boolean);
  expect(lines).toHaveLength(998);
  expect(lines[0]).toBe('Name,Status,Tier,Region,Industry,City,Owner,Revenue,Updated');
  expect(lines[1]).toMatch(/^Imported Account 0000,Active,Key,EMEA,Manufacturing,上海,/);
  expect(text).toContain('"Retail, Wholesale"');
  expect(consoleErrors).toEqual([]);
});

test('imports contacts with Chinese headers, linked to accounts by name; a file in the wrong encoding changes nothing', async ({
  page,
  app,
}) => {
  await openApp(page, app);
  await page.getByTestId('import-accounts').click();
  let dialog = page.getByTestId('import-dialog');
  await dialog
    .getByTestId('import-file')
    .setInputFiles({ name: 'a.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv(5).csv, 'utf8') });
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByTestId('import-start').click();
  await expect(dialog.getByTestId('import-imported')).toHaveText('Imported 5 records');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByTestId('import-contacts').click();
  dialog = page.getByTestId('import-dialog');
  // GBK bytes for 姓名 are not valid UTF-8: refused as a whole, with the reason.
  await dialog
    .getByTestId('import-file')
    .setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0x41, 0x0a]) });
  await expect(dialog.getByRole('alert')).toHaveText(/not UTF-8/);
  await dialog.getByTestId('import-file').setInputFiles('tests/fixtures/contacts-zh.csv');
  await expect(dialog.getByRole('combobox', { name: 'Field: 所属客户' })).toHaveValue('accountName');
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByTestId('import-start').click();
  await expect(dialog.getByTestId('import-imported')).toHaveText('Imported 2 records');
  await expect(dialog.getByTestId('import-issue')).toContainText(['4']);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('list-count')).toHaveText('2 contacts');
});

test('a file without a region asks for one; partial "id" headers stay unmapped; bad e-mails and currencies are flagged by row and column', async ({
  page,
  app,
}, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const csv = [
    'Account Name,Subsidiary of,Residence City,E-mail,Currency',
    'Alpha GmbH,Beta Holding,Berlin,info@alpha.example,EUR',
    'Bravo AG,,München,not-an-email,EUR',
    'Charlie Ltd,,London,hello@charlie.example,XXX',
    'Delta SA,,Paris,contact@delta.example,',
  ].join('\r\n');
  await openApp(page, app);
  for (const language of ['en', 'zh-CN'] as const) {
    await page.getByTestId('language-switch').selectOption(language);
    await page.getByTestId('import-accounts').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: 'no-region.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const defaults = dialog.getByTestId('import-defaults');
    await expect(defaults).toBeVisible();
    if (language === 'en') {
      // "Subsidiary of" contains "id" but is no id; "Residence City" is a city.
      await expect(dialog.getByRole('combobox', { name: 'Field: Subsidiary of' })).toHaveValue('');
      await expect(dialog.getByRole('combobox', { name: 'Field: Residence City' })).toHaveValue('city');
      await expect(dialog.getByRole('combobox', { name: 'Field: E-mail' })).toHaveValue('email');
      // The defaults the rows get are shown, and the region waits for the rep.
      await expect(defaults.getByTestId('import-default-status')).toHaveValue('prospect');
      await expect(defaults.getByTestId('import-default-tier')).toHaveValue('standard');
      await expect(defaults.getByTestId('import-default-currency')).toHaveValue('USD');
      await expect(defaults.getByTestId('import-default-region')).toHaveValue('');
      await expect(dialog.getByTestId('import-missing')).toHaveText('Required: Region');
      await expect(defaults).toContainText('The file has no region column: choose the region of these accounts.');
    } else {
      await expect(dialog.getByTestId('import-missing')).toContainText('区域');
      await expect(defaults).toContainText('文件中没有区域列');
    }
    await expect(dialog.getByRole('button', { name: language === 'en' ? 'Next' : '下一步' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath(`import-mapping-defaults-${language}.png`) });

    // Keyboard: Tab goes from the last column's field to the region; the arrow keys choose one.
    await dialog.locator('.mapping-row select').last().focus();
    await page.keyboard.press('Tab');
    await expect(defaults.getByTestId('import-default-region')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(defaults.getByTestId('import-default-region')).toHaveValue('north_america');
    await defaults.getByTestId('import-default-region').selectOption('emea');
    await expect(dialog.getByTestId('import-missing')).toHaveCount(0);
    await dialog.getByRole('button', { name: language === 'en' ? 'Next' : '下一步' }).click();

    const status = dialog.getByTestId('preview-status');
    await expect(status).toHaveText(language === 'en' ? /2 problems/ : /2/);
    const bravo = dialog.locator('.preview-row[data-row="3"]');
    const charlie = dialog.locator('.preview-row[data-row="4"]');
    await expect(bravo).toHaveClass(/has-issue/);
    await expect(bravo.locator('[data-field="email"]')).toHaveClass(/cell-bad/);
    await expect(charlie.locator('[data-field="currency"]')).toHaveClass(/cell-bad/);
    await expect(dialog.locator('.preview-row[data-row="5"]')).not.toHaveClass(/has-issue/);
    if (language === 'en') {
      await expect(bravo).toContainText('Email is not a valid e-mail address');
      await expect(charlie).toContainText('Currency is not a known currency code (ISO 4217, such as USD)');
    } else {
      await expect(bravo).toContainText('不是有效的电子邮件地址');
      await expect(charlie).toContainText('不是已知的货币代码');
    }
    await page.screenshot({ path: testInfo.outputPath(`import-preview-flags-${language}.png`) });

    if (language === 'zh-CN') {
      await page.keyboard.press('Escape');
      break;
    }
    await dialog.getByTestId('import-start').click();
    await expect(dialog.getByTestId('import-imported')).toHaveText('Imported 2 records');
    await expect(dialog.getByTestId('import-rejected')).toHaveText('2 rows rejected');
    const issues = dialog.getByTestId('import-issue');
    await expect(issues).toHaveCount(2);
    await expect(issues.nth(0)).toContainText('3');
    await expect(issues.nth(0)).toContainText('Email is not a valid e-mail address');
    await expect(issues.nth(1)).toContainText('4');
    await expect(issues.nth(1)).toContainText('Currency is not a known currency code');
    await page.screenshot({ path: testInfo.outputPath('import-summary-flags-en.png') });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByTestId('list-count')).toHaveText('2 accounts');
    await expect(page.getByText('Delta SA')).toBeVisible();
  }
});
