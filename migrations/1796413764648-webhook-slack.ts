import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookSlack1796413764648 implements MigrationInterface {
  name = 'WebhookSlack1796413764648';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"webhook\" ADD \"format\" character varying(20) NOT NULL DEFAULT 'standard'");
    await queryRunner.query("ALTER TABLE \"webhook\" ADD \"domain_id\" uuid");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"webhook\" DROP COLUMN \"domain_id\"");
    await queryRunner.query("ALTER TABLE \"webhook\" DROP COLUMN \"format\"");
  }
}
