import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

/**
 * What a rep does with customer records, end to end through the browser host: create an account
 * with two contacts, find it by a contact's phone number, edit it, delete it and undo, import a
 * CSV, switch to Chinese, restart the app on the same data directory and find everything again.
 */

const ACCOUNT = 'Nordwind Logistik GmbH';
const CONTACTS = [
  { first: 'Anna', last: 'Schmidt', phone: '+49 40 555 0101' },
  { first: 'Jonas', last: 'Weber', phone: '+49 40 555 0199' },
] as const;

/** 1,000 accounts; rows 10 (no name), 500 (bad status) and 997 (employees not a number) are bad. */
function accountsCsv(count: number): string {
  const lines = ['Account Name,Status,Tier,Region,City,Currency,Employees'];
  for (let i = 0; i < count; i++) {
    const row = i + 2; // the header is spreadsheet row 1
    const name = row === 10 ? '' : `Flow Import ${String(i).padStart(4, '0')}`;
    const status = row === 500 ? 'sleeping' : 'Active';
    const employees = row === 997 ? 'many' : String(10 + i);
    lines.push([name, status, 'Standard', 'EMEA', i % 2 ? 'Hamburg' : '杭州', 'EUR', employees].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function openAccountBySearch(page: Page, text: string, title: string): Promise<void> {
  await page.keyboard.press('Control+k');
  const search = page.getByTestId('global-search');
  await expect(search).toBeFocused();
  await search.fill(text);
  await expect(page.getByRole('option').filter({ hasText: title }).first()).toBeVisible();
  await page.getByRole('option').filter({ hasText: title }).first().click();
  await expect(page.getByTestId('account-name')).toHaveText(title);
}

/**
 * The fixture restarts the host on a new port, and a page's IndexedDB (language, drafts) belongs
 * to its origin. The app itself keeps one origin (Electron's file://, start:browser's fixed port),
 * so the test carries the browser profile's IndexedDB over to the new origin, as the same profile
 * on the same port would have it.
 */
async function reopenAfterRestart(browser: Browser, old: BrowserContext, oldUrl: string, newUrl: string): Promise<Page> {
  const state = await old.storageState({ indexedDB: true });
  const from = new URL(oldUrl).origin;
  const to = new URL(newUrl).origin;
  const context = await browser.newContext({
    storageState: { cookies: [], origins: state.origins.map((entry) => (entry.origin === from ? { ...entry, origin: to } : entry)) },
  });
  await old.close();
  return context.newPage();
}

test('a rep creates, finds, edits, deletes and restores an account, imports 1,000 more, and finds it all after a restart', async ({
  page,
  app,
  browser,
  consoleErrors,
}, testInfo) => {
  test.setTimeout(180_000);
  await openApp(page, app);

  // Create: the list's "New account" button opens the form; the shared schema's rules show in plain words.
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await expect(form.getByRole('heading', { name: 'New account' })).toBeVisible();
  await form.getByLabel('Email').fill('not-an-email');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText('This field is required.')).toBeVisible();
  await expect(form.getByText('Enter an e-mail address like name@example.com.')).toBeVisible();
  await form.getByLabel('Account name').fill(ACCOUNT);
  await form.getByLabel('Email').fill('info@nordwind.example');
  await form.getByLabel('Status').selectOption('active');
  await form.getByLabel('City').fill('Hamburg');
  await form.getByLabel('Annual revenue').fill('2,500,000');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(ACCOUNT);
  await expect(page.getByTestId('key-figures')).toContainText('€0.00');
  await expect(page.getByTestId('figure-last-contact')).toContainText('Never');

  // Two contacts, added from the account page (the account is prefilled).
  const contacts = page.getByTestId('contacts-panel');
  for (const contact of CONTACTS) {
    await contacts.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByTestId('contact-dialog');
    await expect(dialog.getByRole('heading', { name: `New contact at ${ACCOUNT}` })).toBeVisible();
    await dialog.getByLabel('First name').fill(contact.first);
    await dialog.getByLabel('Last name').fill(contact.last);
    await dialog.getByLabel('Phone', { exact: true }).fill(contact.phone);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(contacts.getByText(`${contact.first} ${contact.last}`)).toBeVisible();
  }
  await expect(contacts.getByTestId('contact-row')).toHaveCount(2);

  // Log a call: the timeline updates live and "last contact" follows.
  await page.getByRole('button', { name: 'Log a call' }).click();
  const log = page.getByTestId('log-activity-form');
  await log.getByLabel('Subject').fill('Intro call about cold-chain routes');
  await log.getByLabel('With').selectOption({ label: 'Jonas Weber' });
  await log.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('timeline-item').first()).toContainText('Intro call about cold-chain routes');
  await expect(page.getByTestId('timeline-item').first()).toContainText('with Jonas Weber');
  await expect(page.getByTestId('figure-last-contact')).not.toContainText('Never');

  // Find it by a contact's phone number through the global search (Ctrl+K).
  await page.keyboard.press('Control+k');
  await page.getByTestId('global-search').fill('555 0199');
  const hit = page.getByRole('option').filter({ hasText: 'Jonas Weber' });
  await expect(hit).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('contact-name')).toHaveText('Jonas Weber');
  await openAccountBySearch(page, 'Nordwind', ACCOUNT);

  // Edit: only the changed fields are sent, with the revision the form was opened at.
  await page.getByTestId('edit-account').click();
  await expect(form.getByLabel('Account name')).toHaveValue(ACCOUNT);
  await form.getByLabel('Tier').selectOption('key');
  await form.getByLabel('City').fill('Bremen');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(ACCOUNT);
  await expect(page.getByText('Bremen', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('account-detail').getByText('Key', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('account-detail.png') });

  // Delete with its contacts, then Undo brings back all three.
  await page.getByTestId('delete-account').click();
  const confirm = page.getByTestId('delete-account-dialog');
  await confirm.getByLabel('Delete the contacts too').check();
  await confirm.getByRole('button', { name: 'Delete account' }).click();
  await expect(page).toHaveURL(/#\/customers\/accounts$/);
  const toast = page.getByTestId('toast').filter({ hasText: `Account “${ACCOUNT}” and 2 contacts deleted` });
  await expect(toast).toBeVisible();
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('account-name')).toHaveText(ACCOUNT);
  await expect(contacts.getByTestId('contact-row')).toHaveCount(2);

  // Import 1,000 accounts through the list's import dialog: 3 bad rows reported, the rest imported.
  await page.getByRole('link', { name: 'Back to accounts' }).click();
  await page.getByTestId('import-accounts').click();
  const importer = page.getByTestId('import-dialog');
  await importer
    .getByTestId('import-file')
    .setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(accountsCsv(1000), 'utf8') });
  await importer.getByRole('button', { name: 'Next' }).click();
  await importer.getByTestId('import-start').click();
  await expect(importer.getByTestId('import-imported')).toHaveText('Imported 997 records', { timeout: 90_000 });
  await expect(importer.getByTestId('import-rejected')).toHaveText('3 rows rejected');
  await expect(importer.getByTestId('import-issue')).toHaveCount(3);
  await importer.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('list-count')).toHaveText('998 accounts');

  // Chinese, then an unsaved draft of a new account left in the form.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await openAccountBySearch(page, 'Nordwind', ACCOUNT);
  await expect(page.getByTestId('key-figures')).toContainText('在途商机');
  await page.getByTestId('edit-account').click();
  await expect(form.getByRole('heading', { name: `编辑 ${ACCOUNT}` })).toBeVisible();
  await form.getByRole('textbox', { name: '备注' }).fill('周五前回电');
  // The draft is written after a pause in typing; wait for it rather than for a fixed time.
  await expect.poll(() => page.evaluate<number>(DRAFT_COUNT), { timeout: 5_000 }).toBe(1);
  expect(consoleErrors).toEqual([]);

  // Restart on the same data directory.
  const oldUrl = app.url;
  const newUrl = await app.restart();
  const after = await reopenAfterRestart(browser, page.context(), oldUrl, newUrl);
  await openApp(after, app);
  await expect(after.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(after.getByTestId('list-count')).toHaveText('998 家客户');
  await after.keyboard.press('Control+k');
  await after.getByTestId('global-search').fill('555 0101');
  await expect(after.getByRole('option').filter({ hasText: 'Anna Schmidt' })).toBeVisible();
  await after.keyboard.press('Escape');
  await openAccountBySearch(after, 'Nordwind', ACCOUNT);
  await expect(after.getByTestId('contact-row')).toHaveCount(2);
  await expect(after.getByTestId('timeline-item').first()).toContainText('Intro call about cold-chain routes');

  // The unsaved edit is offered again and restores what was typed.
  await after.getByTestId('edit-account').click();
  await expect(after.getByTestId('draft-banner')).toBeVisible();
  await after.getByTestId('draft-banner').getByRole('button', { name: '恢复' }).click();
  await expect(after.getByTestId('account-form').getByRole('textbox', { name: '备注' })).toHaveValue('周五前回电');
  await after.getByTestId('account-form').getByRole('button', { name: '保存' }).click();
  await expect(after.getByTestId('account-detail')).toContainText('周五前回电');
  await after.screenshot({ path: testInfo.outputPath('account-detail-zh-CN.png') });
});

