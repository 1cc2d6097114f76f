import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeValuesFor } from '../../shared/marketing/merge-fields';
import { renderTemplate } from '../../shared/marketing/render-template';
import { UNSUBSCRIBE_PLACEHOLDER_URL } from '../../shared/schemas/marketing';
import type { RunningServer } from '../server';
import { account, pullAll, pushRows, startTestServer, type Json, type Person } from '../testing/harness';
import { useSeededServer } from '../testing/seeded-server';
import { backends } from '../testing/test-db';
import { startTestSmtp, type TestSmtp } from './smtp-test-server.test-helpers';

const T0 = 1_760_000_000_000;
let seq = 0;
const uid = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** Recipients the test SMTP server treats specially, by the local part of their address. */
let tempFailuresLeft = 1;
const rcpt = (address: string) => {
  if (address.startsWith('nobody')) return { code: 550, text: '5.1.1 <' + address + '>: Recipient address rejected: User unknown' };
  if (address.startsWith('always-busy')) return { code: 451, text: '4.3.0 Mailbox busy, try again later' };
  if (address.startsWith('busy-once') && tempFailuresLeft > 0) {
    tempFailuresLeft--;
    return { code: 451, text: '4.3.0 Mailbox busy, try again later' };
  }
  return undefined;
};

const base = (owner: Person): Json => ({ ownerId: owner.id, teamId: owner.teamId, createdAt: T0, updatedAt: T0 });

const contactDoc = (owner: Person, accountId: string, firstName: string, email: string, doNotContact = false): Json => ({
  ...base(owner),
  id: uid('con'),
  accountId,
  firstName,
  lastName: 'Tester',
  email,
  isPrimary: false,
  doNotContact,
});

/** A campaign message rendered as the laptop renders it: merge fields filled, the opt-out link a placeholder. */
const messageDoc = (owner: Person, contact: Json, accountDoc: Json, campaignId: string, memberId: string): Json => {
  const rendered = renderTemplate(
    { subject: 'Hello {{contact.firstName}}', body: 'Dear {{contact.fullName}} of {{account.name}},\n\nsee you soon.', format: 'text' },
    mergeValuesFor({ contact: contact as never, account: accountDoc as never, rep: { name: 'Rita', email: 'rita@x.test' } }),
    { unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER_URL, language: 'en' },
  );
  if (!rendered.ok) throw new Error('template does not render');
  return {
    ...base(owner),
    id: uid('msg'),
    kind: 'outbox_message',
    to: contact.email,
    toName: `${String(contact.firstName)} Tester`,
    contactId: contact.id,
    accountId: accountDoc.id,
    campaignId,
    memberId,
    language: 'en',
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    status: 'queued',
    queuedAt: T0 + seq,
    attempts: 0,
  };
};

