import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Phase } from '../../../shared/api/enums';

/** An admin's decision that a criterion does not apply to one gate of one domain. */
@Entity('waiver')
@Index('ix_waiver_domain', ['domainId', 'phase'])
export class Waiver {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 16 })
  phase: Phase;

  @Column({ type: 'varchar', length: 60 })
  criterion: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
