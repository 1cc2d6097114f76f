import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import {
  coreRequest,
  createTeamWithReps,
  expectOk,
  pendingCount,
  signInThroughUi,
  startSyncServer,
  syncIndicator,
  type SyncServer,
} from './sync-fixtures';

/**
 * Duplicates end to end: the warning while an account is typed and in the import preview, the
 * queue, a field-by-field merge with its undo, and a merge reaching a teammate's laptop by sync.
 */

const HARBOR = {
  name: 'Harbor Freight Logistics',
  status: 'active',
  tier: 'key',
  region: 'emea',
  currency: 'EUR',
  phone: '+49 40 1234567',
  email: 'info@harbor-freight.example',
  website: 'https://harbor-freight.example',
  city: 'Hamburg',
  country: 'Germany',
} as const;

async function language(page: Page, code: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(code);
  await expect(page.locator('html')).toHaveAttribute('lang', code);
}

/** axe on the screen as it is: no serious or critical violation (a11y.spec.ts walks every screen the same way). */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

test('a typed account and an imported row warn of a duplicate; the pair merges field by field and the merge undoes', async ({
  page,
  app,
  consoleErrors,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  const original = await expectOk(coreRequest(page, 'accounts.create', { values: { ...HARBOR } }));
  await expectOk(
    coreRequest(page, 'contacts.create', {
      values: { accountId: original.id, firstName: 'Greta', lastName: 'Lindqvist', isPrimary: true, doNotContact: false },
    }),
  );

  // Typing a new account that already exists: the warning names it and links to it; saving stays possible.
  await page.getByTestId('new-account').click();
  const form = page.getByTestId('account-form');
  await form.getByLabel('Account name').fill('Harbor Freight Logistic');
  const warning = form.getByTestId('duplicate-warning');
  await expect(warning).toContainText('This may already exist: 1 similar record');
  await expect(warning.getByTestId('duplicate-candidate')).toContainText(HARBOR.name);
  await expect(warning.getByRole('link', { name: `Open existing record ${HARBOR.name}` })).toHaveAttribute(
    'href',
    `#/customers/accounts/${original.id}`,
  );
  await expect(form.getByRole('button', { name: 'Save' })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('duplicates-form-warning-en.png') });
  await expectAccessible(page);
  await language(page, 'zh-CN');
  await expect(warning).toContainText('可能已存在：1 条相似记录');
  await page.screenshot({ path: test.info().outputPath('duplicates-form-warning-zh-CN.png') });
  await expectAccessible(page);
  await language(page, 'en');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // An import with the same company under a longer name: its preview row says so; it imports anyway.
  const csv = [
    'Account Name,Phone,E-mail,City,Country,Employees,Region',
    `Harbor Freight Logistics GmbH,${HARBOR.phone},${HARBOR.email},Hamburg-Altona,Germany,250,EMEA`,
    'Nordlicht Maschinenbau,+49 89 7654321,kontakt@nordlicht.example,München,Germany,80,EMEA',
  ].join('\r\n');
  await page.getByTestId('import-accounts').click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles({ name: 'harbor.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await dialog.getByRole('button', { name: 'Next' }).click();
  const duplicateRow = dialog.locator('.preview-row[data-row="2"]');
  await expect(duplicateRow.getByTestId('import-duplicate')).toContainText(`Possible duplicate of ${HARBOR.name}`);
  await expect(dialog.locator('.preview-row[data-row="3"]').getByTestId('import-duplicate')).toHaveCount(0);
  await expect(dialog.getByTestId('import-duplicates-summary')).toContainText('1 previewed row looks like an existing record');
  await page.screenshot({ path: test.info().outputPath('duplicates-import-preview.png') });
  await dialog.getByTestId('import-start').click();
  await expect(dialog.getByTestId('import-imported')).toHaveText('Imported 2 records');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // The queue: the pair, likeliest first; contacts have none.
  await page.getByRole('link', { name: /^Duplicates/ }).click();
  const pair = page.getByTestId('duplicate-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText(HARBOR.name);
  await expect(pair).toContainText('Harbor Freight Logistics GmbH');
  await expect(page.getByRole('link', { name: 'Duplicates (1)' })).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('duplicates-queue-en.png') });
  await expectAccessible(page);
  await language(page, 'zh-CN');
  await expect(pair.getByRole('button', { name: /不是重复/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('duplicates-queue-zh-CN.png') });
  await expectAccessible(page);
  await language(page, 'en');
  await page.getByTestId('duplicates-entity-contact').click();
  await expect(page.getByTestId('duplicates-empty')).toContainText('No likely duplicates');
  await page.screenshot({ path: test.info().outputPath('duplicates-queue-empty-en.png') });
  await page.getByTestId('duplicates-entity-account').click();

  // Merge: the imported record stays, the original's name and website win, its contact moves over.
  await pair.getByTestId('duplicate-merge').click();
  const merge = page.getByTestId('merge-page');
  await expect(merge.getByRole('heading', { name: 'Merge two accounts' })).toBeVisible();
  const imported = merge.getByTestId('merge-side').filter({ hasText: 'Harbor Freight Logistics GmbH' });
  await imported.getByRole('radio').check();
  await expect(imported).toHaveAttribute('data-kept', 'true');
  await expect(merge.getByTestId('merge-children')).toContainText('1 contact');
  const field = (name: string) => merge.locator(`[data-testid="merge-field"][data-field="${name}"]`);
  await field('name').getByRole('radio', { name: HARBOR.name, exact: true }).check();
  await expect(field('website').getByRole('radio', { name: HARBOR.website })).toBeChecked();
  await expect(field('city').getByRole('radio', { name: 'Hamburg-Altona' })).toBeChecked();
  // Keyboard: the arrow keys move between a field's two values.
  await field('city').getByRole('radio', { name: 'Hamburg-Altona' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(field('city').getByRole('radio', { name: 'Hamburg', exact: true })).toBeChecked();
  // The README's pictures of the merge screen, English and Chinese (docs/screenshots with UPDATE_SCREENSHOTS=1).
  await page.screenshot({ path: shotPath(test.info(), 'duplicates-merge.png') });
  await page.evaluate(`document.querySelector('.dup-page').scrollTop = 1e6`);
  await page.screenshot({ path: test.info().outputPath('duplicates-merge-bottom-en.png') });
  await expectAccessible(page);
  await language(page, 'zh-CN');
  await expect(merge.getByRole('heading', { name: '合并两个客户' })).toBeVisible();
  await expect(merge.getByTestId('merge-children')).toContainText('1 个联系人');
  await page.evaluate(`document.querySelector('.dup-page').scrollTop = 0`);
  await page.screenshot({ path: shotPath(test.info(), 'duplicates-merge-zh.png') });
  await expectAccessible(page);
  await language(page, 'en');
  await merge.getByTestId('merge-confirm').click();

  const detail = page.getByTestId('account-detail');
  await expect(detail.getByTestId('account-name')).toHaveText(HARBOR.name);
  await expect(detail).toContainText('Greta Lindqvist');
  const toast = page.getByTestId('toast').filter({ hasText: `Merged “${HARBOR.name}” into “Harbor Freight Logistics GmbH”` });
  await expect(toast).toBeVisible();
  const survivorUrl = page.url();
  const survivorId = decodeURIComponent(survivorUrl.split('/').pop() ?? '');
  expect(survivorId).not.toBe(original.id);
  // Each field as picked: the original's name, website and city, the imported employees.
  const merged = await expectOk(coreRequest(page, 'accounts.get', { id: survivorId }));
  expect({ name: merged.name, website: merged.website, city: merged.city, employees: merged.employees }).toEqual({
    name: HARBOR.name,
    website: HARBOR.website,
    city: 'Hamburg',
    employees: 250,
  });

  // The original's old link opens the survivor and says why.
  await go(page, `/customers/accounts/${original.id}`);
  await expect(page.getByTestId('merged-notice')).toHaveText('The account you opened was merged into this one.');
  await page.screenshot({ path: test.info().outputPath('duplicates-merged-notice-en.png') });
  await expect(page).toHaveURL(survivorUrl);

  // Undo: both records are back, the contact with its own account, and the pair is in the queue again.
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Merge undone: “${HARBOR.name}” is back` })).toBeVisible();
  await go(page, `/customers/accounts/${original.id}`);
  await expect(page.getByTestId('account-detail')).toContainText('Greta Lindqvist');
  await go(page, '/customers/duplicates');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);

  // "Not duplicates" takes the pair off the queue.
  await page.getByTestId('duplicate-dismiss').click();
  await expect(page.getByTestId('duplicates-empty')).toContainText('No likely duplicates');

  // A link that names one record twice says so in words.
  await go(page, `/customers/duplicates/merge?entity=account&a=${original.id}&b=${original.id}`);
  await expect(page.getByTestId('merge-bad-link')).toHaveText('A record cannot be merged with itself.');
  expect(consoleErrors).toEqual([]);
});

test('the new-contact form and lead conversion name a person who is already a contact', async ({ page, app, consoleErrors }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  const account = await expectOk(coreRequest(page, 'accounts.create', { values: { ...HARBOR } }));
  const greta = await expectOk(
    coreRequest(page, 'contacts.create', {
      values: {
        accountId: account.id,
        firstName: 'Greta',
        lastName: 'Lindqvist',
        email: 'greta.lindqvist@harbor-freight.example',
        isPrimary: true,
        doNotContact: false,
      },
    }),
  );

  await go(page, `/customers/accounts/${account.id}`);
  await page
    .getByTestId('contacts-panel')
    .getByRole('button', { name: /Add contact/ })
    .click();
  const contactDialog = page.getByTestId('contact-dialog');
  await contactDialog.getByLabel('First name').fill('Greta');
  await contactDialog.getByLabel('Last name').fill('Lindquist');
  const warning = contactDialog.getByTestId('duplicate-warning');
  await expect(warning.getByTestId('duplicate-candidate')).toContainText('Greta Lindqvist');
  await expect(warning.getByRole('link', { name: 'Open existing record Greta Lindqvist' })).toHaveAttribute(
    'href',
    `#/customers/contacts/${greta.id}`,
  );
  await page.screenshot({ path: test.info().outputPath('duplicates-contact-form-en.png') });
  await expectAccessible(page);
  await contactDialog.getByRole('button', { name: 'Cancel' }).click();

  const lead = await expectOk(
    coreRequest(page, 'leads.create', {
      values: {
        firstName: 'Greta',
        lastName: 'Lindqvist',
        company: HARBOR.name,
        email: 'greta.lindqvist@harbor-freight.example',
        status: 'qualified',
        source: 'event',
      },
    }),
  );
  await go(page, `/sales/leads/${lead.id}`);
  await page.getByTestId('lead-convert').click();
  const convert = page.getByTestId('convert-dialog');
  const people = convert.getByTestId('contact-duplicate-warning');
  await expect(people).toContainText('This person may already be a contact');
  await expect(people.getByTestId('contact-duplicate-candidate')).toContainText('Greta Lindqvist');
  await expect(people).toContainText('same e-mail');
  await page.screenshot({ path: test.info().outputPath('duplicates-lead-convert-en.png') });
  await language(page, 'zh-CN');
  await expect(people).toContainText('此人可能已是联系人');
  await page.screenshot({ path: test.info().outputPath('duplicates-lead-convert-zh-CN.png') });
  await expectAccessible(page);
  await convert.getByRole('button', { name: '取消' }).click();

  // Two contacts for one person: the contacts queue pairs them and the merge screen compares them.
  await expectOk(
    coreRequest(page, 'contacts.create', {
      values: {
        accountId: account.id,
        firstName: 'Greta',
        lastName: 'Lindqvist',
        email: 'greta.lindqvist@harbor-freight.example',
        title: 'Head of Logistics',
        isPrimary: false,
        doNotContact: false,
      },
    }),
  );
  await go(page, '/customers/duplicates?entity=contact');
  const pair = page.getByTestId('duplicate-pair');
  await expect(pair).toHaveCount(1);
  await pair.getByTestId('duplicate-merge').click();
  const merge = page.getByTestId('merge-page');
  await expect(merge.getByRole('heading', { name: '合并两个联系人' })).toBeVisible();
  await expect(merge.locator('[data-testid="merge-field"][data-field="title"]')).toContainText('Head of Logistics');
  await page.screenshot({ path: test.info().outputPath('duplicates-merge-contacts-zh-CN.png') });
  await expectAccessible(page);
  await language(page, 'en');
  await expect(merge.getByRole('heading', { name: 'Merge two contacts' })).toBeVisible();
  await merge.locator('[data-testid="merge-field"][data-field="title"]').getByRole('radio', { name: 'Head of Logistics' }).check();
  await merge.getByTestId('merge-confirm').click();
  const contact = page.getByTestId('contact-detail');
  await expect(contact).toContainText('Head of Logistics');
  await expect(page.getByTestId('toast').filter({ hasText: 'Merged “Greta Lindqvist” into “Greta Lindqvist”' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

type Device = { readonly host: AppHost; readonly context: BrowserContext; readonly page: Page };

async function openDevice(browser: Browser): Promise<Device> {
  const host = await startAppHost();
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await openApp(page, host);
  return { host, context, page };
}

test.describe('duplicates across devices', () => {
  test.describe.configure({ timeout: 150_000 });
  let server: SyncServer | undefined;
  const devices: Device[] = [];
  test.afterEach(async () => {
    for (const device of devices.splice(0)) {
      await device.context.close();
      await device.host.stop();
      removeDataDir(device.host.dataDir);
    }
    await server?.dispose();
    server = undefined;
  });

  test('a merge on one laptop reaches a teammate: one account left, the old link opens the survivor', async ({ browser }) => {
    server = await startSyncServer();
    const { repA, repB } = await createTeamWithReps(server);
    const [a, b] = await Promise.all([openDevice(browser), openDevice(browser)]);
    devices.push(a, b);
    await signInThroughUi(a.page, server.url, repA);
    await signInThroughUi(b.page, server.url, repB);

    const first = await expectOk(coreRequest(a.page, 'accounts.create', { values: { ...HARBOR, visibility: 'team' } }));
    const second = await expectOk(
      coreRequest(a.page, 'accounts.create', {
        values: { ...HARBOR, name: 'Harbor Freight Logistics GmbH', website: undefined, employees: 250, visibility: 'team' },
      }),
    );
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await b.page.getByTestId('nav-customers').click();
    await expect(b.page.getByText('Harbor Freight Logistics GmbH')).toBeVisible({ timeout: 30_000 });

    await go(a.page, '/customers/duplicates');
    await a.page.getByTestId('duplicate-pair').getByTestId('duplicate-merge').click();
    const merge = a.page.getByTestId('merge-page');
    const keep = merge.getByTestId('merge-side').filter({ hasText: HARBOR.name }).filter({ hasNotText: 'GmbH' });
    await keep.getByRole('radio').check();
    await expect(keep).toHaveAttribute('data-kept', 'true');
    await merge.locator('[data-testid="merge-field"][data-field="employees"]').getByRole('radio', { name: '250' }).check();
    await merge.getByTestId('merge-confirm').click();
    await expect(a.page.getByTestId('account-detail')).toBeVisible();
    await expect(pendingCount(a.page)).toHaveAttribute('data-count', '0', { timeout: 20_000 });
    await expect(syncIndicator(a.page)).toHaveAttribute('data-state', 'up_to_date', { timeout: 20_000 });

    // Ben's list loses the merged-away account; its link opens the survivor with the employees taken over.
    await go(b.page, '/customers/accounts');
    await expect(b.page.getByText('Harbor Freight Logistics GmbH')).toHaveCount(0, { timeout: 45_000 });
    await expect(b.page.getByTestId('list-count')).toHaveText('1 account');
    await go(b.page, `/customers/accounts/${second.id}`);
    await expect(b.page.getByTestId('merged-notice')).toBeVisible({ timeout: 20_000 });
    await expect(b.page).toHaveURL(new RegExp(`/customers/accounts/${first.id}$`));
    await expect(b.page.getByTestId('account-detail')).toContainText('250');
  });
});
