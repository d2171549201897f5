import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MeasuredConfidence1796353989088 implements MigrationInterface {
  name = 'MeasuredConfidence1796353989088';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "domain_confidence" ("domain_id" uuid NOT NULL, "assessment" jsonb NOT NULL, "summary" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_53ad120a72573bb65f3952b77a6" PRIMARY KEY ("domain_id"))',
    );
    await queryRunner.query('ALTER TABLE "investigation" ADD "duplicate_of" integer');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "investigation" DROP COLUMN "duplicate_of"');
    await queryRunner.query('DROP TABLE "domain_confidence"');
  }
}
