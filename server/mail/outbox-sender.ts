import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { UNSUBSCRIBE_PLACEHOLDER_URL } from '../../shared/schemas/marketing';
import type { Db } from '../db/db';
import type { ChangeHub } from '../sync/change-hub';
import type { CollectionRegistry } from '../sync/collections';
import { writeServerDocuments, type DocFields, type ServerChange } from '../sync/server-write';
import { classifySendError, type SendOutcome } from './send-outcome';
import { loadSmtpSettings, type SmtpSettings } from './smtp-settings';
import { createUnsubscribeTokens } from './unsubscribe-tokens';

export type OutboxSenderOptions = {
  readonly db: Db;
  readonly collections: CollectionRegistry;
  readonly hub: ChangeHub;
  readonly log: Logger;
  /** Settings from the environment; the admin's (PUT /admin/smtp) win. */
  readonly envSmtp: SmtpSettings | undefined;
  /** Where recipients reach this server: the unsubscribe links start with it. */
  readonly publicUrl: () => string;
  /** Look for work this often when no change notification says there is some. */
  readonly pollMs?: number;
  /** Messages claimed per round. */
  readonly batchSize?: number;
  /** Delivery attempts before a temporary failure becomes `failed`. */
  readonly maxAttempts?: number;
  /** The first retry waits this long; each further one twice as long as the one before. */
  readonly retryBaseMs?: number;
  /** A message left `sending` this long (its process stopped mid-send) is taken back. */
  readonly staleSendingMs?: number;
  /** SMTP connections used at once. */
  readonly connections?: number;
};

export type OutboxSender = {
  /** Look for work now (a change notification does this too). */
  wake(): void;
  close(): Promise<void>;
};

type Message = DocFields & {
  id: string;
  to: string;
  toName?: string;
  contactId?: string;
  memberId?: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  status: string;
  attempts: number;
};

/** Funnel stages past `sent`: a member who opened or answered keeps that status when a result comes in. */
const PAST_SENT = new Set(['opened', 'responded', 'attended', 'converted']);
const MAX_REASON = 2_000;

/** Claims messages to send in one statement; SKIP LOCKED lets several processes claim side by side. */
const CLAIM_SQL = `
  SELECT id FROM sync_documents
  WHERE collection = 'marketing' AND NOT deleted AND data->>'kind' = 'outbox_message' AND data->>'status' IN ('queued', 'sending')
    AND CASE WHEN data->>'status' = 'queued'
      THEN server_updated_at <= now() - make_interval(secs => CASE WHEN (data->>'attempts')::int = 0 THEN 0
             ELSE $2::double precision * power(2, (data->>'attempts')::int - 1) / 1000 END)
      ELSE server_updated_at < now() - make_interval(secs => $3::double precision / 1000) END
  ORDER BY data->>'queuedAt', id
  LIMIT $1
  FOR UPDATE SKIP LOCKED`;

/**
 * Sends the outbox. Each round claims a batch of queued messages by moving them to `sending` (a
 * server write every device sees), drops those whose contact or address has opted out since
 * (`suppressed`), gives each message its own unsubscribe link, sends through the company's SMTP
 * server at the configured rate, and records every result on the message and its campaign member
 * as server writes with new revisions. Temporary failures (4xx, lost connections) go back to the
 * queue with growing waits until `maxAttempts`; a 5xx refusal of the recipient or the message is
 * a bounce with the receiving server's words.
 */
