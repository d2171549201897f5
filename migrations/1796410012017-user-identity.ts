import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UserIdentity1796410012017 implements MigrationInterface {
  name = 'UserIdentity1796410012017';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "user_identity" ("issuer" character varying(500) NOT NULL, "subject" character varying(255) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7fe1cb7b4efc3420da673cc6199" PRIMARY KEY ("issuer", "subject"))',
    );
    await queryRunner.query('CREATE INDEX "ix_user_identity_user" ON "user_identity"  ("user_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_user_identity_user"');
    await queryRunner.query('DROP TABLE "user_identity"');
  }
}
