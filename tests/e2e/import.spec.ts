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
