import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationResolved1796409909289 implements MigrationInterface {
  name = 'NotificationResolved1796409909289';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notification\" ADD \"resolved_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"notification\" ADD \"resolution\" character varying(20)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"notification\" DROP COLUMN \"resolution\"");
    await queryRunner.query("ALTER TABLE \"notification\" DROP COLUMN \"resolved_at\"");
  }
}
