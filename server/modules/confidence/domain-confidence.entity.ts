import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConfidenceAssessment, ConfidenceSummary } from '../../../shared/api/confidence';

/**
 * A domain's latest measured confidence (shared/confidence), stored so that gates and the board
 * read it instead of fitting per request. Recomputed in the transaction that changes the domain's
 * investigations or phase, and nightly for every domain (confidence.job.ts).
 */
@Entity('domain_confidence')
export class DomainConfidence {
  @PrimaryColumn({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  /** the full assessment: weekly series, rate, trend, fit, forecast */
  @Column({ type: 'jsonb' })
  assessment: ConfidenceAssessment;

  /** what gates and board cards read, without the weekly series */
  @Column({ type: 'jsonb' })
  summary: ConfidenceSummary;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt: Date;
}
