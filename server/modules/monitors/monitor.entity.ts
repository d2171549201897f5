import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { MonitorRunStatus, SeasonalityKind } from '../../../shared/api/monitors';
import type { Severity } from '../../../shared/api/enums';

/** A metric artifact watched: a query on a data source, run on a cron schedule. */
@Entity('monitor')
@Index('ix_monitor_artifact', ['artifactId', 'createdAt'])
@Index('ix_monitor_due', ['active', 'nextRunAt'])
export class Monitor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'artifact_id', type: 'uuid' })
  artifactId: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text' })
  sql: string;

  /** cron, UTC */
  @Column({ type: 'varchar', length: 100 })
  schedule: string;

  @Column({ type: 'varchar', length: 16, default: 'auto' })
  seasonality: SeasonalityKind;

  @Column({ type: 'double precision', default: 0.5 })
  sensitivity: number;

  @Column({ name: 'min_change', type: 'double precision', nullable: true })
  minChange: number | null;

  @Column({ name: 'evaluate_last', type: 'integer', default: 7 })
  evaluateLast: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** when the schedule next makes it due; the minute tick enqueues due monitors */
  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  /**
   * The lease of the run in progress: a run claims it with one conditional UPDATE, so two
   * processes (or a scheduled run and "Run now") never run one monitor at once. A crashed run's
   * lease expires.
   */
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'lease_run_id', type: 'uuid', nullable: true })
  leaseRunId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @VersionColumn({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One run of a monitor: queued by the schedule or "Run now", then run by one process. */
@Entity('monitor_run')
@Index('ix_monitor_run_monitor', ['monitorId', 'queuedAt'])
export class MonitorRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'monitor_id', type: 'uuid' })
  monitorId: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: MonitorRunStatus;

  @Column({ type: 'varchar', length: 16 })
  trigger: 'schedule' | 'manual';

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'integer', default: 0 })
  points: number;

  @Column({ type: 'integer', default: 0 })
  segments: number;

  @Column({ type: 'integer', default: 0 })
  anomalies: number;

  @Column({ type: 'integer', default: 0 })
  suppressed: number;

  @Column({ name: 'enough_history', type: 'boolean', default: false })
  enoughHistory: boolean;

  @Column({ name: 'history_note', type: 'text', nullable: true })
  historyNote: string | null;

  @Column({ type: 'integer', nullable: true })
  period: number | null;

  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  /** which process ran it (host:pid), to show that runs spread over processes */
  @Column({ name: 'ran_by', type: 'varchar', length: 200, nullable: true })
  ranBy: string | null;
}

/** A point of a run's series with what the detector expected there. */
@Entity('monitor_observation')
@Index('ix_monitor_observation_run', ['runId', 'segment', 'ts'])
export class MonitorObservation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'monitor_id', type: 'uuid' })
  monitorId: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  segment: string;

  @Column({ type: 'timestamptz' })
  ts: Date;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'double precision', nullable: true })
  expected: number | null;

  @Column({ type: 'double precision', nullable: true })
  lower: number | null;

  @Column({ type: 'double precision', nullable: true })
  upper: number | null;

  @Column({ type: 'boolean', default: false })
  anomaly: boolean;

  @Column({ type: 'boolean', default: false })
  suppressed: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  severity: Severity | null;
}

/**
 * An anomalous point, once: later runs that see the same point again add nothing. Each is an
 * occurrence of the monitor's open investigation (or a suppressed one, counted, never alarmed on).
 */
@Entity('monitor_anomaly')
@Index('uq_monitor_anomaly_point', ['monitorId', 'segment', 'ts'], { unique: true })
@Index('ix_monitor_anomaly_investigation', ['investigationId'])
export class MonitorAnomaly {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'monitor_id', type: 'uuid' })
  monitorId: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  segment: string;

  @Column({ type: 'timestamptz' })
  ts: Date;

  @Column({ type: 'double precision' })
  value: number;

  @Column({ type: 'double precision', nullable: true })
  expected: number | null;

  @Column({ type: 'double precision', nullable: true })
  lower: number | null;

  @Column({ type: 'double precision', nullable: true })
  upper: number | null;

  @Column({ type: 'varchar', length: 10 })
  severity: Severity;

  @Column({ type: 'boolean', default: false })
  suppressed: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
