import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Hits per client address and window for the login rate limit, in the database so that every app
 * process behind a proxy counts the same attempts (express-rate-limit's memory store counts per
 * process). The key is the limiter's prefix and the address.
 */
@Entity('rate_limit_hit')
export class RateLimitHit {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'int' })
  hits: number;

  @Index('ix_rate_limit_hit_reset_at')
  @Column({ name: 'reset_at', type: 'timestamptz' })
  resetAt: Date;
}
