import path from 'node:path';
import { z } from 'zod';

/** The environment, parsed once. */
export interface Config {
  port: number;
  /** unset: embedded PGlite in dataDir */
  databaseUrl: string | null;
  dataDir: string;
  adminEmail: string | null;
  adminPassword: string | null;
  demoData: boolean;
  /** how long a session lives without use */
  sessionTtlHours: number;
  /** Secure cookies; on when served behind HTTPS */
  secureCookies: boolean;
  trustProxy: boolean;
  logLevel: string;
  dbPoolSize: number;
  loginRateLimit: number;
  /** per account: failed logins (within loginFailureWindowMinutes) before the account is locked */
  loginLockoutThreshold: number;
  /** the first lock; each further failure after a lock doubles it, up to loginLockoutMaxMinutes */
  loginLockoutMinutes: number;
  loginLockoutMaxMinutes: number;
  /** failed logins are forgotten after this long without one */
  loginFailureWindowMinutes: number;
  /** webhooks may post to loopback, private and link-local addresses (receivers on your own network) */
  webhookAllowPrivate: boolean;
  /** bearer token that GET /metrics wants; unset: /metrics answers 404 */
  metricsToken: string | null;
  /** where people reach Cairn (`https://cairn.example.com`), for links in mails; no trailing slash */
  publicUrl: string | null;
  /** the SMTP server mails go through; null: email is off (preferences still save) */
  smtp: SmtpConfig | null;
  /** the From of every mail (`Cairn <cairn@example.com>`) */
  mailFrom: string | null;
  /** hour of the day (UTC) the daily digest goes out */
  mailDigestHourUtc: number;
  /** the largest dbt upload (manifest, or manifest and run results) in bytes; larger ones are a 400 */
  dbtMaxBytes: number;
}

/** One SMTP URL (`smtps://user:pass@host:465`) or its parts. */
export type SmtpConfig =
  { url: string } | { host: string; port: number; secure: boolean; user: string | null; pass: string | null };

