import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottle1796018260587 implements MigrationInterface {
  name = 'LoginThrottle1796018260587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "login_throttle" ("email_key" character varying(64) NOT NULL, "failures" integer NOT NULL DEFAULT \'0\', "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8e8021a4e8b6d9b37eb103c098d" PRIMARY KEY ("email_key"))',
    );
    await queryRunner.query('CREATE INDEX "ix_login_throttle_last_failure" ON "login_throttle"  ("last_failure_at") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_login_throttle_last_failure"');
    await queryRunner.query('DROP TABLE "login_throttle"');
  }
}
