import { parseArgs } from 'node:util';
import { smtpFromEnv, type SmtpSettings } from './mail/smtp-settings';

export type ServerConfig = {
  host: string;
  port: number;
  /** PostgreSQL when set; else PGlite in `dataDir` (undefined only in tests: in memory). */
  databaseUrl: string | undefined;
  dataDir: string | undefined;
  /** HS256 secret itself (`SYNC_JWT_SECRET`); wins over the key file. */
  jwtSecret: string | undefined;
  /**
   * File holding the HS256 secret (`SYNC_JWT_KEY_FILE`); created (0600) when missing. Unset: the
   * data directory's `jwt-signing.key`. Never kept in the database.
   */
  jwtKeyFile: string | undefined;
  accessTokenTtlSec: number;
  refreshTokenTtlSec: number;
  /** scrypt cost N (power of two); stored with each hash so it can be raised later. */
  scryptCost: number;
  tombstoneRetentionDays: number;
  purgeIntervalMs: number;
  bodyLimitBytes: number;
  maxPushRows: number;
  maxPullLimit: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  logLevel: string;
  /** Test-only fault injection: pause this long inside a push transaction after its first row. */
  faultPushPauseMs: number;
  /** Open streams re-read their users this often, in case a change came without a notification. */
  userRecheckMs: number;
  /** The company SMTP server from SMTP_URL, SMTP_FROM, SMTP_RATE_PER_SECOND; PUT /admin/smtp wins. */
  smtp: SmtpSettings | undefined;
  /** The address recipients reach this server at (SYNC_PUBLIC_URL), for unsubscribe links; default: its own URL. */
  publicUrl: string | undefined;
  /** Send the outbox from this process (SYNC_OUTBOX_SENDER=0 turns it off). */
  outboxSender: boolean;
  /** Sending attempts before a temporary failure is final (SMTP_MAX_ATTEMPTS), the first retry's wait (SMTP_RETRY_BASE_MS, doubling), how often to look for work. */
  outbox: { maxAttempts: number; retryBaseMs: number; pollMs: number };
};

export const defaultConfig = (): ServerConfig => ({
  host: '127.0.0.1',
  port: 8787,
  databaseUrl: undefined,
  dataDir: '.data/server',
  jwtSecret: undefined,
  jwtKeyFile: undefined,
  accessTokenTtlSec: 15 * 60,
  refreshTokenTtlSec: 30 * 24 * 3600,
  scryptCost: 2 ** 15,
  tombstoneRetentionDays: 180,
  purgeIntervalMs: 60 * 60 * 1000,
  bodyLimitBytes: 2 * 1024 * 1024,
  maxPushRows: 500,
  maxPullLimit: 5000,
  rateLimitPerMinute: 1200,
  loginRateLimitPerMinute: 10,
  logLevel: 'info',
  faultPushPauseMs: 0,
  userRecheckMs: 5_000,
  smtp: undefined,
  publicUrl: undefined,
  outboxSender: true,
  outbox: { maxAttempts: 5, retryBaseMs: 30_000, pollMs: 2_000 },
});

export type CliCommand =
  { kind: 'serve'; config: ServerConfig } | { kind: 'create-admin'; config: ServerConfig; email: string; password: string };

const num = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${value}"`);
  return n;
};

/** Flags win over environment variables, which win over defaults. */
export const parseCli = (argv: readonly string[], env: NodeJS.ProcessEnv): CliCommand => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'jwt-key-file': { type: 'string' },
      'create-admin': { type: 'boolean' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  const d = defaultConfig();
  const config: ServerConfig = {
    ...d,
    host: values.host ?? env.SYNC_HOST ?? d.host,
    port: num(values.port ?? env.PORT, d.port, 'port'),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: values['data-dir'] ?? env.SYNC_DATA_DIR ?? d.dataDir,
    jwtSecret: env.SYNC_JWT_SECRET || undefined,
    jwtKeyFile: values['jwt-key-file'] ?? (env.SYNC_JWT_KEY_FILE || undefined),
    accessTokenTtlSec: num(env.SYNC_ACCESS_TOKEN_TTL_SEC, d.accessTokenTtlSec, 'SYNC_ACCESS_TOKEN_TTL_SEC'),
    tombstoneRetentionDays: num(env.SYNC_TOMBSTONE_RETENTION_DAYS, d.tombstoneRetentionDays, 'SYNC_TOMBSTONE_RETENTION_DAYS'),
    rateLimitPerMinute: num(env.SYNC_RATE_LIMIT_PER_MINUTE, d.rateLimitPerMinute, 'SYNC_RATE_LIMIT_PER_MINUTE'),
    logLevel: env.LOG_LEVEL ?? d.logLevel,
    faultPushPauseMs: num(env.SYNC_FAULT_PUSH_PAUSE_MS, 0, 'SYNC_FAULT_PUSH_PAUSE_MS'),
    smtp: smtpFromEnv(env),
    publicUrl: env.SYNC_PUBLIC_URL || undefined,
    outboxSender: env.SYNC_OUTBOX_SENDER !== '0',
    outbox: {
      ...d.outbox,
      maxAttempts: Math.max(1, num(env.SMTP_MAX_ATTEMPTS, d.outbox.maxAttempts, 'SMTP_MAX_ATTEMPTS')),
      retryBaseMs: num(env.SMTP_RETRY_BASE_MS, d.outbox.retryBaseMs, 'SMTP_RETRY_BASE_MS'),
    },
  };
  if (!values['create-admin']) return { kind: 'serve', config };
  if (!values.email || !values.password) throw new Error('--create-admin needs --email and --password');
  return { kind: 'create-admin', config, email: values.email, password: values.password };
};
