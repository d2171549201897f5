import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GateRoundsAndRisk1796238150842 implements MigrationInterface {
  name = 'GateRoundsAndRisk1796238150842';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "gate_addition" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "domain_id" uuid NOT NULL, "phase" character varying(16) NOT NULL, "kind" character varying(10) NOT NULL, "value" character varying(60) NOT NULL, "reason" text NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, "removed_by" uuid, "remove_reason" text, CONSTRAINT "PK_7884d5e19205654891077231d80" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_gate_addition_domain" ON "gate_addition"  ("domain_id", "phase") ');
    await queryRunner.query(
      'CREATE TABLE "gate_round" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "domain_id" uuid NOT NULL, "phase" character varying(16) NOT NULL, "round" integer NOT NULL, "required_roles" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5a1226156c018d1cef14621c20f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_gate_round" ON "gate_round"  ("domain_id", "phase", "round") ');
    await queryRunner.query('ALTER TABLE "domain" ADD "risk_acknowledged_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "domain" ADD "risk_acknowledged_by" uuid');
    await queryRunner.query('ALTER TABLE "domain" ADD "risk_note" text');
    await queryRunner.query('ALTER TABLE "domain" ADD "certified_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "domain" ADD "review_requested_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "sign_off" ADD "overridden_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "sign_off" ADD "overridden_by" uuid');
    await queryRunner.query('ALTER TABLE "sign_off" ADD "override_reason" text');
    // Data: certified domains start their review clock when they entered certified, and each open
    // round gets its requirements fixed as the definition of this release reads them from today's members.
    await queryRunner.query('UPDATE "domain" SET certified_at = phase_entered_at WHERE stage = \'certified\'');
    await queryRunner.query(`INSERT INTO gate_round (domain_id, phase, round, required_roles, opened_at)
      SELECT d.id, d.stage, d.gate_round,
             CASE WHEN d.stage = 'specs' THEN '["ds_lead"]'::jsonb
                  WHEN d.stage = 'confidence' AND EXISTS (SELECT 1 FROM domain_member m WHERE m.domain_id = d.id AND m.role = 'sponsor')
                    THEN '["ds_lead","product_lead","sponsor"]'::jsonb
                  ELSE '["ds_lead","product_lead"]'::jsonb END,
             d.phase_entered_at
        FROM domain d WHERE d.stage <> 'certified'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "sign_off" DROP COLUMN "override_reason"');
    await queryRunner.query('ALTER TABLE "sign_off" DROP COLUMN "overridden_by"');
    await queryRunner.query('ALTER TABLE "sign_off" DROP COLUMN "overridden_at"');
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "review_requested_at"');
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "certified_at"');
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "risk_note"');
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "risk_acknowledged_by"');
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "risk_acknowledged_at"');
    await queryRunner.query('DROP INDEX "public"."uq_gate_round"');
    await queryRunner.query('DROP TABLE "gate_round"');
    await queryRunner.query('DROP INDEX "public"."ix_gate_addition_domain"');
    await queryRunner.query('DROP TABLE "gate_addition"');
  }
}
