import type { BrowserContext, Page } from '@playwright/test';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, openApp, test } from './fixtures';
import { coreRequest, expectOk } from './sync-fixtures';

/** What the acceptance of the live data layer asks: another window's change shows within this. */
const LIVE_MS = 2_000;

let host: AppHost;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  host = await startAppHost(seededDataDir('crm-live-', ['--accounts', '40', '--seed', '11']));
});
test.afterAll(async () => {
  await host.stop();
  removeDataDir(host.dataDir);
});

async function openAt(context: BrowserContext, route: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, host);
  await page.goto(`${new URL(page.url()).origin}/#/${route}`);
  return page;
}

type Row = { id: string; name?: string; lastName?: string; status?: string };

test('a deal, a lead and a quota changed in another window show on the open board, lists and dashboard without navigation', async ({
  context,
}) => {
  test.setTimeout(90_000);
  const other = await openAt(context, 'customers/accounts');
  const board = await openAt(context, 'sales/pipeline');
  const deals = await openAt(context, 'sales/opportunities');
  const leads = await openAt(context, 'sales/leads');
  const dashboard = await openAt(context, 'sales/dashboard');

  // A deal that both open screens show as they open (each with its own default view).
  await expect(board.getByTestId('deal-card').first()).toBeVisible();
  await expect(deals.getByRole('row').nth(1)).toBeVisible();
  const onBoard = await board.getByTestId('deal-card').allInnerTexts();
  const listed = await deals.getByRole('row').allInnerTexts();
  const listedOpen = ((await expectOk(coreRequest(other, 'opportunities.list', { limit: 500 }))).rows as unknown as Row[]).filter(
    (row) => listed.some((text) => text.includes(row.name ?? '\u0000')) && onBoard.some((text) => text.includes(row.name ?? '\u0000')),
  );
  const deal = listedOpen[0];
  if (!deal) throw new Error('no open deal is both on the board and on the first rows of the list');

  const lead = ((await expectOk(coreRequest(other, 'leads.list', {}))).rows as unknown as Row[]).find((row) => row.status !== 'converted');
  if (!lead) throw new Error('the seed wrote no open lead');
  await expect(
    leads
      .getByRole('row')
      .filter({ hasText: lead.lastName ?? '\u0000' })
      .first(),
  ).toBeVisible();

  const quotaFigure = dashboard.getByTestId('figure-quota').locator('dd').first();
  await expect(quotaFigure).not.toBeEmpty();
  const quotaBefore = await quotaFigure.innerText();

  // The other window renames the deal and the lead, and raises a quota.
  const started = Date.now();
  await expectOk(coreRequest(other, 'opportunities.update', { id: deal.id, patch: { name: 'Renamed elsewhere: harbour cranes' } }));
  await expectOk(coreRequest(other, 'leads.update', { id: lead.id, patch: { lastName: 'Renamed-Elsewhere' } }));
  const quarter = currentQuarterStart();
  const sheet = await expectOk(coreRequest(other, 'quotas.forPeriod', { period: 'quarter', periodStart: quarter }));
  const rep = sheet.rows[0];
  if (!rep) throw new Error('no rep on the quota sheet');
  await expectOk(
    coreRequest(other, 'quotas.set', {
      userId: rep.userId,
      period: 'quarter',
      periodStart: quarter,
      currency: rep.quota?.currency ?? 'USD',
      amount: (rep.quota?.amount ?? 0) + 987_654_300,
      ...(rep.quota ? { expectedRevision: rep.quota.revision } : {}),
    }),
  );

  await expect(board.getByTestId('pipeline-board')).toContainText('Renamed elsewhere: harbour cranes', { timeout: LIVE_MS });
  await expect(deals.getByTestId('opportunities-page')).toContainText('Renamed elsewhere: harbour cranes', { timeout: LIVE_MS });
  await expect(leads.getByText('Renamed-Elsewhere').first()).toBeVisible({ timeout: LIVE_MS });
  await expect(quotaFigure).not.toHaveText(quotaBefore, { timeout: LIVE_MS });
  test.info().annotations.push({ type: 'every screen showed the changes after', description: `${Date.now() - started} ms` });
});

function currentQuarterStart(): string {
  const now = new Date();
  const month = Math.floor(now.getMonth() / 3) * 3 + 1;
  return `${now.getFullYear()}-${String(month).padStart(2, '0')}-01`;
}
