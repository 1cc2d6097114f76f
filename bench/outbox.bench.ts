/**
 * outbox_send_per_s: the sync server (PGlite in memory, its outbox sender as it runs in
 * production) sending 2,000 queued campaign messages to a local SMTP server (smtp-server on
 * 127.0.0.1, in its own process), from the moment they are queued until every message and its campaign member carry
 * their result. The rate limit is set far above what is measured, so the figure is the sender's
 * own throughput.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../server/config';
import { startServer } from '../server/server';
import { UNSUBSCRIBE_PLACEHOLDER_URL } from '../shared/schemas/marketing';

const T0 = 1_760_000_000_000;

/** The SMTP server in a child process: its port, and how many messages it has received. */
async function startSmtpChild(): Promise<{ port: number; received(): Promise<number>; close(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./outbox-smtp-child.ts', import.meta.url))], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
  const port = Number(await next());
  return {
    port,
    received: async () => {
      const answer = next();
      child.stdin.write('count\n');
      return Number(await answer);
    },
    close: () => child.stdin.end(),
  };
}

export async function measureOutboxSendPerSecond(count = 2_000): Promise<number> {
  const smtp = await startSmtpChild();
  const server = await startServer({
    ...defaultConfig(),
    port: 0,
    dataDir: undefined,
    logLevel: 'silent',
    jwtSecret: 'bench-secret-bench-secret-bench-secret-01',
    smtp: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: undefined,
      password: undefined,
      from: 'crm@bench.test',
      ratePerSecond: 100_000,
    },
    outbox: { maxAttempts: 3, retryBaseMs: 1_000, pollMs: 50 },
  });
  try {
    const db = server.ctx.db;
    const owner = { ownerId: 'bench-rep', teamId: 'bench-team', createdAt: T0, updatedAt: T0 };
    const docs: Array<{ collection: string; doc: Record<string, unknown> }> = [];
    docs.push({
      collection: 'marketing',
      doc: {
        ...owner,
        id: 'cmp',
        kind: 'campaign',
        name: 'Bench',
        type: 'email',
        status: 'active',
        startDate: '2026-01-01',
        endDate: '2026-12-31',
        currency: 'EUR',
        budget: 0,
        actualCost: 0,
      },
    });
    for (let i = 0; i < count; i++) {
      const email = `person-${i}@bench.test`;
      docs.push({
        collection: 'contacts',
        doc: { ...owner, id: `c-${i}`, accountId: 'acc', lastName: `Person ${i}`, email, isPrimary: false, doNotContact: false },
      });
      docs.push({
        collection: 'marketing',
        doc: {
          ...owner,
          id: `m-${i}`,
          kind: 'campaign_member',
          campaignId: 'cmp',
          contactId: `c-${i}`,
          status: 'targeted',
          messageId: `o-${i}`,
        },
      });
      docs.push({
        collection: 'marketing',
        doc: {
          ...owner,
          id: `o-${i}`,
          kind: 'outbox_message',
          to: email,
          contactId: `c-${i}`,
          campaignId: 'cmp',
          memberId: `m-${i}`,
          language: 'en',
          subject: `Hello Person ${i}`,
          text: `Dear Person ${i},\n\nour spring offer.\n\nUnsubscribe: ${UNSUBSCRIBE_PLACEHOLDER_URL}`,
          html: `<p>Dear Person ${i},</p><p>our spring offer.</p><p>Unsubscribe: <a href="${UNSUBSCRIBE_PLACEHOLDER_URL}">${UNSUBSCRIBE_PLACEHOLDER_URL}</a></p>`,
          status: 'queued',
          queuedAt: T0 + i,
          attempts: 0,
        },
      });
    }
    const versions = new Map([...server.ctx.collections.values()].map((c) => [c.name, c.schemaVersion]));
    const started = performance.now();
    // One statement: the sender sees all of them at once, as after a laptop's push of a campaign.
    await db.query(
      `INSERT INTO sync_documents (collection, id, schema_version, owner_id, team_id, revision, data)
       SELECT d->>'collection', d->'doc'->>'id', (d->>'version')::int, 'bench-rep', 'bench-team', 1, d->'doc' FROM jsonb_array_elements($1::jsonb) d`,
      [JSON.stringify(docs.map((d) => ({ ...d, version: versions.get(d.collection) ?? 0 })))],
    );
    for (;;) {
      const [row] = await db.query<{ done: number; members: number }>(
        `SELECT count(*) FILTER (WHERE data->>'kind' = 'outbox_message' AND data->>'status' IN ('sent', 'bounced', 'failed'))::int AS done,
                count(*) FILTER (WHERE data->>'kind' = 'campaign_member' AND data->>'status' = 'sent')::int AS members
         FROM sync_documents WHERE collection = 'marketing'`,
      );
      if ((row?.done ?? 0) >= count && (row?.members ?? 0) >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (performance.now() - started) / 1000;
    const received = await smtp.received();
    if (received < count) throw new Error(`only ${received} of ${count} messages reached the SMTP server`);
    return count / seconds;
  } finally {
    await server.close();
    smtp.close();
  }
}
