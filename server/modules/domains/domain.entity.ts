import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { BADGE_TOKEN_DEFAULT } from '../catalog/badge-token';
import { DOMAIN_WORDS_DOCUMENT } from '../search/search-documents';
import type { DomainStage } from '../../../shared/api/enums';
import type { GateThresholds } from '../../../shared/workflow/types';
import type { DbtSelector } from '../../../shared/api/dbt';

@Entity('domain')
@Index('ix_domain_stage', ['stage', 'key'])
// GIN over the search box's words; TypeORM cannot say USING gin, so its migration does.
@Index('ix_domain_words', { synchronize: false })
export class Domain {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_domain_key', { unique: true })
  @Column({ type: 'varchar', length: 10 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'specs' })
  stage: DomainStage;

  @Column({ name: 'phase_entered_at', type: 'timestamptz', default: () => 'now()' })
  phaseEnteredAt: Date;

  /** last time anything happened in the domain; drives "stalled" */
  @Column({ name: 'last_activity_at', type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ type: 'boolean', default: false })
  held: boolean;

  @Column({ name: 'hold_reason', type: 'text', nullable: true })
  holdReason: string | null;

  @Column({ name: 'at_risk', type: 'boolean', default: false })
  atRisk: boolean;

  @Column({ name: 'at_risk_reason', type: 'text', nullable: true })
  atRiskReason: string | null;

  /** a lead took ownership of the at-risk alarm */
  @Column({ name: 'risk_acknowledged_at', type: 'timestamptz', nullable: true })
  riskAcknowledgedAt: Date | null;

  @Column({ name: 'risk_acknowledged_by', type: 'uuid', nullable: true })
  riskAcknowledgedBy: string | null;

  @Column({ name: 'risk_note', type: 'text', nullable: true })
  riskNote: string | null;

  /** when the domain was certified or its certification last re-confirmed: the review clock */
  @Column({ name: 'certified_at', type: 'timestamptz', nullable: true })
  certifiedAt: Date | null;

  /** when the leads were asked for the certification review of the current cycle */
  @Column({ name: 'review_requested_at', type: 'timestamptz', nullable: true })
  reviewRequestedAt: Date | null;

  @Column({ name: 'auto_advance', type: 'boolean', default: false })
  autoAdvance: boolean;

  /** per-domain overrides of the global gate thresholds */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  thresholds: Partial<GateThresholds>;

  /** which nodes of the dbt project are this domain's artifacts (server/modules/dbt); null: none */
  @Column({ name: 'dbt_selector', type: 'jsonb', nullable: true })
  dbtSelector: DbtSelector | null;

  /** last ticket number handed out; incremented under the domain row lock */
  @Column({ name: 'ticket_seq', type: 'integer', default: 0 })
  ticketSeq: number;

  /** current gate round of the domain's phase */
  @Column({ name: 'gate_round', type: 'integer', default: 1 })
  gateRound: number;

  /**
   * The secret of the public badge URLs (`?token=`): random, rotated by a lead. Never loaded
   * with the entity, so it stays out of audit events and exports.
   */
  @Column({ name: 'badge_token', type: 'varchar', length: 64, default: () => BADGE_TOKEN_DEFAULT, select: false })
  badgeToken: string;

  /** The words the search box matches (GET /search), kept by PostgreSQL; never read by the app. */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: DOMAIN_WORDS_DOCUMENT,
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
