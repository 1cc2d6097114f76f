import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the receiving server got it: envelope recipients plus the parsed MIME message. */
export type ReceivedMail = {
  readonly envelopeTo: ReadonlyArray<string>;
  readonly envelopeFrom: string | null;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly headers: ReadonlyMap<string, unknown>;
  readonly parsed: ParsedMail;
};

export type SmtpSink = {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** `smtp://127.0.0.1:<port>`, the form the sync server's SMTP setting takes. */
  readonly url: string;
  readonly received: ReadonlyArray<ReceivedMail>;
  /** Resolves once `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReadonlyArray<ReceivedMail>>;
  close(): Promise<void>;
};

export type SmtpSinkOptions = {
  /**
   * Recipients the server refuses at RCPT TO with a permanent 550, as a mailbox that does not exist
   * is refused: the message bounces with this server's words.
   */
  readonly rejectRecipient?: (address: string) => boolean;
};

export const REJECT_MESSAGE = '5.1.1 <{address}>: Recipient address rejected: User unknown';

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port, without TLS or
 * authentication, that keeps what it receives. The sync server sends to it exactly as it would to
 * the company's mail server.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const notify = (): void => {
    for (const w of [...waiters]) {
      if (received.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address)) {
        const error = new Error(REJECT_MESSAGE.replace('{address}', address.address)) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            parsed,
          });
          callback();
          notify();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    waitFor(count, timeoutMs = 30_000) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} messages, received ${received.length}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
