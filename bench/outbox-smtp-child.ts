/**
 * The outbox benchmark's SMTP server in its own process, as the company's mail server is: prints
 * its port, then answers each line on stdin with the number of messages received so far.
 */
import { createInterface } from 'node:readline';
import { startTestSmtp } from '../server/mail/smtp-test-server.test-helpers';

const smtp = await startTestSmtp();
process.stdout.write(`${smtp.port}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('line', () => process.stdout.write(`${smtp.received.length}\n`));
lines.on('close', () => {
  void smtp.close().then(() => process.exit(0));
});
