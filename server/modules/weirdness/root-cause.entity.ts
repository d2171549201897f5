import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Admin-configurable root causes; retired ones stay so old investigations keep their value. */
@Entity('root_cause')
export class RootCause {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  label: string;

  @Column({ type: 'boolean', default: false })
  retired: boolean;

  @Column({ type: 'integer', default: 0 })
  position: number;
}
