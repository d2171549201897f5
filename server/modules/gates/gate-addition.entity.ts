import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Phase } from '../../../shared/api/enums';
import type { GateAdditionKind } from '../../../shared/api/domains';

/**
 * An admin's addition to one gate of one domain: a criterion from the catalog or an extra required
 * role, with the reason. Removed ones stay (removed_at) so the gate's history is readable.
 */
@Entity('gate_addition')
@Index('ix_gate_addition_domain', ['domainId', 'phase'])
export class GateAddition {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 16 })
  phase: Phase;

  @Column({ type: 'varchar', length: 10 })
  kind: GateAdditionKind;

  /** the criterion key or the domain role */
  @Column({ type: 'varchar', length: 60 })
  value: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ name: 'removed_by', type: 'uuid', nullable: true })
  removedBy: string | null;

  @Column({ name: 'remove_reason', type: 'text', nullable: true })
  removeReason: string | null;
}
