import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3-multiple-ciphers';
import { readKeyFile } from '../../electron/core/security/database-key';
import { keyConnection } from '../../electron/core/storage/sqlite';
import { removeDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';

/**
 * axe on every screen of the app, in English and in Chinese: any serious or critical violation
 * fails the test, after every screen has been checked, with all of them listed screen by screen.
 * One seeded database and one browser host serve the whole file; each language is one test that
 * walks the screens in one page, so the app loads twice in all.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const TODAY = new Date().toISOString().slice(0, 10);

type Ids = {
  account: string;
  otherAccount: string;
  contact: string;
  opportunity: string;
  lead: string;
  product: string;
  serviceCase: string;
  article: string;
  campaign: string;
  segment: string;
  template: string;
};
let host: AppHost | undefined;
let ids: Ids;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'crm-a11y-'));
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/seed.ts', '--accounts', '40', '--seed', '7', '--dir', dir, '--reference-date', TODAY],
    { cwd: ROOT, stdio: 'ignore' },
  );
  // Record ids for the detail pages, read before the host opens the file (same key file).
  const sqlite = new Database(join(dir, 'crm.sqlite'), { readonly: true });
  const key = readKeyFile(dir);
  if (!key) throw new Error(`the seed script left no key file in ${dir}`);
  keyConnection(sqlite, key);
  const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as Array<{ name: string }>).map(
    (row) => row.name,
  );
  // A collection's table is rxdb_<collection>_v<schema version>; the newest version holds the data.
  const firstId = (collection: string, where = ''): string => {
    const table = tables
      .filter((name) => name.startsWith(`rxdb_${collection}_v`))
      .sort((a, b) => Number(a.split('_v').pop()) - Number(b.split('_v').pop()))
      .pop();
    const row = table
      ? (sqlite.prepare(`select id from ${table} where deleted = 0 ${where} order by id limit 1`).get() as { id: string } | undefined)
      : undefined;
    if (!row) throw new Error(`the seed left ${collection} empty`);
    return row.id;
  };
  ids = {
    account: firstId('accounts'),
    // The merge screen compares any two accounts.
    otherAccount: firstId('accounts', `and id <> '${firstId('accounts')}'`),
    contact: firstId('contacts'),
    opportunity: firstId('opportunities'),
    lead: firstId('leads'),
    product: firstId('catalog', "and json_extract(data, '$.kind') = 'product'"),
    serviceCase: firstId('cases'),
    article: firstId(
      'knowledge',
      "and json_extract(data, '$.kind') = 'knowledge_article' and json_extract(data, '$.status') = 'published'",
    ),
    campaign: firstId('marketing', "and json_extract(data, '$.kind') = 'campaign'"),
    segment: firstId('marketing', "and json_extract(data, '$.kind') = 'segment'"),
    template: firstId('marketing', "and json_extract(data, '$.kind') = 'email_template'"),
  };
  sqlite.close();
  host = await startAppHost(dir);
});

test.afterAll(async () => {
  if (!host) return;
  await host.stop();
  removeDataDir(host.dataDir);
});

/** A screen: where it is, and what else to do once there (open a dialog, type a search). */
type Screen = {
  readonly name: string;
  readonly hash: string;
  readonly open?: (page: Page) => Promise<void>;
};

function screens(): Screen[] {
  return [
    { name: 'accounts list', hash: '/customers/accounts' },
    { name: 'account page', hash: `/customers/accounts/${ids.account}` },
    { name: 'account form (new)', hash: '/customers/accounts/new' },
    { name: 'account form (edit)', hash: `/customers/accounts/${ids.account}/edit` },
    { name: 'contacts list', hash: '/customers/contacts' },
    { name: 'contact page', hash: `/customers/contacts/${ids.contact}` },
    { name: 'customer insight', hash: '/customers/insights' },
    { name: 'customer insight models', hash: '/customers/insights/model' },
    { name: 'duplicates queue', hash: '/customers/duplicates' },
    { name: 'merge screen', hash: `/customers/duplicates/merge?entity=account&a=${ids.account}&b=${ids.otherAccount}` },
    {
      name: 'import dialog',
      hash: '/customers/accounts',
      open: async (page) => {
        await page.getByTestId('import-accounts').click();
        await expect(page.getByTestId('import-dialog')).toBeVisible();
      },
    },
    {
      name: 'search results',
      hash: '/customers/accounts',
      open: async (page) => {
        await page.getByTestId('global-search').fill('a');
        await expect(page.locator('.search-results .search-hit').first()).toBeVisible();
      },
    },
    {
      name: 'keyboard shortcuts dialog',
      hash: '/customers/accounts',
      open: async (page) => {
        await page.locator('#main').focus();
        await page.keyboard.press('?');
        await expect(page.getByTestId('shortcut-help')).toBeVisible();
      },
    },
    { name: 'leads list', hash: '/sales/leads' },
    { name: 'lead page', hash: `/sales/leads/${ids.lead}` },
    { name: 'opportunities list', hash: '/sales/opportunities' },
    { name: 'opportunity page', hash: `/sales/opportunities/${ids.opportunity}` },
    { name: 'pipeline board', hash: '/sales/pipeline' },
    { name: 'Today', hash: '/sales/today' },
    { name: 'products', hash: '/sales/products' },
    { name: 'product page', hash: `/sales/products/${ids.product}` },
    { name: 'quotas', hash: '/sales/quotas' },
    { name: 'sales dashboard', hash: '/sales/dashboard' },
    { name: 'reports', hash: '/reports' },
    { name: 'campaigns', hash: '/marketing/campaigns' },
    { name: 'campaign page', hash: `/marketing/campaigns/${ids.campaign}` },
    { name: 'campaign form (new)', hash: '/marketing/campaigns/new' },
    { name: 'segments', hash: '/marketing/segments' },
    { name: 'segment builder', hash: `/marketing/segments/${ids.segment}` },
    { name: 'discover segments', hash: '/marketing/discover' },
    { name: 'e-mail templates', hash: '/marketing/templates' },
    { name: 'template editor', hash: `/marketing/templates/${ids.template}` },
    { name: 'outbox', hash: '/marketing/outbox' },
    { name: 'marketing dashboard', hash: '/marketing/dashboard' },
    { name: 'case queues', hash: '/service/cases' },
    { name: 'case page', hash: `/service/cases/${ids.serviceCase}` },
    { name: 'knowledge base', hash: '/service/knowledge' },
    { name: 'knowledge article', hash: `/service/knowledge/${ids.article}` },
    { name: 'service dashboard', hash: '/service/dashboard' },
    { name: 'SLA policies', hash: '/service/settings' },
    { name: 'sync', hash: '/sync' },
    { name: 'conflicts', hash: '/conflicts' },
    { name: 'account and sign-in', hash: '/account' },
    { name: 'settings', hash: '/settings' },
  ];
}

/** Page-side: true once the screen shows no loading indicator and its main area has content. */
const SETTLED = `(() => {
  const main = document.getElementById('main');
  if (!main || main.childElementCount === 0) return false;
  return !document.querySelector('.state-loading, [aria-busy="true"]');
})()`;

/** Moves to a route the way a link does (the page stays loaded). Page-side code is text: the tests compile without DOM types. */
async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
}

