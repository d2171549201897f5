import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only record of every mutation; UPDATE and DELETE are refused by a trigger. */
@Entity('audit_event')
@Index('ix_audit_event_entity', ['entityType', 'entityId', 'id'])
@Index('ix_audit_event_actor', ['actorId', 'id'])
@Index('ix_audit_event_domain', ['domainId', 'id'])
@Index('ix_audit_event_action', ['action', 'id'])
@Index('ix_audit_event_at', ['at'])
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 80 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 80 })
  entityId: string;

  @Column({ name: 'domain_id', type: 'uuid', nullable: true })
  domainId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
