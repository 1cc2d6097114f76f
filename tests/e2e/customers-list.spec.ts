import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { generateAccounts } from '../../electron/core/seed/generate-dataset';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';

const COUNT = 300;
const SEED = 11;
const ROOT = resolve(import.meta.dirname, '../..');

/** The same accounts the seeded database holds (generateAccounts is what seed-accounts writes). */
const accounts = generateAccounts(COUNT, SEED);
const active = accounts.filter((account) => account.status === 'active');
// The store orders strings by code point; ties by id.
const byNameDesc = [...active].sort((a, b) => (a.name === b.name ? (a.id < b.id ? 1 : -1) : a.name < b.name ? 1 : -1));

let host: AppHost;

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-list-'));
  // A child process, like the app: the seed opens and closes the SQLite file before the host does.
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'tests/fixtures/seed-accounts.ts', '--dir', dir, '--accounts', String(COUNT), '--seed', String(SEED)],
    { cwd: ROOT },
  );
  host = { dataDir: dir } as AppHost;
});

test.afterAll(() => removeDataDir(host.dataDir));

async function pick(page: Page, filter: string, label: string): Promise<void> {
  await page.getByTestId(`filter-${filter}`).click();
  await page
    .getByRole('group', { name: label.split(':')[0] })
    .getByLabel(label.split(':')[1] ?? '', { exact: true })
    .check();
  await page.keyboard.press('Escape');
}

