import path from 'node:path';
import { z } from 'zod';
import { GLOBAL_ROLES, type GlobalRole } from '../shared/api/enums';

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
  /** single sign-on with OpenID Connect; null when not configured */
  oidc: OidcConfig | null;
  /** on: everyone may sign in with a password; break-glass: only the break-glass admins; off: no one */
  passwordLogin: PasswordLoginMode;
  /** lower-cased emails of the admins who may still sign in with a password when it is break-glass */
  breakGlassEmails: string[];
  /** encrypts data-source passwords (AES-256-GCM); unset: a key file in dataDir (see docs/monitors.md) */
  secretKey: string | null;
}

/** One SMTP URL (`smtps://user:pass@host:465`) or its parts. */
export type SmtpConfig =
  { url: string } | { host: string; port: number; secure: boolean; user: string | null; pass: string | null };

export const PASSWORD_LOGIN_MODES = ['on', 'off', 'break-glass'] as const;
export type PasswordLoginMode = (typeof PASSWORD_LOGIN_MODES)[number];

/** One `claim:value=role` rule of CAIRN_OIDC_ROLE_MAP. */
export interface OidcRoleRule {
  claim: string;
  value: string;
  role: GlobalRole;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** CAIRN_PUBLIC_URL + /api/v1/auth/oidc/callback: register it at the provider */
  redirectUrl: string;
  /** shown on the login page: "Sign in with <providerName>" */
  providerName: string;
  scopes: string;
  /** lower-cased; null: any domain (CAIRN_OIDC_ALLOWED_DOMAINS=*) */
  allowedDomains: string[] | null;
  roleMap: OidcRoleRule[];
  /** the role when no rule matches; null: such people are refused */
  defaultRole: GlobalRole | null;
  /** refuse an email the provider does not mark `email_verified` */
  requireVerifiedEmail: boolean;
  /** http is allowed only for an issuer on loopback (a provider on this machine, as in the tests) */
  allowInsecureRequests: boolean;
}

/** The path of the OIDC callback under CAIRN_PUBLIC_URL. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';

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

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

const httpUrl = z
  .string()
  .refine((text) => URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol), {
    message: 'must be an http:// or https:// URL',
  });

const commaList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** `groups:data-science=member,hd:example.com=viewer`; the claim ends at the last colon before `=`. */
const roleMap = z.string().transform((text, ctx) => {
  const rules: OidcRoleRule[] = [];
  for (const item of commaList(text)) {
    const equals = item.lastIndexOf('=');
    const colon = equals > 0 ? item.lastIndexOf(':', equals) : -1;
    const role = item.slice(equals + 1).trim() as GlobalRole;
    if (colon <= 0 || colon + 1 >= equals || !GLOBAL_ROLES.includes(role)) {
      ctx.addIssue({
        code: 'custom',
        message: `each rule must read claim:value=role with a role of ${GLOBAL_ROLES.join(', ')}, got "${item}"`,
      });
      return z.NEVER;
    }
    rules.push({ claim: item.slice(0, colon).trim(), value: item.slice(colon + 1, equals).trim(), role });
  }
  return rules;
});

