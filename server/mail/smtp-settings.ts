import { z } from 'zod';
import type { Queryable } from '../db/db';

/** How the server reaches the company's SMTP server. `password` never leaves the server. */
export type SmtpSettings = {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly from: string;
  readonly ratePerSecond: number;
};

export type SmtpSource = 'admin' | 'env' | 'none';

/** What GET /admin/smtp shows: everything but the password, which is only said to be set. */
export type SmtpSettingsView =
  | { configured: false; source: 'none' }
  | ({ configured: true; source: 'admin' | 'env'; passwordSet: boolean } & Omit<SmtpSettings, 'password' | 'user'> & {
        user: string | null;
      });

export const DEFAULT_RATE_PER_SECOND = 10;
const DEFAULT_FROM = 'crm@localhost';

const address = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address');

export const smtpSettingsBody = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.int().min(1).max(65_535),
  secure: z.boolean().default(false),
  user: z.string().max(254).optional(),
  /** Omitted: keep the stored password (the form never sees it). */
  password: z.string().max(1024).optional(),
  from: address,
  ratePerSecond: z.number().positive().max(10_000).default(DEFAULT_RATE_PER_SECOND),
});
export type SmtpSettingsBody = z.infer<typeof smtpSettingsBody>;

/**
 * `SMTP_URL` (smtp://user:pass@host:port, smtps:// for TLS from the start), `SMTP_FROM` and
 * `SMTP_RATE_PER_SECOND`, for a server configured by its environment.
 */
export const smtpFromEnv = (env: NodeJS.ProcessEnv): SmtpSettings | undefined => {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return undefined;
  const url = new URL(raw);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error('SMTP_URL must start with smtp:// or smtps://');
  const secure = url.protocol === 'smtps:';
  const rate = Number(env.SMTP_RATE_PER_SECOND ?? DEFAULT_RATE_PER_SECOND);
  if (!Number.isFinite(rate) || rate <= 0) throw new Error('SMTP_RATE_PER_SECOND must be a positive number');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    from: env.SMTP_FROM?.trim() || DEFAULT_FROM,
    ratePerSecond: rate,
  };
};

type Row = {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  password: string | null;
  from_address: string;
  rate_per_second: number;
};

/** The admin's settings when there are any, else the environment's. */
export const loadSmtpSettings = async (
  db: Queryable,
  fromEnv: SmtpSettings | undefined,
): Promise<{ settings: SmtpSettings | undefined; source: SmtpSource }> => {
  const [row] = await db.query<Row>(
    'SELECT host, port, secure, username, password, from_address, rate_per_second FROM smtp_settings WHERE id = 1',
  );
  if (row) {
    return {
      source: 'admin',
      settings: {
        host: row.host,
        port: Number(row.port),
        secure: row.secure,
        user: row.username ?? undefined,
        password: row.password ?? undefined,
        from: row.from_address,
        ratePerSecond: Number(row.rate_per_second),
      },
    };
  }
  return fromEnv ? { settings: fromEnv, source: 'env' } : { settings: undefined, source: 'none' };
};

export const saveSmtpSettings = async (db: Queryable, body: SmtpSettingsBody): Promise<void> => {
  await db.query(
    `INSERT INTO smtp_settings (id, host, port, secure, username, password, from_address, rate_per_second, updated_at)
     VALUES (1, $1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (id) DO UPDATE SET host = $1, port = $2, secure = $3, username = $4,
       password = CASE WHEN $8 THEN $5 ELSE smtp_settings.password END, from_address = $6, rate_per_second = $7, updated_at = now()`,
    [
      body.host,
      body.port,
      body.secure,
      body.user || null,
      body.password ?? null,
      body.from,
      body.ratePerSecond,
      body.password !== undefined,
    ],
  );
};

export const viewOf = (settings: SmtpSettings | undefined, source: SmtpSource): SmtpSettingsView =>
  !settings || source === 'none'
    ? { configured: false, source: 'none' }
    : {
        configured: true,
        source,
        host: settings.host,
        port: settings.port,
        secure: settings.secure,
        user: settings.user ?? null,
        passwordSet: Boolean(settings.password),
        from: settings.from,
        ratePerSecond: settings.ratePerSecond,
      };
