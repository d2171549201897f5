import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1795518645682 implements MigrationInterface {
  name = 'Webhooks1795518645682';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "webhook_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "webhook_id" uuid NOT NULL, "event_type" character varying(40) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'pending\', "attempts" integer NOT NULL DEFAULT \'0\', "last_status_code" integer, "last_error" text, "job_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_webhook_delivery_status" ON "webhook_delivery"  ("status") ');
    await queryRunner.query(
      'CREATE INDEX "ix_webhook_delivery_webhook" ON "webhook_delivery"  ("webhook_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "url" character varying(2000) NOT NULL, "secret" character varying(200) NOT NULL, "event_types" text array NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6765510c2d078db49632b59020" PRIMARY KEY ("id"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "webhook"');
    await queryRunner.query('DROP INDEX "public"."ix_webhook_delivery_webhook"');
    await queryRunner.query('DROP INDEX "public"."ix_webhook_delivery_status"');
    await queryRunner.query('DROP TABLE "webhook_delivery"');
  }
}
