import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { SourceKind } from '../../../shared/api/monitors';

/**
 * Where monitors read their series: a PostgreSQL server (as a read-only role) or a DuckDB database
 * or folder of CSV / Parquet files on this machine. The password is stored sealed (secret-box.ts).
 */
@Entity('data_source')
@Index('uq_data_source_name', ['name'], { unique: true })
export class DataSourceRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: SourceKind;

  @Column({ type: 'varchar', length: 255, nullable: true })
  host: string | null;

  @Column({ type: 'integer', nullable: true })
  port: number | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  database: string | null;

  @Column({ name: 'user_name', type: 'varchar', length: 255, nullable: true })
  user: string | null;

  @Column({ type: 'boolean', default: false })
  ssl: boolean;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  path: string | null;

  /** AES-256-GCM, bound to the row id; never loaded unless asked for, never returned */
  @Column({ name: 'password_sealed', type: 'text', nullable: true, select: false })
  passwordSealed: string | null;

  @Column({ name: 'statement_timeout_ms', type: 'integer', default: 30_000 })
  statementTimeoutMs: number;

  @Column({ name: 'row_limit', type: 'integer', default: 50_000 })
  rowLimit: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
