import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { SegmentDefinition } from '../../shared/marketing/segment-conditions';
import { contactName } from '../../shared/schemas/contact-name';
import { toMarketingFilters } from '../../renderer/src/marketing/dashboard/marketing-filters';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { removeDataDir, seededDataDir, startAppHost, type AppHost } from './app-host';
import { expect, test } from './fixtures';
import { shotPath } from './shots';
import {
  addCatalogProduct,
  coreRequest,
  createTeamWithReps,
  expectOk,
  pendingCount,
  signInThroughUi,
  startSyncServer,
  type SyncServer,
} from './sync-fixtures';

/**
 * Marketing as a rep runs it, end to end with a real SMTP server: a segment (an industry and RFM
 * "at risk") whose count changes as conditions are added; a campaign from it; an e-mail from a
 * template written while the sync server is down, waiting in the outbox; the server back, one
 * message per member with merge fields and an unsubscribe link, nothing for the member who opted
 * out, a bounce with the receiving server's words; the unsubscribe link opting the contact out on
 * both of the rep's apps; a responding lead converted into a won deal moving the campaign's ROI;
 * and the Campaign report PDF carrying that ROI.
 *
 * The rep's laptop holds their own book (seeded with --local-book-only), adopted and uploaded at
 * their first sign-in; the second app is the same rep on another computer.
 */

let sink: SmtpSink;
let server: SyncServer;
let laptop: AppHost;
let desktop: AppHost;
let database: ScratchDatabase | undefined;
/** Addresses the SMTP server refuses with a 550, as a mailbox that does not exist. */
const refused = new Set<string>();

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sink = await startSmtpSink({ rejectRecipient: (address) => refused.has(address) });
  // A database of its own: the seed's ids are fixed, and a shared PostgreSQL would still hold an
  // earlier run's copies of these contacts (one opted out) under another rep.
  database = await createScratchDatabase('crm_marketing');
  server = await startSyncServer({
    SMTP_URL: sink.url,
    SMTP_FROM: 'marketing@fieldcrm.test',
    SMTP_RETRY_BASE_MS: '200',
    DATABASE_URL: database?.url ?? '',
  });
  laptop = await startAppHost(seededDataDir('crm-marketing-', ['--accounts', '600', '--seed', '7', '--local-book-only']));
  desktop = await startAppHost();
});

test.afterAll(async () => {
  await Promise.allSettled([laptop?.stop(), desktop?.stop()]);
  if (laptop) removeDataDir(laptop.dataDir);
  if (desktop) removeDataDir(desktop.dataDir);
  await server?.dispose();
  await sink?.close();
  await database?.drop();
});

async function openOn(page: Page, host: AppHost): Promise<(hash: string) => Promise<unknown>> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toBeVisible();
  const origin = new URL(page.url()).origin;
  return (hash: string) => page.goto(`${origin}/#${hash}`);
}

const atRisk = (industry: string): SegmentDefinition => ({
  target: 'accounts',
  root: {
    op: 'and',
    items: [
      { field: 'industry', op: 'in', values: [industry] },
      { field: 'rfmSegment', op: 'in', values: ['at_risk'] },
    ],
  },
});
const ofIndustry = (industry: string): SegmentDefinition => ({
  target: 'accounts',
  root: { op: 'and', items: [{ field: 'industry', op: 'in', values: [industry] }] },
});

