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
  /** encrypts data-source passwords (AES-256-GCM); unset: a key file in dataDir (see docs/monitors.md) */
  secretKey: string | null;
}

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
    CAIRN_SECRET_KEY: z.string().min(32, { message: 'must be at least 32 characters long (e.g. openssl rand -base64 32)' }).optional(),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    // One without the other used to be ignored without a word.
    if (env.CAIRN_ADMIN_EMAIL && !env.CAIRN_ADMIN_PASSWORD)
      ctx.addIssue({ code: 'custom', path: ['CAIRN_ADMIN_PASSWORD'], message: 'must be set with CAIRN_ADMIN_EMAIL' });
    if (env.CAIRN_ADMIN_PASSWORD && !env.CAIRN_ADMIN_EMAIL)
      ctx.addIssue({ code: 'custom', path: ['CAIRN_ADMIN_EMAIL'], message: 'must be set with CAIRN_ADMIN_PASSWORD' });
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
    secretKey: e.CAIRN_SECRET_KEY ?? null,
  };
}
