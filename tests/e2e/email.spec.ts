import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest, expectOk } from './sync-fixtures';

/**
 * E-mail as a rep writes it with no sync server set up: a template with merge fields, previewed
 * for a contact with their name filled in; a follow-up from the contact page that waits in the
 * outbox (with the offline banner) and is cancelled there. Both languages, axe, 1366×768.
 */

async function expectAxeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

async function expectNoOverflow(page: Page): Promise<void> {
  const text = await page.locator('#main').innerText();
  // Every sentence is translated and filled in: no raw key and no empty placeholder on screen.
  expect(text).not.toMatch(/\b(?:templates|editor|preview|compose|outbox|sendButton|templateErrors)\.[a-zA-Z_]+/);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1366);
}

async function useLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

test('a template with merge fields previews for a contact; a follow-up waits in the outbox and is cancelled', async ({ page, app }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  const origin = new URL(page.url()).origin;
  const go = (hash: string) => page.goto(`${origin}/#${hash}`);

  const account = await expectOk(
    coreRequest(page, 'accounts.create', {
      values: { name: 'Lindqvist Packaging', status: 'active', tier: 'key', region: 'emea', currency: 'EUR', city: 'Gothenburg' },
    }),
  );
  const contact = (values: { firstName: string; lastName: string; email?: string; doNotContact: boolean }) =>
    expectOk(coreRequest(page, 'contacts.create', { values: { accountId: account.id, isPrimary: false, ...values } }));
  const greta = await contact({ firstName: 'Greta', lastName: 'Lindqvist', email: 'greta@lindqvist.example', doNotContact: false });
  const olaf = await contact({ firstName: 'Olaf', lastName: 'Berg', email: 'olaf@lindqvist.example', doNotContact: true });
  const nora = await contact({ firstName: 'Nora', lastName: 'Holm', doNotContact: false });

  // No templates yet: the list says what they are for.
  await go('/marketing/templates');
  await expect(page.getByText('No templates yet')).toBeVisible();
  await page.getByTestId('template-new').click();
  const editor = page.getByTestId('template-editor');
  await expect(editor).toBeVisible();

  await editor.getByLabel('Name').fill('Spring follow-up');
  await editor.getByLabel('Subject').fill('Hello {{contact.firstName}}');
  // A misspelt field is refused in words, with the field it resembles.
  const body = page.getByTestId('draft-body');
  await body.fill('Dear {{contact.frstName}},');
  await body.blur();
  await expect(page.getByTestId('body-errors')).toContainText('“contact.frstName” is not a merge field. Did you mean “contact.firstName”?');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-failure')).toHaveText('Fix the mistakes marked above before saving.');

  // Written again with the inserter: the field goes where the cursor is.
  await body.fill('Dear ,\n\nthank you for your time at **{{account.name}}**.\n\n{{rep.name | Your rep}}');
  await body.focus();
  // The cursor right after "Dear " (the node project has no DOM types: the textarea is described by what is called).
  await body.evaluate((element) => (element as unknown as { setSelectionRange(start: number, end: number): void }).setSelectionRange(5, 5));
  await page.getByTestId('merge-field-toggle').click();
  await page.getByTestId('insert-contact.fullName').click();
  await expect(body).toHaveValue(/^Dear \{\{contact\.fullName\}\},/);
  await expect(page.getByTestId('body-errors')).toHaveCount(0);

  // The preview starts with the first contact who has not opted out; the rep picks another by name.
  await expect(page.getByTestId('preview-recipient')).toHaveText('Nora Holm');
  await expect(page.getByTestId('preview-to')).toContainText('no e-mail address');
  await page.getByTestId('preview-change').click();
  await page.getByTestId('preview-search').fill('Greta');
  await expect(page.getByRole('option', { name: /Greta Lindqvist/ })).toBeVisible();
  await page.getByTestId('preview-search').press('Enter');
  await expect(page.getByTestId('preview-recipient')).toHaveText('Greta Lindqvist');
  await expect(page.getByTestId('preview-subject')).toHaveText('Hello Greta');
  await expect(page.getByTestId('preview-html')).toContainText('Dear Greta Lindqvist,');
  await expect(page.getByTestId('preview-html').locator('strong')).toHaveText('Lindqvist Packaging');
  await expect(page.getByTestId('preview-html')).toContainText('Unsubscribe');
  await page.getByTestId('preview-tab-text').click();
  await expect(page.getByTestId('preview-text')).toContainText('thank you for your time at Lindqvist Packaging.');
  await page.getByTestId('preview-tab-html').click();
  await expect(page.getByTestId('preview-to')).toContainText('greta@lindqvist.example');

  await page.getByTestId('template-save').click();
  await expect(page).toHaveURL(/#\/marketing\/templates\/(?!new)[^/]+$/);
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expectAxeClean(page);
  await expectNoOverflow(page);
  await page.screenshot({ path: shotPath(test.info(), 'email-template-en.png') });
  await useLanguage(page, 'zh-CN');
  await expect(page.getByTestId('preview-subject')).toHaveText('Hello Greta');
  await expectNoOverflow(page);
  await page.screenshot({ path: test.info().outputPath('email-template-zh-CN.png') });
  await useLanguage(page, 'en');

  await go('/marketing/templates');
  await expect(page.getByRole('grid', { name: 'E-mail templates' })).toContainText('Spring follow-up');

  // Opted out, or no address: the button says why it cannot be used.
  await go(`/customers/contacts/${olaf.id}`);
  await expect(page.getByTestId('send-email')).toBeDisabled();
  await expect(page.getByTestId('send-email-reason')).toHaveText('Opted out of e-mail');
  await go(`/customers/contacts/${nora.id}`);
  await expect(page.getByTestId('send-email-reason')).toHaveText('No e-mail address');

  // A follow-up from the contact page, while no sync server is set up.
  await go(`/customers/contacts/${greta.id}`);
  await page.getByTestId('send-email').click();
  const dialog = page.getByTestId('compose-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('compose-recipients')).toContainText('greta@lindqvist.example');
  await page.getByTestId('compose-template').selectOption({ label: 'Spring follow-up' });
  await expect(page.getByTestId('draft-subject')).toHaveValue('Hello {{contact.firstName}}');
  await expect(dialog.getByTestId('preview-subject')).toHaveText('Hello Greta');
  await expectAxeClean(page);
  await page.screenshot({ path: shotPath(test.info(), 'email-compose-en.png') });
  await page.getByTestId('compose-send').click();
  await expect(page.getByTestId('compose-queued')).toHaveText('Your e-mail to Greta Lindqvist waits in the outbox.');
  await page.getByTestId('compose-open-outbox').click();

  // Waiting in the outbox, with the banner that says when it goes.
  await expect(page).toHaveURL(/#\/marketing\/outbox$/);
  await expect(page.getByTestId('outbox-count-waiting')).toHaveText('1');
  await expect(page.getByTestId('outbox-offline-banner')).toContainText(
    '1 message waits to be sent; it goes out when the sync server is reachable.',
  );
  const grid = page.getByRole('grid', { name: 'Outbox messages' });
  await expect(grid).toContainText('Hello Greta');
  await expect(grid.getByTestId('outbox-status')).toHaveText('Waiting to send');
  await expect(page.getByTestId('outbox-badge')).toHaveText('11 e-mail waiting to be sent');
  await expectAxeClean(page);
  await expectNoOverflow(page);
  await page.screenshot({ path: shotPath(test.info(), 'email-outbox-en.png') });
  await useLanguage(page, 'zh-CN');
  await expect(page.getByTestId('outbox-offline-banner')).toContainText('1 封邮件等待发送');
  await expectNoOverflow(page);
  await page.screenshot({ path: shotPath(test.info(), 'email-outbox-zh-CN.png') });
  await useLanguage(page, 'en');

  // Read it (keyboard: the grid, Enter), then cancel it.
  await grid.focus();
  await page.keyboard.press('Enter');
  const message = page.getByTestId('outbox-message');
  await expect(message).toContainText('Dear Greta Lindqvist,');
  await message.getByTestId('outbox-message-cancel').click();
  await expect(page.getByTestId('outbox-count-waiting')).toHaveText('0');
  await expect(page.getByTestId('outbox-offline-banner')).toHaveCount(0);
  await expect(page.getByTestId('outbox-badge')).toHaveCount(0);
  await expect(page.getByTestId('outbox-count-cancelled')).toHaveText('1');
  await page.getByTestId('outbox-tab-cancelled').click();
  await expect(grid.getByTestId('outbox-status')).toHaveText('Cancelled');
});
