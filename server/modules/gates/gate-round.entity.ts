import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainRole, Phase } from '../../../shared/api/enums';

/**
 * One round of one gate, with the roles it requires fixed when it opened: removing a member later
 * never removes a requirement (PRODUCT.md 2). Roles an admin adds to a domain's gate come on top.
 */
@Entity('gate_round')
@Index('uq_gate_round', ['domainId', 'phase', 'round'], { unique: true })
export class GateRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 16 })
  phase: Phase;

  @Column({ type: 'integer' })
  round: number;

  @Column({ name: 'required_roles', type: 'jsonb' })
  requiredRoles: DomainRole[];

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;
}