const OIDC_VARIABLES = [
  'CAIRN_OIDC_ISSUER',
  'CAIRN_OIDC_CLIENT_ID',
  'CAIRN_OIDC_CLIENT_SECRET',
  'CAIRN_OIDC_ALLOWED_DOMAINS',
] as const;

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
    CAIRN_SECRET_KEY: z
      .string()
      .min(32, { message: 'must be at least 32 characters long (e.g. openssl rand -base64 32)' })
      .optional(),
    NODE_ENV: z.string().optional(),
    CAIRN_PUBLIC_URL: httpUrl.optional(),
    CAIRN_OIDC_ISSUER: httpUrl
      .refine((text) => !URL.canParse(text) || new URL(text).protocol === 'https:' || isLoopback(new URL(text)), {
        message: 'must be an https:// URL (http:// only on loopback)',
      })
      .optional(),
    CAIRN_OIDC_CLIENT_ID: optionalText,
    CAIRN_OIDC_CLIENT_SECRET: optionalText,
    CAIRN_OIDC_ALLOWED_DOMAINS: z
      .string()
      .transform(commaList)
      .refine(
        (domains) => domains.length > 0 && domains.every((d) => d === '*' || /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(d)),
        {
          message: 'must be a comma-separated list of email domains (example.com), or * for any',
        },
      )
      .optional(),
    CAIRN_OIDC_ROLE_MAP: roleMap.optional(),
    CAIRN_OIDC_DEFAULT_ROLE: z
      .enum([...GLOBAL_ROLES, 'none'], { message: `must be one of ${GLOBAL_ROLES.join(', ')}, none` })
      .default('viewer'),
    CAIRN_OIDC_PROVIDER_NAME: z
      .string()
      .max(60, { message: 'must be at most 60 characters' })
      .default('single sign-on'),
    CAIRN_OIDC_SCOPES: z
      .string()
      .refine((text) => text.split(/\s+/).includes('openid'), { message: 'must include openid' })
      .default('openid email profile'),
    CAIRN_OIDC_REQUIRE_VERIFIED_EMAIL: bool(true),
    CAIRN_PASSWORD_LOGIN: z
      .enum(PASSWORD_LOGIN_MODES, { message: `must be one of ${PASSWORD_LOGIN_MODES.join(', ')}` })
      .default('on'),
    CAIRN_BREAK_GLASS_EMAILS: z
      .string()
      .transform((text) => commaList(text).map((email) => email.toLowerCase()))
      .refine((emails) => emails.every((email) => /^[^@\s]+@[^@\s]+$/.test(email)), {
        message: 'must be a comma-separated list of email addresses',
      })
      .optional(),
  })
  .superRefine((env, ctx) => {
    const oidcGiven = OIDC_VARIABLES.filter((name) => env[name] !== undefined);
    if (oidcGiven.length > 0) {
      for (const name of OIDC_VARIABLES)
        if (env[name] === undefined)
          ctx.addIssue({ code: 'custom', path: [name], message: `must be set with ${oidcGiven[0]}` });
      if (!env.CAIRN_PUBLIC_URL)
        ctx.addIssue({
          code: 'custom',
          path: ['CAIRN_PUBLIC_URL'],
          message: 'must be set for single sign-on (the callback URL is derived from it)',
        });
    }
    if (env.CAIRN_PASSWORD_LOGIN !== 'on' && oidcGiven.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['CAIRN_PASSWORD_LOGIN'],
        message: 'must be on unless single sign-on is configured (CAIRN_OIDC_ISSUER …): no one could sign in',
      });
    if (env.CAIRN_PASSWORD_LOGIN === 'break-glass' && !env.CAIRN_BREAK_GLASS_EMAILS?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['CAIRN_BREAK_GLASS_EMAILS'],
        message: 'must list the break-glass admins when CAIRN_PASSWORD_LOGIN is break-glass',
      });
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
    oidc: oidcConfig(e),
    passwordLogin: e.CAIRN_PASSWORD_LOGIN,
    breakGlassEmails: e.CAIRN_BREAK_GLASS_EMAILS ?? [],
    secretKey: e.CAIRN_SECRET_KEY ?? null,
  };
}

function oidcConfig(e: z.infer<typeof ENV>): OidcConfig | null {
  const { CAIRN_OIDC_ISSUER: issuer, CAIRN_OIDC_CLIENT_ID: clientId, CAIRN_OIDC_CLIENT_SECRET: clientSecret } = e;
  const domains = e.CAIRN_OIDC_ALLOWED_DOMAINS;
  if (!issuer || !clientId || !clientSecret || !domains || !e.CAIRN_PUBLIC_URL) return null;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUrl: `${e.CAIRN_PUBLIC_URL.replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`,
    providerName: e.CAIRN_OIDC_PROVIDER_NAME.trim() || 'single sign-on',
    scopes: e.CAIRN_OIDC_SCOPES.trim().split(/\s+/).join(' '),
    allowedDomains: domains.includes('*') ? null : domains.map((d) => d.toLowerCase()),
    roleMap: e.CAIRN_OIDC_ROLE_MAP ?? [],
    defaultRole: e.CAIRN_OIDC_DEFAULT_ROLE === 'none' ? null : e.CAIRN_OIDC_DEFAULT_ROLE,
    requireVerifiedEmail: e.CAIRN_OIDC_REQUIRE_VERIFIED_EMAIL,
    allowInsecureRequests: new URL(issuer).protocol === 'http:' && isLoopback(new URL(issuer)),
  };
}

/** Where links back to Cairn point (Slack buttons): the public URL, else this process on localhost. */
export function linkBase(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

/** The password-login policy as the login check and the current user's `can` read it. */
export function passwordPolicy(config: Pick<Config, 'passwordLogin' | 'breakGlassEmails'>): {
  mode: PasswordLoginMode;
  breakGlassEmails: string[];
} {
  return { mode: config.passwordLogin, breakGlassEmails: config.breakGlassEmails };
}
