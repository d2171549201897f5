import { CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DomainRole } from '../../../shared/api/enums';

/** A user's role in one domain; a user may hold several roles. */
@Entity('domain_member')
@Index('ix_domain_member_user', ['userId'])
export class DomainMember {
  @PrimaryColumn({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  role: DomainRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
