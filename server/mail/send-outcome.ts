/** What became of one message: sent, refused for good (bounced), worth another try, or not sent by choice. */
export type SendOutcome =
  { kind: 'sent' } | { kind: 'bounced'; reason: string } | { kind: 'retry'; reason: string } | { kind: 'suppressed' };

type SmtpError = {
  code?: unknown;
  command?: unknown;
  response?: unknown;
  responseCode?: unknown;
  message?: unknown;
  rejectedErrors?: ReadonlyArray<SmtpError>;
};

/** Commands whose permanent refusal is about this recipient or this message, not about our setup. */
const RECIPIENT_COMMANDS = /^(RCPT TO|DATA)$/i;

/**
 * Nodemailer's error for one send, sorted: a 5xx answer to RCPT TO or DATA is a bounce in the
 * receiving server's words; anything else (4xx, a refused or lost connection, a timeout, a 5xx to
 * our login or sender address, which a corrected configuration fixes) is worth another try.
 */
export const classifySendError = (err: unknown): SendOutcome => {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SmtpError;
  const source = e.rejectedErrors?.[0] ?? e;
  const code = typeof source.responseCode === 'number' ? source.responseCode : undefined;
  const words = typeof source.response === 'string' ? source.response : typeof e.message === 'string' ? e.message : 'sending failed';
  const command = typeof source.command === 'string' ? source.command : typeof e.command === 'string' ? e.command : '';
  if (code !== undefined && code >= 500 && code < 600 && RECIPIENT_COMMANDS.test(command)) return { kind: 'bounced', reason: words };
  const what = typeof e.code === 'string' ? `${e.code}: ` : '';
  return { kind: 'retry', reason: code !== undefined ? words : `${what}${words}` };
};