/** Waits for the screen's data (no spinner, no busy region) and for the frame after it; false if it never settled. */
async function settle(page: Page): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await page.evaluate(SETTLED)) {
      await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
      return true;
    }
    await page.waitForTimeout(50);
  }
  return false;
}

type Found = { screen: string; id: string; impact: string; help: string; nodes: string[] };

/** Visits every screen in the page's current language and returns the serious and critical violations. */
async function auditScreens(page: Page, language: string, list: ReadonlyArray<Screen>): Promise<Found[]> {
  const found: Found[] = [];
  for (const screen of list) {
    await test.step(`${screen.name} (${language})`, async () => {
      // Close whatever a previous screen opened (dialog, search results) before moving on.
      await page.keyboard.press('Escape');
      await go(page, screen.hash);
      await expect(page.getByTestId('app-shell')).toBeVisible();
      if (!(await settle(page))) {
        // Checked anyway (a spinner must be accessible too), and said in the output.
        console.warn(`a11y: ${screen.name} (${language}) still showed a loading indicator after 15 s`);
        test.info().annotations.push({ type: 'still loading', description: `${screen.name} (${language})` });
      }
      const at = (await page.evaluate('window.location.hash.slice(1)')) as string;
      // The catch-all route sends unknown paths to the accounts list.
      if (at !== screen.hash) throw new Error(`${screen.name}: ${screen.hash} led to ${at}`);
      if (screen.open) {
        await screen.open(page);
        await settle(page);
      }
      const results = await new AxeBuilder({ page }).analyze();
      for (const violation of results.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        found.push({
          screen: `${screen.name} (${language})`,
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map(
            (node) => `${node.target.join(' ')}\n        ${node.failureSummary?.replaceAll('\n', '\n        ') ?? ''}`,
          ),
        });
      }
    });
  }
  return found;
}

