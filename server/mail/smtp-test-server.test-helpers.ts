import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export type Received = { readonly to: string; readonly raw: string; readonly at: number };

export type TestSmtp = {
  readonly port: number;
  readonly received: Received[];
  /** Resolves when `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** An SMTP answer with its code, as smtp-server sends it to the client. */
const smtpError = (code: number, text: string): Error => Object.assign(new Error(text), { responseCode: code });

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 and a free port, no TLS, no login. `rcpt` may refuse
 * a recipient: return a code and text (550 bounces, 451 asks to come back later).
 */
export const startTestSmtp = async (
  rcpt: (address: string) => { code: number; text: string } | undefined = () => undefined,
): Promise<TestSmtp> => {
  const received: Received[] = [];
  let waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 100,
    disableReverseLookup: true,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = rcpt(address.address);
      callback(refusal ? smtpError(refusal.code, refusal.text) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        for (const to of session.envelope.rcptTo) received.push({ to: to.address, raw, at: Date.now() });
        waiters = waiters.filter((w) => (received.length >= w.count ? (w.resolve(), false) : true));
        callback();
      });
    },
  });
  // Replies go out at once: with Nagle's algorithm each SMTP round trip waits for a delayed ACK.
  server.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    waitFor: (count, timeoutMs = 10_000) =>
      received.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`only ${received.length} of ${count} messages arrived`)), timeoutMs);
            waiters.push({
              count,
              resolve: () => {
                clearTimeout(timer);
                resolve();
              },
            });
          }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