/** The environment is not one Cairn can run with; `problems` has one line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MAX_INT = 2_147_483_647;

function bool(fallback: boolean) {
  return z
    .string()
    .default(String(fallback))
    .transform((text, ctx) => {
      const word = text.trim().toLowerCase();
      if (TRUE.includes(word)) return true;
      if (FALSE.includes(word)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false (or 1/0, yes/no, on/off), got "${text}"` });
      return z.NEVER;
    });
}

function int(fallback: number, min: number, max = MAX_INT) {
  return z
    .string()
    .default(String(fallback))
    .transform((text, ctx) => {
      const value = Number(text.trim());
      if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${text}"` });
        return z.NEVER;
      }
      return value;
    });
}

const optionalText = z.string().optional();

const ENV = z
  .object({
    PORT: int(3000, 0, 65535),
    DATABASE_URL: z
      .string()
      .refine((text) => URL.canParse(text) && /^postgres(ql)?:$/.test(new URL(text).protocol), {
        message: 'must be a postgres:// or postgresql:// URL',
      })
      .optional(),
    CAIRN_DATA_DIR: z.string().default('./data'),
    CAIRN_ADMIN_EMAIL: optionalText,
    CAIRN_ADMIN_PASSWORD: optionalText,
    CAIRN_DEMO_DATA: bool(true),
    CAIRN_SESSION_TTL_HOURS: int(24 * 7, 1),
    CAIRN_SECURE_COOKIES: bool(false),
    CAIRN_TRUST_PROXY: bool(false),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional(),
    CAIRN_DB_POOL_SIZE: int(10, 1, 1000),
    CAIRN_LOGIN_RATE_LIMIT: int(20, 1),
    CAIRN_LOGIN_LOCKOUT_THRESHOLD: int(5, 1),
    CAIRN_LOGIN_LOCKOUT_MINUTES: int(1, 1),
    CAIRN_LOGIN_LOCKOUT_MAX_MINUTES: int(15, 1),
    CAIRN_LOGIN_FAILURE_WINDOW_MINUTES: int(60, 1),
    CAIRN_WEBHOOK_ALLOW_PRIVATE: bool(false),
    CAIRN_METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters long' }).optional(),
    CAIRN_PUBLIC_URL: z
      .string()
      .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), {
        message: 'must be an http:// or https:// URL',
      })
      .optional(),
    CAIRN_SMTP_URL: z
      .string()
      .refine((text) => URL.canParse(text) && /^smtps?:$/.test(new URL(text).protocol), {
        message: 'must be an smtp:// or smtps:// URL',
      })
      .optional(),
    CAIRN_SMTP_HOST: optionalText,
    CAIRN_SMTP_PORT: int(587, 1, 65535),
    CAIRN_SMTP_USER: optionalText,
    CAIRN_SMTP_PASS: optionalText,
    CAIRN_SMTP_SECURE: bool(false),
    CAIRN_MAIL_FROM: optionalText,
    CAIRN_MAIL_DIGEST_HOUR: int(7, 0, 23),
    CAIRN_DBT_MAX_BYTES: int(64 * 1024 * 1024, 1024),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // One without the other used to be ignored without a word.
    if (env.CAIRN_ADMIN_EMAIL && !env.CAIRN_ADMIN_PASSWORD)
      ctx.addIssue({ code: 'custom', path: ['CAIRN_ADMIN_PASSWORD'], message: 'must be set with CAIRN_ADMIN_EMAIL' });
    if (env.CAIRN_ADMIN_PASSWORD && !env.CAIRN_ADMIN_EMAIL)
      ctx.addIssue({ code: 'custom', path: ['CAIRN_ADMIN_EMAIL'], message: 'must be set with CAIRN_ADMIN_PASSWORD' });
    if (env.CAIRN_SMTP_URL && env.CAIRN_SMTP_HOST)
      ctx.addIssue({
        code: 'custom',
        path: ['CAIRN_SMTP_HOST'],
        message: 'set CAIRN_SMTP_URL or CAIRN_SMTP_HOST, not both',
      });
    if (!env.CAIRN_SMTP_USER !== !env.CAIRN_SMTP_PASS)
      ctx.addIssue({
        code: 'custom',
        path: [env.CAIRN_SMTP_USER ? 'CAIRN_SMTP_PASS' : 'CAIRN_SMTP_USER'],
        message: 'CAIRN_SMTP_USER and CAIRN_SMTP_PASS go together',
      });
    // Email on: every mail needs a sender, and its links need somewhere to point.
    if (env.CAIRN_SMTP_URL || env.CAIRN_SMTP_HOST) {
      if (!env.CAIRN_MAIL_FROM)
        ctx.addIssue({ code: 'custom', path: ['CAIRN_MAIL_FROM'], message: 'must be set when SMTP is configured' });
      if (!env.CAIRN_PUBLIC_URL)
        ctx.addIssue({ code: 'custom', path: ['CAIRN_PUBLIC_URL'], message: 'must be set when SMTP is configured' });
    }
  });

/**
 * Parses and checks the environment; throws a ConfigError that names every bad variable. An empty
 * variable counts as unset (compose passes `${X:-}`).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ENV.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.CAIRN_DATA_DIR),
    adminEmail: e.CAIRN_ADMIN_EMAIL ?? null,
    adminPassword: e.CAIRN_ADMIN_PASSWORD ?? null,
    demoData: e.CAIRN_DEMO_DATA,
    sessionTtlHours: e.CAIRN_SESSION_TTL_HOURS,
    secureCookies: e.CAIRN_SECURE_COOKIES,
    trustProxy: e.CAIRN_TRUST_PROXY,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    dbPoolSize: e.CAIRN_DB_POOL_SIZE,
    loginRateLimit: e.CAIRN_LOGIN_RATE_LIMIT,
    loginLockoutThreshold: e.CAIRN_LOGIN_LOCKOUT_THRESHOLD,
    loginLockoutMinutes: e.CAIRN_LOGIN_LOCKOUT_MINUTES,
    loginLockoutMaxMinutes: e.CAIRN_LOGIN_LOCKOUT_MAX_MINUTES,
    loginFailureWindowMinutes: e.CAIRN_LOGIN_FAILURE_WINDOW_MINUTES,
    webhookAllowPrivate: e.CAIRN_WEBHOOK_ALLOW_PRIVATE,
    metricsToken: e.CAIRN_METRICS_TOKEN ?? null,
    publicUrl: e.CAIRN_PUBLIC_URL ? e.CAIRN_PUBLIC_URL.replace(/\/+$/, '') : null,
    smtp: e.CAIRN_SMTP_URL
      ? { url: e.CAIRN_SMTP_URL }
      : e.CAIRN_SMTP_HOST
        ? {
            host: e.CAIRN_SMTP_HOST,
            port: e.CAIRN_SMTP_PORT,
            secure: e.CAIRN_SMTP_SECURE,
            user: e.CAIRN_SMTP_USER ?? null,
            pass: e.CAIRN_SMTP_PASS ?? null,
          }
        : null,
    mailFrom: e.CAIRN_MAIL_FROM ?? null,
    mailDigestHourUtc: e.CAIRN_MAIL_DIGEST_HOUR,
    dbtMaxBytes: e.CAIRN_DBT_MAX_BYTES,
  };
}

/** Where links back to Cairn point (Slack buttons): the public URL, else this process on localhost. */
export function linkBase(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
