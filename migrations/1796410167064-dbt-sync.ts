import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DbtSync1796410167064 implements MigrationInterface {
  name = 'DbtSync1796410167064';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"dbt_test\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"domain_id\" uuid NOT NULL, \"test_unique_id\" character varying(512) NOT NULL, \"test_name\" character varying(300) NOT NULL, \"artifact_id\" uuid, \"last_status\" character varying(16) NOT NULL, \"failing\" boolean NOT NULL DEFAULT false, \"investigation_id\" integer, \"offered_for_resolution_at\" TIMESTAMP WITH TIME ZONE, \"last_seen_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_0a781500740356fb5ec2aec18a2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_dbt_test_failing\" ON \"dbt_test\"  (\"domain_id\", \"failing\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_dbt_test_domain_test\" ON \"dbt_test\"  (\"domain_id\", \"test_unique_id\") ");
    await queryRunner.query("CREATE TABLE \"dbt_test_occurrence\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"dbt_test_id\" uuid NOT NULL, \"investigation_id\" integer, \"invocation_id\" character varying(100) NOT NULL, \"status\" character varying(16) NOT NULL, \"failures\" integer, \"message\" text NOT NULL DEFAULT '', \"recorded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_6dd9357d8a28d3bf5982fd56c91\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_dbt_test_occurrence_run\" ON \"dbt_test_occurrence\"  (\"dbt_test_id\", \"invocation_id\") ");
    await queryRunner.query("ALTER TABLE \"artifact\" ADD \"dbt_unique_id\" character varying(512)");
    await queryRunner.query("ALTER TABLE \"artifact\" ADD \"dbt_source\" jsonb");
    await queryRunner.query("ALTER TABLE \"domain\" ADD \"dbt_selector\" jsonb");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_artifact_dbt_unique_id\" ON \"artifact\"  (\"domain_id\", \"dbt_unique_id\") WHERE dbt_unique_id IS NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"uq_artifact_dbt_unique_id\"");
    await queryRunner.query("ALTER TABLE \"domain\" DROP COLUMN \"dbt_selector\"");
    await queryRunner.query("ALTER TABLE \"artifact\" DROP COLUMN \"dbt_source\"");
    await queryRunner.query("ALTER TABLE \"artifact\" DROP COLUMN \"dbt_unique_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_dbt_test_occurrence_run\"");
    await queryRunner.query("DROP TABLE \"dbt_test_occurrence\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_dbt_test_domain_test\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_dbt_test_failing\"");
    await queryRunner.query("DROP TABLE \"dbt_test\"");
  }
}
