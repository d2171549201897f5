import path from 'node:path';

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
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function int(value: string | undefined, fallback: number): number {
  const parsed = value ? Number.parseInt(value, 10) : NaN;
  return Number.isFinite(parsed) ? parsed : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: int(env.PORT, 3000),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.CAIRN_DATA_DIR || './data'),
    adminEmail: env.CAIRN_ADMIN_EMAIL || null,
    adminPassword: env.CAIRN_ADMIN_PASSWORD || null,
    demoData: bool(env.CAIRN_DEMO_DATA, true),
    sessionTtlHours: int(env.CAIRN_SESSION_TTL_HOURS, 24 * 7),
    secureCookies: bool(env.CAIRN_SECURE_COOKIES, false),
    trustProxy: bool(env.CAIRN_TRUST_PROXY, false),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    dbPoolSize: int(env.CAIRN_DB_POOL_SIZE, 10),
    loginRateLimit: int(env.CAIRN_LOGIN_RATE_LIMIT, 20),
    loginLockoutThreshold: Math.max(1, int(env.CAIRN_LOGIN_LOCKOUT_THRESHOLD, 5)),
    loginLockoutMinutes: Math.max(1, int(env.CAIRN_LOGIN_LOCKOUT_MINUTES, 1)),
    loginLockoutMaxMinutes: Math.max(1, int(env.CAIRN_LOGIN_LOCKOUT_MAX_MINUTES, 15)),
    loginFailureWindowMinutes: Math.max(1, int(env.CAIRN_LOGIN_FAILURE_WINDOW_MINUTES, 60)),
    webhookAllowPrivate: bool(env.CAIRN_WEBHOOK_ALLOW_PRIVATE, false),
  };
}