test('a segment, a campaign, e-mail through the outbox and SMTP, unsubscribe on both apps, ROI and the Campaign report', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const { repA } = await createTeamWithReps(server);
  const productId = await addCatalogProduct(server, 'Service contract renewal');
  const laptopPage = await (await browser.newContext()).newPage();
  const desktopPage = await (await browser.newContext()).newPage();
  const go = await openOn(laptopPage, laptop);
  const goDesktop = await openOn(desktopPage, desktop);

  // First sign-in on the laptop: its own book is adopted and uploaded; then the desktop pulls it.
  await signInThroughUi(laptopPage, server.url, repA);
  await expect(pendingCount(laptopPage)).toHaveAttribute('data-count', '0', { timeout: 120_000 });
  await signInThroughUi(desktopPage, server.url, repA);

  // An industry where "at risk" narrows the segment, found from the insight the laptop computed.
  let industry: string | undefined;
  await expect
    .poll(
      async () => {
        const accounts = await expectOk(coreRequest(laptopPage, 'accounts.list', { limit: 500 }));
        for (const name of new Set(accounts.rows.map((a) => a.industry).filter((i): i is string => Boolean(i)))) {
          const all = await expectOk(coreRequest(laptopPage, 'segments.count', { definition: ofIndustry(name) }));
          const risky = await expectOk(coreRequest(laptopPage, 'segments.count', { definition: atRisk(name) }));
          if (risky.count > 0 && risky.count < all.count) {
            industry = name;
            return true;
          }
        }
        return false;
      },
      { timeout: 120_000, intervals: [1000] },
    )
    .toBe(true);
  const expected = await expectOk(coreRequest(laptopPage, 'segments.count', { definition: atRisk(industry!) }));
  const industryOnly = await expectOk(coreRequest(laptopPage, 'segments.count', { definition: ofIndustry(industry!) }));

  // The sync server goes down: everything below is written offline.
  await server.kill();

  const n = (value: number): string => new Intl.NumberFormat('en-US').format(value);
  const expectCount = async (count: number): Promise<void> => {
    await expect(laptopPage.getByTestId('segment-count')).toHaveAttribute('data-counting', 'false');
    await expect(laptopPage.getByTestId('segment-count-value')).toHaveText(n(count));
  };

  await test.step('build the segment and watch the count follow each condition', async () => {
    await go('/marketing/segments');
    await laptopPage.getByTestId('segment-new').click();
    await expect(laptopPage.getByTestId('segment-builder')).toBeVisible();
    await laptopPage.getByTestId('segment-add-condition').first().click();
    await laptopPage.getByTestId('segment-industries').selectOption([industry!]);
    await expectCount(industryOnly.count);
    await laptopPage.getByTestId('segment-add-condition').first().click();
    await laptopPage.getByTestId('segment-field').nth(1).selectOption('rfmSegment');
    await laptopPage.getByTestId('segment-condition').nth(1).getByTestId('segment-value-at_risk').check();
    await expectCount(expected.count);
    await laptopPage.getByTestId('segment-name').fill(`${industry} at risk`);
    await laptopPage.getByTestId('segment-save').click();
    await expect(laptopPage).toHaveURL(/#\/marketing\/segments\/(?!new)[^/?]+$/);
  });

  const campaignName = 'Win back the quiet ones';
  let campaignId = '';
  await test.step('create a campaign from the segment', async () => {
    await laptopPage.getByTestId('segment-create-campaign').click();
    const form = laptopPage.getByTestId('campaign-form');
    await form.getByLabel('Name').fill(campaignName);
    await form.getByLabel('Type').selectOption('email');
    await form.getByLabel('Status').selectOption('active');
    await form.getByLabel('Start date').fill('2026-11-01');
    await form.getByLabel('End date').fill('2026-12-31');
    await form.getByLabel(/^Budget/).fill('5000');
    await form.getByLabel(/^Actual cost/).fill('2000');
    await laptopPage.getByTestId('campaign-form-submit').click();
    await expect(laptopPage.getByTestId('campaign-title')).toHaveText(campaignName);
    campaignId = decodeURIComponent(new URL(laptopPage.url()).hash.split('/').pop() ?? '');
    await expect
      .poll(async () => (await expectOk(coreRequest(laptopPage, 'campaigns.get', { id: campaignId }))).members, { timeout: 15_000 })
      .toBeGreaterThan(1);
  });

  // The members who will get the e-mail: one opted out beforehand, one whose mailbox does not exist.
  const members = await expectOk(coreRequest(laptopPage, 'campaigns.members', { campaignId, limit: 500 }));
  const reachable = [];
  for (const row of members.rows) {
    if (!row.contactId) continue;
    const contact = await expectOk(coreRequest(laptopPage, 'contacts.get', { id: row.contactId }));
    if (contact.email && !contact.doNotContact) reachable.push(contact);
  }
  expect(reachable.length).toBeGreaterThanOrEqual(3);
  const [optedOut, bouncing, leaving] = reachable as [(typeof reachable)[0], (typeof reachable)[0], (typeof reachable)[0]];
  await expectOk(coreRequest(laptopPage, 'contacts.update', { id: optedOut.id, patch: { doNotContact: true } }));
  refused.add(bouncing.email!.toLowerCase());
  const recipients = reachable.filter((c) => c.id !== optedOut.id);

  await expectOk(
    coreRequest(laptopPage, 'templates.create', {
      values: {
        name: 'Win-back',
        language: 'en',
        format: 'markdown',
        subject: '{{contact.firstName | Hello}}, we saved you a seat',
        body: 'Dear {{contact.fullName}},\n\nit has been a while since **{{account.name}}** ordered from us.\n\n{{rep.name | Your account team}}',
      },
    }),
  );

  await test.step('write the e-mail from the template while the server is down; it waits in the outbox', async () => {
    await laptopPage.getByTestId('campaign-send-email').click();
    const dialog = laptopPage.getByTestId('compose-dialog');
    await expect(dialog).toBeVisible();
    await laptopPage.getByTestId('compose-template').selectOption({ label: 'Win-back' });
    await expect(laptopPage.getByTestId('draft-subject')).toHaveValue('{{contact.firstName | Hello}}, we saved you a seat');
    await laptopPage.getByTestId('compose-send').click();
    await expect(laptopPage.getByTestId('compose-queued')).toBeVisible();
    await laptopPage.getByTestId('compose-open-outbox').click();
    await expect(laptopPage).toHaveURL(/#\/marketing\/outbox$/);
    await expect(laptopPage.getByTestId('outbox-count-waiting')).toHaveText(String(recipients.length));
    await expect(laptopPage.getByTestId('outbox-offline-banner')).toBeVisible();
    await laptopPage.screenshot({ path: shotPath(test.info(), 'marketing-outbox-waiting.png') });
  });

  await test.step('the server is back: one message per member, merge fields filled, an unsubscribe link each', async () => {
    await server.start();
    // Every recipient but the bouncing one; the opted-out member gets nothing.
    const received = await sink.waitFor(recipients.length - 1, 120_000);
    await expect.poll(() => sink.received.length, { timeout: 5_000 }).toBe(recipients.length - 1);
    const byAddress = new Map(received.map((mail) => [mail.envelopeTo[0]!.toLowerCase(), mail]));
    expect(byAddress.has(optedOut.email!.toLowerCase())).toBe(false);
    expect(byAddress.has(bouncing.email!.toLowerCase())).toBe(false);
    for (const contact of recipients.filter((c) => c.id !== bouncing.id)) {
      const mail = byAddress.get(contact.email!.toLowerCase());
      expect(mail, contact.email).toBeDefined();
      expect(mail!.subject).toBe(`${contact.firstName?.trim() || 'Hello'}, we saved you a seat`);
      expect(mail!.text).toContain(`Dear ${contactName(contact)},`);
      expect(mail!.text).toContain(`${server.url}/unsubscribe/`);
      expect(mail!.html).toContain(`${server.url}/unsubscribe/`);
      expect(mail!.text).not.toContain('{{');
    }
  });

  await test.step('member rows show "Sent", and the bounce with the receiving server\'s words', async () => {
    await go(`/marketing/campaigns/${campaignId}`);
    const grid = laptopPage.getByRole('grid', { name: `Members of ${campaignName}` });
    const sent = recipients.find((c) => c.id !== bouncing.id)!;
    await expect(grid.getByRole('row').filter({ hasText: sent.email! })).toContainText('Sent', { timeout: 60_000 });
    const bounced = grid.getByRole('row').filter({ hasText: bouncing.email! });
    await expect(bounced).toContainText('Bounced', { timeout: 60_000 });
    await expect(bounced).toContainText('User unknown');
    await laptopPage.screenshot({ path: shotPath(test.info(), 'marketing-campaign-sent.png') });
  });

  await test.step('the unsubscribe link opts the contact out on both apps', async () => {
    const mail = sink.received.find((m) => m.envelopeTo[0]!.toLowerCase() === leaving.email!.toLowerCase())!;
    const link = /(http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    expect(link).toBeDefined();
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(link!);
    await visitor.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect(visitor.getByText('You are unsubscribed.')).toBeVisible();
    for (const [page, open] of [
      [laptopPage, go],
      [desktopPage, goDesktop],
    ] as const) {
      await expect
        .poll(async () => (await expectOk(coreRequest(page, 'contacts.get', { id: leaving.id }))).doNotContact, { timeout: 60_000 })
        .toBe(true);
      await open(`/customers/contacts/${leaving.id}`);
      await expect(page.getByTestId('send-email-reason')).toHaveText('Opted out of e-mail');
    }
  });

  await test.step('a responding lead becomes a won deal: the campaign ROI changes', async () => {
    await go(`/marketing/campaigns/${campaignId}`);
    const campaign = await expectOk(coreRequest(laptopPage, 'campaigns.get', { id: campaignId }));
    const before = (await laptopPage.getByTestId('campaign-figure-roi').innerText()).trim();
    const lead = await expectOk(
      coreRequest(laptopPage, 'leads.create', {
        values: {
          firstName: 'Iris',
          lastName: 'Returner',
          company: 'Returner Metals',
          email: 'iris@returner.example',
          source: 'campaign',
          status: 'working',
          campaignId,
        },
      }),
    );
    await expectOk(coreRequest(laptopPage, 'campaigns.addMembers', { campaignId, leadIds: [lead.id] }));
    const added = await expectOk(coreRequest(laptopPage, 'campaigns.members', { campaignId, limit: 500 }));
    const member = added.rows.find((m) => m.leadId === lead.id)!;
    await expectOk(coreRequest(laptopPage, 'campaigns.logResponse', { memberId: member.id, status: 'responded' }));
    const converted = await expectOk(
      coreRequest(laptopPage, 'leads.convert', {
        id: lead.id,
        accountName: 'Returner Metals',
        opportunityName: 'Returner Metals reorder',
        currency: campaign.currency,
        closeDate: '2026-12-20',
      }),
    );
    await expect.poll(async () => (await coreRequest(laptopPage, 'catalog.product', { id: productId })).ok, { timeout: 20_000 }).toBe(true);
    await expectOk(
      coreRequest(laptopPage, 'opportunities.update', {
        id: converted.opportunityId,
        patch: { lines: [{ productId, quantity: 1, discountPercent: 0, unitPrice: 900_000 }] },
      }),
    );
    await expectOk(coreRequest(laptopPage, 'opportunities.moveStage', { id: converted.opportunityId, stage: 'closed_won' }));
    await expect(laptopPage.getByTestId('campaign-figure-roi')).not.toHaveText(before, { timeout: 20_000 });
    const after = await expectOk(coreRequest(laptopPage, 'campaigns.get', { id: campaignId }));
    expect(after.figures.even_split.revenue).toBeGreaterThan(campaign.figures.even_split.revenue);
    expect(after.figures.even_split.roi).toBeGreaterThan(campaign.figures.even_split.roi!);
  });

  await test.step('the Campaign report PDF carries the ROI', async () => {
    await go('/marketing/dashboard');
    await expect(laptopPage.getByTestId('marketing-dashboard')).toBeVisible();
    const dashboard = await expectOk(
      coreRequest(laptopPage, 'marketing.dashboard', { filters: toMarketingFilters({ period: 'last12', model: 'even_split' }) }),
    );
    const row = dashboard.campaigns.find((c) => c.id === campaignId);
    expect(row?.roi).not.toBeNull();
    const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(row!.roi!);
    await laptopPage.getByTestId('attribution-even_split').check();
    const downloadPromise = laptopPage.waitForEvent('download');
    await laptopPage.getByTestId('export-campaign').click();
    const download = await downloadPromise;
    const reportPath = test.info().outputPath('campaign-report.pdf');
    await download.saveAs(reportPath);
    const text = execFileSync('pdftotext', ['-layout', reportPath, '-']).toString();
    expect(text).toContain('Campaign report');
    expect(text).toMatch(new RegExp(`${campaignName}[^\\n]*${percent.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`));
    expect(readFileSync(reportPath).subarray(0, 4).toString()).toBe('%PDF');
  });
});
