import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainRole, Phase, SignOffDecision } from '../../../shared/api/enums';
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

  @Column({ type: 'varchar', length: 16 })
  phase: Phase;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
