import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CaveatRecurrence } from '../../../shared/monitors/recurrence';

/** The stored form of a CaveatRecurrence; validated on the way in (monitors/caveat-recurrence.ts). */
export type CaveatRecurrenceJson = CaveatRecurrence;

/** Knowledge that stays with an artifact ("weekly retention dips every Dec 25: real behaviour"). */
@Entity('caveat')
@Index('ix_caveat_artifact', ['artifactId', 'createdAt'])
export class Caveat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'artifact_id', type: 'uuid' })
  artifactId: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'investigation_id', type: 'integer', nullable: true })
  investigationId: number | null;

  /**
   * When the caveat's behaviour recurs (every Dec 25, every Monday, the 1st of each month, a date
   * range): monitors do not alarm on matching dates. Shape: CaveatRecurrence (shared/monitors/recurrence.ts).
   */
  @Column({ type: 'jsonb', nullable: true })
  recurrence: CaveatRecurrenceJson | null;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
