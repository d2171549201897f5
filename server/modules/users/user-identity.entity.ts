import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A person's account at an OpenID Connect provider, linked to their Cairn user. The provider's
 * subject (`sub`) is what stays put: an email can be renamed at the provider, the subject cannot.
 */
@Entity('user_identity')
export class UserIdentity {
  @PrimaryColumn({ type: 'varchar', length: 500 })
  issuer: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  subject: string;

  @Index('ix_user_identity_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_login_at', type: 'timestamptz' })
  lastLoginAt: Date;
}