describe.each(backends())('outbox sending on %s', (backend) => {
  const seeded = useSeededServer(backend, { outbox: { maxAttempts: 3, retryBaseMs: 50, pollMs: 50 } });
  let smtp: TestSmtp;
  const ids: Record<string, string> = {};
  let marketingPath = '';
  let contactsPath = '';

  beforeAll(async () => {
    tempFailuresLeft = 1;
    smtp = await startTestSmtp(rcpt);
  });
  afterAll(async () => {
    await smtp.close();
  });

  const marketingDoc = async (id: string): Promise<Json | undefined> =>
    (await pullAll(seeded.client, seeded.org.managerA.token, marketingPath)).docs.find((d) => d.id === id);

  const waitUntil = async (check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('keeps messages queued until an admin configures SMTP, and never shows the password', async () => {
    const { client, org } = seeded;
    const collections = (await client.get('/sync/collections', org.repA.token)).body.collections as Array<{
      name: string;
      schemaVersion: number;
    }>;
    const path = (name: string): string => `${name}/${collections.find((c) => c.name === name)?.schemaVersion ?? 0}`;
    marketingPath = path('marketing');
    contactsPath = path('contacts');
    expect((await client.get('/admin/smtp', org.admin.token)).body).toEqual({ configured: false, source: 'none' });
    expect((await client.get('/admin/smtp', org.repA.token)).status).toBe(403);

    const acc = account(org.repA, { name: 'Acme GmbH' });
    const people = {
      anna: contactDoc(org.repA, String(acc.id), 'Anna', 'anna@example.test'),
      otto: contactDoc(org.repA, String(acc.id), 'Otto', 'otto@example.test', true),
      nobody: contactDoc(org.repA, String(acc.id), 'Nobody', 'nobody@example.test'),
      busyOnce: contactDoc(org.repA, String(acc.id), 'Bea', 'busy-once@example.test'),
      alwaysBusy: contactDoc(org.repA, String(acc.id), 'Al', 'always-busy@example.test'),
    };
    const campaignId = uid('cmp');
    const campaign = {
      ...base(org.repA),
      id: campaignId,
      kind: 'campaign',
      name: 'Fair',
      type: 'email',
      status: 'active',
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      currency: 'EUR',
      budget: 0,
      actualCost: 0,
    };
    const docs: Json[] = [campaign];
    for (const [key, person] of Object.entries(people)) {
      const memberId = uid('mem');
      const message = messageDoc(org.repA, person, acc, campaignId, memberId);
      docs.push({
        ...base(org.repA),
        id: memberId,
        kind: 'campaign_member',
        campaignId,
        contactId: person.id,
        status: 'targeted',
        messageId: message.id,
      });
      docs.push(message);
      ids[key] = String(message.id);
      ids[`${key}Member`] = memberId;
      ids[`${key}Contact`] = String(person.id);
    }
    // Opened before the result comes back: the member keeps "opened".
    const annaMember = docs.find((d) => d.id === ids.annaMember) as Json;
    annaMember.status = 'opened';
    expect((await pushRows(client, org.repA.token, [{ newDocumentState: acc }])).body).toMatchObject({ conflicts: [], errors: [] });
    const contactRows = Object.values(people).map((p) => ({ newDocumentState: p }));
    expect((await pushRows(client, org.repA.token, contactRows, contactsPath)).body).toMatchObject({ conflicts: [], errors: [] });
    const rows = docs.map((d) => ({ newDocumentState: d }));
    expect((await pushRows(client, org.repA.token, rows, marketingPath)).body).toMatchObject({ conflicts: [], errors: [] });

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await marketingDoc(ids.anna as string)).toMatchObject({ status: 'queued', serverRevision: 1 });
    expect(smtp.received).toHaveLength(0);

    const put = await client.request('PUT', '/admin/smtp', {
      token: org.admin.token,
      // No user: the test server offers no login, so the password is kept but not used.
      body: { host: '127.0.0.1', port: smtp.port, password: 's3cret-pass', from: 'crm@company.test', ratePerSecond: 200 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ configured: true, source: 'admin', host: '127.0.0.1', passwordSet: true, ratePerSecond: 200 });
    expect(JSON.stringify(put.body)).not.toContain('s3cret');
    expect(JSON.stringify((await client.get('/admin/smtp', org.admin.token)).body)).not.toContain('s3cret');
  });

  it('sends with merge fields and an unsubscribe link, suppresses opt-outs, records bounces, retries temporary failures', async () => {
    await waitUntil(async () => {
      const docs = await Promise.all(['anna', 'otto', 'nobody', 'busyOnce', 'alwaysBusy'].map((k) => marketingDoc(ids[k] as string)));
      return docs.every((d) => d && !['queued', 'sending'].includes(String(d.status)));
    }, 'every message to be final');

    const anna = await marketingDoc(ids.anna as string);
    expect(anna).toMatchObject({ status: 'sent', attempts: 1, sentAt: expect.any(Number) });
    expect(await marketingDoc(ids.annaMember as string)).toMatchObject({ status: 'opened', sentAt: expect.any(Number) });
    expect(await marketingDoc(ids.otto as string)).toMatchObject({ status: 'suppressed', attempts: 0 });
    expect(await marketingDoc(ids.ottoMember as string)).toMatchObject({ status: 'targeted' });
    const bounced = await marketingDoc(ids.nobody as string);
    expect(bounced).toMatchObject({ status: 'bounced', attempts: 1, error: expect.stringContaining('User unknown') });
    expect(await marketingDoc(ids.nobodyMember as string)).toMatchObject({
      status: 'bounced',
      deliveryError: expect.stringContaining('550'),
    });
    expect(await marketingDoc(ids.busyOnce as string)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await marketingDoc(ids.busyOnceMember as string)).toMatchObject({ status: 'sent' });
    expect(await marketingDoc(ids.alwaysBusy as string)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: expect.stringContaining('451'),
    });
    expect(await marketingDoc(ids.alwaysBusyMember as string)).toMatchObject({
      status: 'failed',
      deliveryError: expect.stringContaining('busy'),
    });

    const delivered = smtp.received.map((r) => r.to).sort();
    expect(delivered).toEqual(['anna@example.test', 'busy-once@example.test']);
    const mail = await simpleParser(smtp.received.find((r) => r.to === 'anna@example.test')?.raw ?? '');
    expect(mail.subject).toBe('Hello Anna');
    expect(mail.from?.text).toBe('crm@company.test');
    expect(mail.text).toContain('Dear Anna Tester of Acme GmbH');
    expect(mail.text).not.toContain(UNSUBSCRIBE_PLACEHOLDER_URL);
    expect(String(mail.html)).not.toContain(UNSUBSCRIBE_PLACEHOLDER_URL);
    const link = /http:\/\/127\.0\.0\.1:\d+\/unsubscribe\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    expect(String(mail.html)).toContain(`href="${link}"`);
    // RFC 8058: the link as a header, and the one-click POST offered.
    const raw = smtp.received.find((r) => r.to === 'anna@example.test')?.raw ?? '';
    expect(raw).toMatch(new RegExp(`List-Unsubscribe:\\s+<${link}>`));
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    ids.link = String(link);
  });

  it('opts the contact out from the link: the GET only asks, the POST records it once, and another device pulls it', async () => {
    const { client, org } = seeded;
    const link = ids.link as string;
    const contact = async (): Promise<Json | undefined> =>
      (await pullAll(client, org.managerA.token, contactsPath)).docs.find((d) => d.id === ids.annaContact);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).not.toContain('<script');
    expect(await contact()).toMatchObject({ doNotContact: false, serverRevision: 1 });

    const confirm = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('You are unsubscribed');
    expect(await contact()).toMatchObject({ doNotContact: true, serverRevision: 2 });
    // RFC 8058 one-click, sent again by the mail client: nothing changes.
    const oneClick = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    expect((await fetch(link, { method: 'POST', body: form })).status).toBe(200);
    expect(await contact()).toMatchObject({ doNotContact: true, serverRevision: 2 });

    for (const bad of ['nope', 'A'.repeat(43), '%00', '..%2F..%2Fetc', '<script>']) {
      const answer = await fetch(`${seeded.server.url}/unsubscribe/${bad}`, { method: bad.length % 2 ? 'GET' : 'POST' });
      expect(answer.status, bad).toBeGreaterThanOrEqual(400);
      expect(answer.status, bad).toBeLessThan(500);
    }
    const unknown = await fetch(`${seeded.server.url}/unsubscribe/${'B'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('此退订链接无效');
  });

  it('sends no faster than the configured rate', async () => {
    const { client, org } = seeded;
    await client.request('PUT', '/admin/smtp', {
      token: org.admin.token,
      body: { host: '127.0.0.1', port: smtp.port, from: 'crm@company.test', ratePerSecond: 20 },
    });
    const acc = account(org.repA);
    const people = Array.from({ length: 11 }, (_, i) => contactDoc(org.repA, String(acc.id), `P${i}`, `rate-${i}@example.test`));
    await pushRows(client, org.repA.token, [{ newDocumentState: acc }]);
    await pushRows(
      client,
      org.repA.token,
      people.map((p) => ({ newDocumentState: p })),
      contactsPath,
    );
    const messages = people.map((p) => {
      const message = messageDoc(org.repA, p, acc, 'no-campaign', 'no-member');
      delete message.campaignId;
      delete message.memberId;
      return message;
    });
    const before = smtp.received.length;
    const started = Date.now();
    expect(
      (
        await pushRows(
          client,
          org.repA.token,
          messages.map((m) => ({ newDocumentState: m })),
          marketingPath,
        )
      ).body,
    ).toMatchObject({
      conflicts: [],
      errors: [],
    });
    await smtp.waitFor(before + messages.length);
    const last = Math.max(...smtp.received.slice(before).map((r) => r.at));
    // 11 messages at 20 per second: the last leaves at least 10 slots of 50 ms after the first.
    expect(last - started).toBeGreaterThanOrEqual(500);
  });
});

describe.skipIf(!backends().includes('pg'))('outbox sending from two processes sharing PostgreSQL', () => {
  const seeded = useSeededServer('pg', { outbox: { maxAttempts: 3, retryBaseMs: 50, pollMs: 20 } });
  let smtp: TestSmtp;
  let second: RunningServer | undefined;
  beforeAll(async () => {
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await second?.close();
    await smtp.close();
  });

  it('sends every message exactly once', async () => {
    const { client, org } = seeded;
    second = await startTestServer(seeded.env.config);
    await client.request('PUT', '/admin/smtp', {
      token: org.admin.token,
      body: { host: '127.0.0.1', port: smtp.port, from: 'crm@company.test', ratePerSecond: 1000 },
    });
    const collections = (await client.get('/sync/collections', org.repA.token)).body.collections as Array<{
      name: string;
      schemaVersion: number;
    }>;
    const path = (name: string): string => `${name}/${collections.find((c) => c.name === name)?.schemaVersion ?? 0}`;
    const acc = account(org.repA);
    const people = Array.from({ length: 60 }, (_, i) => contactDoc(org.repA, String(acc.id), `P${i}`, `twice-${i}@example.test`));
    await pushRows(client, org.repA.token, [{ newDocumentState: acc }]);
    await pushRows(
      client,
      org.repA.token,
      people.map((p) => ({ newDocumentState: p })),
      path('contacts'),
    );
    const messages = people.map((p) => {
      const message = messageDoc(org.repA, p, acc, 'none', 'none');
      delete message.campaignId;
      delete message.memberId;
      return { newDocumentState: message };
    });
    expect((await pushRows(client, org.repA.token, messages, path('marketing'))).status).toBe(200);
    await smtp.waitFor(people.length);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const recipients = smtp.received.map((r) => r.to);
    expect(recipients).toHaveLength(people.length);
    expect(new Set(recipients).size).toBe(people.length);
  });
});
