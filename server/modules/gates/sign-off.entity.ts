import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainRole, DomainStage, SignOffDecision } from '../../../shared/api/enums';
import type { EvidenceSnapshot } from '../../../shared/api/domains';

/**
 * One decision by one person in one role of one gate round. Rows are never updated except to
 * mark them stale or superseded, so past rounds stay readable.
 */
@Entity('sign_off')
@Index('ix_sign_off_round', ['domainId', 'phase', 'round'])
@Index('ix_sign_off_user', ['userId', 'createdAt'])
export class SignOff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  /** the gate's phase; `certified` for a ds_lead's re-confirmation of a certified domain */
  @Column({ type: 'varchar', length: 16 })
  phase: DomainStage;

  @Column({ type: 'integer' })
  round: number;

  @Column({ type: 'varchar', length: 20 })
  role: DomainRole;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 10 })
  decision: SignOffDecision;

  @Column({ type: 'text', default: '' })
  comment: string;

  @Column({ type: 'jsonb' })
  evidence: EvidenceSnapshot;

  /** set when the evidence changed after signing; a stale sign-off no longer counts */
  @Column({ name: 'stale_at', type: 'timestamptz', nullable: true })
  staleAt: Date | null;

  @Column({ name: 'stale_reason', type: 'text', nullable: true })
  staleReason: string | null;

  /** set when the same role signed again in the same round */
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  /** the signer took this decision back while its round was open (superseded_at is set too, so it no longer counts) */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ name: 'withdraw_reason', type: 'text', nullable: true })
  withdrawReason: string | null;

  /** an admin lifted this rejection with a written reason: it no longer blocks the round */
  @Column({ name: 'overridden_at', type: 'timestamptz', nullable: true })
  overriddenAt: Date | null;

  @Column({ name: 'overridden_by', type: 'uuid', nullable: true })
  overriddenBy: string | null;

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
