import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { TICKET_WORDS_DOCUMENT } from '../search/search-documents';
import type { Phase, Priority, TicketKind, TicketStatus } from '../../../shared/api/enums';

@Entity('ticket')
@Index('uq_ticket_domain_number', ['domainId', 'number'], { unique: true })
@Index('ix_ticket_domain_phase_status', ['domainId', 'phase', 'status'])
@Index('ix_ticket_assignee', ['assigneeId', 'status'])
// Newest first across domains (the search box's text matches walk it for a common word).
@Index('ix_ticket_created', ['createdAt', 'id'])
// GIN over the search box's words; TypeORM cannot say USING gin, so its migration does.
@Index('ix_ticket_words', { synchronize: false })
export class Ticket {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'integer' })
  number: number;

  /** e.g. RET-12 */
  @Index('uq_ticket_key', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  key: string;

  @Column({ type: 'varchar', length: 20 })
  kind: TicketKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  phase: Phase;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: TicketStatus;

  @Column({ type: 'varchar', length: 10, default: 'medium' })
  priority: Priority;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  labels: string[];

  @Column({ name: 'artifact_ids', type: 'uuid', array: true, default: () => "'{}'" })
  artifactIds: string[];

  /** the investigation this ticket follows up, if any */
  @Index('ix_ticket_investigation')
  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  /** The words the search box matches (GET /search), kept by PostgreSQL; never read by the app. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: TICKET_WORDS_DOCUMENT,
    select: false,
    insert: false,
    update: false,
  })
  words: string;

  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
