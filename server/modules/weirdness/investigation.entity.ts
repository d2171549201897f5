import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { InvestigationStatus, Severity } from '../../../shared/api/enums';
import { INVESTIGATION_TITLE_WORDS_DOCUMENT } from '../search/search-documents';

/** What a text search matches: title, observation and resolution, English stemming. */
export const INVESTIGATION_SEARCH_DOCUMENT = `to_tsvector('english', "title" || ' ' || "observed" || ' ' || coalesce("resolution", ''))`;

@Entity('investigation')
@Index('ix_investigation_domain_reported', ['domainId', 'reportedAt'])
@Index('ix_investigation_status', ['status', 'severity'])
@Index('ix_investigation_investigator', ['investigatorId', 'status'])
// Newest first across domains (the weirdness log): a search for a common word walks this index.
@Index('ix_investigation_reported', ['reportedAt', 'id'])
@Index('ix_investigation_monitor', ['monitorId', 'status'])
// GIN over the stored search document; TypeORM cannot say USING gin, so its migration does.
@Index('ix_investigation_search', { synchronize: false })
@Index('ix_investigation_title_words', { synchronize: false })
export class Investigation {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  observed: string;

  @Column({ type: 'text', default: '' })
  expected: string;

  @Column({ name: 'artifact_id', type: 'uuid', nullable: true })
  artifactId: string | null;

  @Column({ type: 'varchar', length: 10, default: 'medium' })
  severity: Severity;

  @Column({ type: 'varchar', length: 16, default: 'reported' })
  status: InvestigationStatus;

  @Column({ name: 'reporter_id', type: 'uuid', nullable: true })
  reporterId: string | null;

  @Column({ name: 'investigator_id', type: 'uuid', nullable: true })
  investigatorId: string | null;

  @Column({ name: 'root_cause', type: 'varchar', length: 40, nullable: true })
  rootCause: string | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ name: 'dismiss_reason', type: 'text', nullable: true })
  dismissReason: string | null;

  /** dismissed as a duplicate of this investigation (same domain): left out of the oddity counts */
  @Column({ name: 'duplicate_of', type: 'integer', nullable: true })
  duplicateOf: number | null;

  /** reported by this monitor (server/modules/monitors): a machine-found oddity, counted apart */
  @Column({ name: 'monitor_id', type: 'uuid', nullable: true })
  monitorId: string | null;

  @Column({ name: 'reported_at', type: 'timestamptz', default: () => 'now()' })
  reportedAt: Date;

  @Column({ name: 'triaged_at', type: 'timestamptz', nullable: true })
  triagedAt: Date | null;

  /** when it was resolved or dismissed; cleared on reopen */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The full-text document (title, observation, resolution), kept by PostgreSQL; never read by the app. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: INVESTIGATION_SEARCH_DOCUMENT,
    select: false,
    insert: false,
    update: false,
  })
  search: string;

  /** The words the search box matches (GET /search), kept by PostgreSQL; never read by the app. */
  @Column({
    name: 'title_words', type: 'tsvector',
    generatedType: 'STORED',
    asExpression: INVESTIGATION_TITLE_WORDS_DOCUMENT,
    select: false,
    insert: false,
    update: false,
  })
  titleWords: string;

  @VersionColumn({ type: 'integer' })
  version: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