/**
 * Runs in the page: how many drafts the prefs database (Dexie's IndexedDB) holds. A string, because
 * this file compiles without DOM types.
 */
const DRAFT_COUNT = `new Promise((resolve, reject) => {
  const open = indexedDB.open('fieldcrm-prefs');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const count = open.result.transaction('drafts').objectStore('drafts').count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
    count.onerror = () => reject(count.error);
  };
})`;

test('saving over a change made elsewhere says so, reloads the latest and keeps what the rep typed', async ({
  page,
  app,
  consoleErrors,
}) => {
  await openApp(page, app);
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await form.getByLabel('Account name').fill('Conflict Test AG');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('account-name')).toHaveText('Conflict Test AG');
  const accountUrl = page.url();

  // Rep opens the editor, and meanwhile the same account changes in another window.
  await page.getByTestId('edit-account').click();
  await form.getByLabel('City').fill('Zürich');
  const other = await page.context().newPage();
  await other.goto(accountUrl);
  await other.getByTestId('edit-account').click();
  await other.getByTestId('account-form').getByLabel('Phone').fill('+41 44 000 00 00');
  await other.getByTestId('account-form').getByRole('button', { name: 'Save' }).click();
  await expect(other.getByTestId('account-name')).toBeVisible();
  await other.close();

  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('conflict-banner')).toContainText('This record was changed elsewhere');
  await page.getByTestId('conflict-banner').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByTestId('conflict-banner')).toHaveCount(0);
  await expect(form.getByLabel('Phone')).toHaveValue('+41 44 000 00 00');
  await expect(form.getByLabel('City')).toHaveValue('Zürich');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('account-name')).toHaveText('Conflict Test AG');
  await expect(page.getByText('+41 44 000 00 00')).toBeVisible();
  await expect(page.getByText('Zürich').first()).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
