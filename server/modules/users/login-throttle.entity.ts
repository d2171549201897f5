import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed logins per account, kept in the database so that every app process counts
 * the same attempts. The key is the SHA-256 of the normalised email: unknown emails are counted
 * too (so the answer never tells whether an account exists), and a password typed into the email
 * field by mistake is not stored readable.
 */
@Entity('login_throttle')
export class LoginThrottle {
  @PrimaryColumn({ name: 'email_key', type: 'varchar', length: 64 })
  emailKey: string;

  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Index('ix_login_throttle_last_failure')
  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt: Date;
}
