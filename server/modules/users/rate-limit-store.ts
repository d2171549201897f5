import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { DataSource } from 'typeorm';

/** Rows whose window ended are removed now and then, by the increment that happens to draw it. */
const CLEANUP_ONE_IN = 100;

/**
 * express-rate-limit's counter in PostgreSQL (table rate_limit_hit): one atomic upsert per hit
 * that starts a new window when the old one has ended, so N app processes share one limit instead
 * of allowing N times as many attempts. Reads the app's clock, so tests can move time.
 */
export class PostgresRateLimitStore implements Store {
  /** the counts are shared by every process */
  localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /**
   * express-rate-limit derives Retry-After from the reset time and the wall clock: a reset time on
   * the app's clock (a test's fixed clock) is moved by the difference, so the wait stays right.
   */
  private onWallClock(resetAt: Date, now: Date): Date {
    return new Date(Date.now() + (resetAt.getTime() - now.getTime()));
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const now = this.now();
    const [row]: { hits: number; resetAt: Date }[] = await this.dataSource.query(
      `SELECT hits, reset_at AS "resetAt" FROM rate_limit_hit WHERE key = $1 AND reset_at > $2`,
      [this.prefix + key, now],
    );
    return row ? { totalHits: row.hits, resetTime: this.onWallClock(row.resetAt, now) } : undefined;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = this.now();
    const [row]: { hits: number; resetAt: Date }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_hit AS r (key, hits, reset_at) VALUES ($1, 1, $2)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN r.reset_at <= $3 THEN 1 ELSE r.hits + 1 END,
         reset_at = CASE WHEN r.reset_at <= $3 THEN EXCLUDED.reset_at ELSE r.reset_at END
       RETURNING hits, reset_at AS "resetAt"`,
      [this.prefix + key, new Date(now.getTime() + this.windowMs), now],
    );
    if (Math.random() * CLEANUP_ONE_IN < 1) {
      void this.dataSource.query('DELETE FROM rate_limit_hit WHERE reset_at <= $1', [now]).catch(() => undefined);
    }
    return { totalHits: row.hits, resetTime: this.onWallClock(row.resetAt, now) };
  }

  async decrement(key: string): Promise<void> {
    await this.dataSource.query('UPDATE rate_limit_hit SET hits = greatest(hits - 1, 0) WHERE key = $1', [
      this.prefix + key,
    ]);
  }

  async resetKey(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_hit WHERE key = $1', [this.prefix + key]);
  }
}