function report(found: ReadonlyArray<Found>): string {
  return found
    .map(
      (item) =>
        `${item.screen}: ${item.id} [${item.impact}] ${item.help} (${item.nodes.length} element${item.nodes.length === 1 ? '' : 's'})\n` +
        item.nodes.map((node) => `    - ${node}`).join('\n'),
    )
    .join('\n\n');
}

/** Screens are audited in groups, one test each, so no single test has to outlast every screen. */
const GROUPS = 3;

for (const language of ['en', 'zh-CN'] as const) {
  for (let group = 0; group < GROUPS; group++) {
    test(`axe finds no serious or critical violation on any screen (${language}, part ${group + 1} of ${GROUPS})`, async ({ page }) => {
      test.setTimeout(180_000);
      if (!host) throw new Error('the browser host did not start');
      await openApp(page, host);
      if (language !== 'en') {
        await page.getByTestId('language-switch').selectOption(language);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
      }
      const all = screens();
      const size = Math.ceil(all.length / GROUPS);
      const found = await auditScreens(page, language, all.slice(group * size, (group + 1) * size));
      if (found.length > 0) throw new Error(`axe found ${found.length} serious or critical violations:\n\n${report(found)}\n`);
    });
  }
}

test('"?" opens the shortcut help with focus inside; Esc closes it and focus returns; Ctrl+N and Alt+N open a new record', async ({
  page,
}) => {
  if (!host) throw new Error('the browser host did not start');
  await openApp(page, host);
  const grid = page.getByRole('grid', { name: 'Accounts' });
  await grid.focus();
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcut-help');
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  // Focus stays in the modal: tabbing on never reaches the page behind it.
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        `document.activeElement?.closest('[data-testid=shortcut-help]') !== null || document.activeElement === document.body`,
      ),
    ).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(grid).toBeFocused();

  // "?" typed into a field is text, not a shortcut.
  await page.getByTestId('global-search').fill('');
  await page.getByTestId('global-search').press('?');
  await expect(help).toBeHidden();
  await page.getByTestId('global-search').press('Escape');

  // Ctrl+N on a customers screen: the new account form; on a sales screen: the lead form, focused.
  await page.keyboard.press('Control+n');
  await expect(page).toHaveURL(/#\/customers\/accounts\/new$/);
  await go(page, '/sales/pipeline');
  await expect(page.getByTestId('pipeline-board')).toBeVisible();
  await page.keyboard.press('Alt+n');
  await expect(page).toHaveURL(/#\/sales\/leads$/);
  await expect(page.locator('form.sales-form input[name="firstName"]')).toBeFocused();

  // Chinese: the same dialog, translated.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await page.locator('#main').focus();
  await page.keyboard.press('?');
  await expect(help.getByRole('heading', { name: '键盘快捷键' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});