export const startOutboxSender = (options: OutboxSenderOptions): OutboxSender => {
  const { db, log } = options;
  const pollMs = options.pollMs ?? 2_000;
  const batchSize = options.batchSize ?? 100;
  const maxAttempts = options.maxAttempts ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const staleSendingMs = options.staleSendingMs ?? 10 * 60_000;
  const connections = options.connections ?? 8;
  const marketing = options.collections.get('marketing');
  const contacts = options.collections.get('contacts');
  if (!marketing || !contacts) throw new Error('the outbox sender needs the marketing and contacts collections');

  let transport: { key: string; transporter: Transporter } | undefined;
  let warnedUnconfigured = false;
  let nextSendAt = 0;
  let closed = false;
  let wakeUp: (() => void) | undefined;

  const transporterFor = (settings: SmtpSettings): Transporter => {
    const key = JSON.stringify(settings);
    if (transport?.key === key) return transport.transporter;
    transport?.transporter.close();
    const transporter = nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
      pool: true,
      maxConnections: connections,
      maxMessages: Infinity,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    transport = { key, transporter };
    return transporter;
  };

  /** Waits for this message's slot under the rate limit (messages per second, per process). */
  const rateSlot = async (ratePerSecond: number): Promise<void> => {
    const now = Date.now();
    const at = Math.max(now, nextSendAt);
    nextSendAt = at + 1000 / ratePerSecond;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };

  /** Claimed messages (now `sending`) and which of them may not be sent any more. */
  const claim = async (): Promise<{ messages: Message[]; optedOut: Set<string> }> =>
    db.transaction(async (tx) => {
      const ids = (await tx.query<{ id: string }>(CLAIM_SQL, [batchSize, retryBaseMs, staleSendingMs])).map((r) => r.id);
      if (ids.length === 0) return { messages: [], optedOut: new Set<string>() };
      const claimed: Message[] = [];
      await writeServerDocuments(
        tx,
        marketing,
        ids.map((id) => ({
          id,
          change: (doc) => {
            if (doc.kind !== 'outbox_message' || (doc.status !== 'queued' && doc.status !== 'sending')) return undefined;
            const next = { ...doc, id, status: 'sending', updatedAt: Math.max(Date.now(), Number(doc.updatedAt)) } as unknown as Message;
            claimed.push(next);
            return next;
          },
        })),
      );
      const contactIds = [...new Set(claimed.flatMap((m) => (m.contactId ? [m.contactId] : [])))];
      const outContacts = await tx.query<{ id: string }>(
        `SELECT id FROM sync_documents WHERE collection = 'contacts' AND id = ANY($1::text[]) AND (deleted OR (data->>'doNotContact')::boolean)`,
        [contactIds],
      );
      const outAddresses = await tx.query<{ email: string }>('SELECT email FROM email_opt_outs WHERE email = ANY($1::text[])', [
        claimed.map((m) => m.to.toLowerCase()),
      ]);
      const outIds = new Set(outContacts.map((r) => r.id));
      const outEmails = new Set(outAddresses.map((r) => r.email));
      const optedOut = new Set(
        claimed.filter((m) => (m.contactId && outIds.has(m.contactId)) || outEmails.has(m.to.toLowerCase())).map((m) => m.id),
      );
      return { messages: claimed, optedOut };
    });

  const sendOne = async (transporter: Transporter, settings: SmtpSettings, message: Message, link: string): Promise<SendOutcome> => {
    await rateSlot(settings.ratePerSecond);
    try {
      await transporter.sendMail({
        from: settings.from,
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        subject: message.subject,
        text: message.text.split(UNSUBSCRIBE_PLACEHOLDER_URL).join(link),
        html: message.html.split(UNSUBSCRIBE_PLACEHOLDER_URL).join(link),
        messageId: `<${message.id}@fieldcrm.outbox>`,
        headers: {
          'List-Unsubscribe': `<${link}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Content-Language': message.language,
        },
      });
      return { kind: 'sent' };
    } catch (err) {
      return classifySendError(err);
    }
  };

  /** The message's next state and its member's, for one outcome. */
  const resultChanges = (message: Message, outcome: SendOutcome, at: number): ServerChange[] => {
    const attempts = outcome.kind === 'suppressed' ? message.attempts : message.attempts + 1;
    const reason = outcome.kind === 'sent' || outcome.kind === 'suppressed' ? undefined : outcome.reason.slice(0, MAX_REASON);
    const final = outcome.kind === 'retry' && attempts >= maxAttempts ? 'failed' : outcome.kind === 'retry' ? 'queued' : outcome.kind;
    const changes: ServerChange[] = [
      {
        id: message.id,
        change: (doc) => {
          if (doc.status !== 'sending') return undefined;
          const { error: _previous, ...rest } = doc;
          return {
            ...rest,
            status: final,
            attempts,
            updatedAt: Math.max(at, Number(doc.updatedAt)),
            ...(final === 'sent' ? { sentAt: at } : {}),
            ...(reason !== undefined ? { error: reason } : {}),
          };
        },
      },
    ];
    const memberStatus = final === 'sent' || final === 'bounced' || final === 'failed' ? final : undefined;
    if (message.memberId && memberStatus) {
      changes.push({
        id: message.memberId,
        change: (doc) => {
          if (doc.kind !== 'campaign_member' || (doc.messageId !== undefined && doc.messageId !== message.id)) return undefined;
          const { deliveryError: _previous, ...rest } = doc;
          return {
            ...rest,
            messageId: message.id,
            status: PAST_SENT.has(String(doc.status)) ? doc.status : memberStatus,
            updatedAt: Math.max(at, Number(doc.updatedAt)),
            ...(memberStatus === 'sent' ? { sentAt: at } : { deliveryError: reason ?? memberStatus }),
          };
        },
      });
    }
    return changes;
  };

  /** One round: claim, send, record; resolves to the number of messages it finished or put back. */
  const runOnce = async (): Promise<number> => {
    const { settings } = await loadSmtpSettings(db, options.envSmtp);
    if (!settings) {
      if (!warnedUnconfigured) log.warn('no SMTP server is configured (PUT /admin/smtp or SMTP_URL): outbox messages stay queued');
      warnedUnconfigured = true;
      return 0;
    }
    warnedUnconfigured = false;
    const transporter = transporterFor(settings);
    const { messages, optedOut } = await claim();
    if (messages.length === 0) return 0;

    const outcomes = new Map<string, SendOutcome>();
    const toSend = messages.filter((m) => {
      if (optedOut.has(m.id)) outcomes.set(m.id, { kind: 'suppressed' });
      return !optedOut.has(m.id);
    });
    // The links exist (committed) before any message carrying one leaves.
    const links = await createUnsubscribeTokens(db, options.publicUrl(), toSend);
    const inFlight = new Set<Promise<void>>();
    for (const message of toSend) {
      const link = links.get(message.id) as string;
      const sending = sendOne(transporter, settings, message, link).then((outcome) => {
        outcomes.set(message.id, outcome);
      });
      const tracked = sending.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= connections) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);

    const at = Date.now();
    const changes = messages.flatMap((m) => resultChanges(m, outcomes.get(m.id) ?? { kind: 'retry', reason: 'not sent' }, at));
    await db.transaction((tx) => writeServerDocuments(tx, marketing, changes));
    for (const [id, outcome] of outcomes) {
      if (outcome.kind === 'retry' || outcome.kind === 'bounced')
        log.info({ messageId: id, outcome: outcome.kind, reason: outcome.reason }, 'outbox delivery problem');
    }
    return messages.length;
  };

  const loop = async (): Promise<void> => {
    while (!closed) {
      let done = 0;
      try {
        done = await runOnce();
      } catch (err) {
        log.error({ err }, 'outbox round failed; retrying shortly');
      }
      if (done === 0 && !closed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
      }
    }
  };

  const unsubscribe = options.hub.subscribe('marketing', () => wakeUp?.());
  const running = loop();

  return {
    wake: () => wakeUp?.(),
    async close() {
      closed = true;
      unsubscribe();
      wakeUp?.();
      await running;
      transport?.transporter.close();
    },
  };
};
