import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Global, admin-tuned settings (gate thresholds, triage targets) as JSON by key. */
@Entity('setting')
export class Setting {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'jsonb' })
  value: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
