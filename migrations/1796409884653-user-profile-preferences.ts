import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserProfilePreferences1796409884653 implements MigrationInterface {
  name = 'UserProfilePreferences1796409884653';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user" ADD "time_zone" character varying(64)');
    await queryRunner.query('ALTER TABLE "user" ADD "theme" character varying(8) NOT NULL DEFAULT \'system\'');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "theme"');
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "time_zone"');
  }
}