test('filter, sort, saved view and columns survive a reload; the keyboard drives the list', async ({ page, consoleErrors }, testInfo) => {
  const app = await startAppHost(host.dataDir);
  try {
    await openApp(page, app);
    const grid = page.getByRole('grid', { name: 'Accounts' });
    const count = page.getByTestId('list-count');
    await expect(count).toHaveText(`${COUNT} accounts`);

    // Filter: status Active.
    await pick(page, 'status', 'Status:Active');
    await expect(count).toHaveText(`${active.length} accounts`);
    await expect(page.getByTestId('filter-status')).toHaveText(/Status: Active/);

    // Sort: name descending.
    await grid.getByRole('button', { name: 'Name' }).click();
    await expect(grid.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
    const firstRow = grid.locator('.record-canvas [role=row]').first();
    await expect(firstRow.getByRole('gridcell').first()).toHaveText(byNameDesc[0]!.name);

    // Columns: hide Tier, show Country, move Country up one.
    await page.getByTestId('columns-menu').click();
    const columnsMenu = page.getByRole('group', { name: 'Choose columns' });
    await columnsMenu.getByLabel('Tier', { exact: true }).uncheck();
    await columnsMenu.getByLabel('Country', { exact: true }).check();
    await columnsMenu.getByRole('button', { name: 'Move Country up' }).click();
    await page.keyboard.press('Escape');
    await expect(grid.getByRole('columnheader', { name: 'Tier' })).toHaveCount(0);
    const headers = grid.getByRole('columnheader');
    await expect(headers.nth(-2)).toHaveText('Country');

    // Saved view: save, clear filters, apply it again.
    await page.getByTestId('views-menu').click();
    await page.getByPlaceholder('Name of this view').fill('Active Z–A');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('clear-filters').click();
    await expect(count).toHaveText(`${COUNT} accounts`);
    await page.getByTestId('views-menu').click();
    await page.getByRole('button', { name: 'Active Z–A', exact: true }).click();
    await expect(count).toHaveText(`${active.length} accounts`);

    await page.reload();
    await expect(count).toHaveText(`${active.length} accounts`);
    await expect(grid.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
    await expect(grid.getByRole('columnheader', { name: 'Tier' })).toHaveCount(0);
    await expect(headers.nth(-2)).toHaveText('Country');
    await expect(firstRow.getByRole('gridcell').first()).toHaveText(byNameDesc[0]!.name);
    await page.getByTestId('views-menu').click();
    await expect(page.getByRole('button', { name: 'Active Z–A', exact: true })).toBeVisible();
    await page.keyboard.press('Escape');

    // Keyboard: focus selects the first row; arrows, End, Home, PageDown move; Enter opens.
    const selected = grid.locator('[role=row][aria-selected=true]');
    await grid.focus();
    await expect(selected).toHaveAttribute('aria-rowindex', '2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(selected).toHaveAttribute('aria-rowindex', '4');
    await page.keyboard.press('ArrowUp');
    await expect(selected).toHaveAttribute('aria-rowindex', '3');
    await page.keyboard.press('End');
    await expect(selected).toHaveAttribute('aria-rowindex', String(active.length + 1));
    await expect(selected.getByRole('gridcell').first()).toHaveText(byNameDesc.at(-1)!.name);
    await page.keyboard.press('Home');
    await page.keyboard.press('PageDown');
    await expect(selected).not.toHaveAttribute('aria-rowindex', '2');
    await page.screenshot({ path: testInfo.outputPath('accounts-list-selected.png') });
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/customers/accounts/${byNameDesc[0]!.id}$`));

    // Filters that match nothing: say so, and offer to clear them.
    await page.goto(new URL('/#/customers/accounts', page.url()).href);
    // Still filtered to Active (the view persisted); add tier, region and industry until nothing matches.
    const seen = new Set(active.map((account) => `${account.tier}|${account.region}|${account.industry ?? ''}`));
    const combos = ['strategic', 'key', 'standard', 'small'].flatMap((tier) =>
      ['latin_america', 'apac', 'greater_china', 'emea', 'north_america'].flatMap((region) =>
        [...new Set(accounts.map((a) => a.industry ?? ''))].map((industry) => [tier, region, industry] as const),
      ),
    );
    const empty = combos.find(([tier, region, industry]) => industry !== '' && !seen.has(`${tier}|${region}|${industry}`));
    expect(empty).toBeDefined();
    const labels: Record<string, string> = {
      strategic: 'Strategic',
      key: 'Key',
      standard: 'Standard',
      small: 'Small',
      latin_america: 'Latin America',
      apac: 'Asia Pacific',
      greater_china: 'Greater China',
      emea: 'EMEA',
      north_america: 'North America',
    };
    await pick(page, 'tier', `Tier:${labels[empty![0]]}`);
    await pick(page, 'region', `Region:${labels[empty![1]]}`);
    await pick(page, 'industry', `Industry:${empty![2]}`);
    await expect(page.getByText('No accounts match')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('accounts-list-no-match.png') });
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await expect(count).toHaveText(`${COUNT} accounts`);

    // Delete the saved view.
    await page.getByTestId('views-menu').click();
    await page.getByRole('button', { name: 'Delete view Active Z–A' }).click();
    await expect(page.getByText('No saved views yet')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  } finally {
    await app.stop();
  }
});

test('contacts: sort and filter by account', async ({ page }) => {
  const app = await startAppHost(host.dataDir);
  try {
    await openApp(page, app);
    await page.getByRole('link', { name: 'Contacts', exact: true }).click();
    const count = page.getByTestId('list-count');
    await expect(count).toHaveText(/\d+ contacts/);
    const all = await count.textContent();
    const grid = page.getByRole('grid', { name: 'Contacts' });
    await grid.getByRole('button', { name: 'Email' }).click();
    await expect(grid.getByRole('columnheader', { name: 'Email' })).toHaveAttribute('aria-sort', 'ascending');

    const target = accounts[3]!;
    await page.getByRole('combobox', { name: 'Account' }).fill(target.name.split(/[\s,]/)[0]!);
    await page
      .getByRole('option', { name: new RegExp(target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    await expect(page.getByTestId('account-filter-chip')).toContainText(target.name);
    await expect(count).not.toHaveText(all ?? '');
    await expect(count).toHaveText(/^[2-4] contacts$/);
  } finally {
    await app.stop();
  }
});
