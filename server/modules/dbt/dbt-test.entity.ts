import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One dbt test of a domain as Cairn last saw it in a run_results.json: whether it fails, and the
 * investigation its failures are recorded on (one open investigation per test, not one per run).
 */
@Entity('dbt_test')
@Index('uq_dbt_test_domain_test', ['domainId', 'testUniqueId'], { unique: true })
@Index('ix_dbt_test_failing', ['domainId', 'failing'])
export class DbtTest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'domain_id', type: 'uuid' })
  domainId: string;

  @Column({ name: 'test_unique_id', type: 'varchar', length: 512 })
  testUniqueId: string;

  @Column({ name: 'test_name', type: 'varchar', length: 300 })
  testName: string;

  /** the artifact the test is attached to */
  @Column({ name: 'artifact_id', type: 'uuid', nullable: true })
  artifactId: string | null;

  /** pass, fail, error, warn, skipped */
  @Column({ name: 'last_status', type: 'varchar', length: 16 })
  lastStatus: string;

  @Column({ type: 'boolean', default: false })
  failing: boolean;

  /** the investigation failures are recorded on, while it exists */
  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  /** the test passed again while its investigation was open: offered to a lead for resolution */
  @Column({ name: 'offered_for_resolution_at', type: 'timestamptz', nullable: true })
  offeredForResolutionAt: Date | null;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;
}

/** One run of a test, as reported by one dbt invocation (recorded once per invocation). */
@Entity('dbt_test_occurrence')
@Index('uq_dbt_test_occurrence_run', ['dbtTestId', 'invocationId'], { unique: true })
export class DbtTestOccurrence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'dbt_test_id', type: 'uuid' })
  dbtTestId: string;

  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  @Column({ name: 'invocation_id', type: 'varchar', length: 100 })
  invocationId: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'integer', nullable: true })
  failures: number | null;

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
