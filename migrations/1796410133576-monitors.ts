import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Monitors1796410133576 implements MigrationInterface {
  name = 'Monitors1796410133576';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"data_source\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"name\" character varying(100) NOT NULL, \"kind\" character varying(16) NOT NULL, \"host\" character varying(255), \"port\" integer, \"database\" character varying(255), \"user_name\" character varying(255), \"ssl\" boolean NOT NULL DEFAULT false, \"path\" character varying(1000), \"password_sealed\" text, \"statement_timeout_ms\" integer NOT NULL DEFAULT '30000', \"row_limit\" integer NOT NULL DEFAULT '50000', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_9775f6b6312a926ed37d3af7d95\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_data_source_name\" ON \"data_source\"  (\"name\") ");
    await queryRunner.query("CREATE TABLE \"monitor\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"artifact_id\" uuid NOT NULL, \"source_id\" uuid NOT NULL, \"name\" character varying(200) NOT NULL, \"sql\" text NOT NULL, \"schedule\" character varying(100) NOT NULL, \"seasonality\" character varying(16) NOT NULL DEFAULT 'auto', \"sensitivity\" double precision NOT NULL DEFAULT '0.5', \"min_change\" double precision, \"evaluate_last\" integer NOT NULL DEFAULT '7', \"active\" boolean NOT NULL DEFAULT true, \"next_run_at\" TIMESTAMP WITH TIME ZONE, \"lease_until\" TIMESTAMP WITH TIME ZONE, \"lease_run_id\" uuid, \"created_by\" uuid, \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_2206b1127c3617bd63373acba74\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_monitor_due\" ON \"monitor\"  (\"active\", \"next_run_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_monitor_artifact\" ON \"monitor\"  (\"artifact_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"monitor_run\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"monitor_id\" uuid NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'queued', \"trigger\" character varying(16) NOT NULL, \"queued_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"started_at\" TIMESTAMP WITH TIME ZONE, \"finished_at\" TIMESTAMP WITH TIME ZONE, \"error\" text, \"points\" integer NOT NULL DEFAULT '0', \"segments\" integer NOT NULL DEFAULT '0', \"anomalies\" integer NOT NULL DEFAULT '0', \"suppressed\" integer NOT NULL DEFAULT '0', \"enough_history\" boolean NOT NULL DEFAULT false, \"history_note\" text, \"period\" integer, \"investigation_id\" integer, \"ran_by\" character varying(200), CONSTRAINT \"PK_99ec358f0afcb99d457554fa8e5\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_monitor_run_monitor\" ON \"monitor_run\"  (\"monitor_id\", \"queued_at\") ");
    await queryRunner.query("CREATE TABLE \"monitor_observation\" (\"id\" BIGSERIAL NOT NULL, \"run_id\" uuid NOT NULL, \"monitor_id\" uuid NOT NULL, \"segment\" character varying(200) NOT NULL DEFAULT '', \"ts\" TIMESTAMP WITH TIME ZONE NOT NULL, \"value\" double precision NOT NULL, \"expected\" double precision, \"lower\" double precision, \"upper\" double precision, \"anomaly\" boolean NOT NULL DEFAULT false, \"suppressed\" boolean NOT NULL DEFAULT false, \"severity\" character varying(10), CONSTRAINT \"PK_14ab83e59c2f1d25321e03b90ae\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_monitor_observation_run\" ON \"monitor_observation\"  (\"run_id\", \"segment\", \"ts\") ");
    await queryRunner.query("CREATE TABLE \"monitor_anomaly\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"monitor_id\" uuid NOT NULL, \"run_id\" uuid NOT NULL, \"investigation_id\" integer, \"segment\" character varying(200) NOT NULL DEFAULT '', \"ts\" TIMESTAMP WITH TIME ZONE NOT NULL, \"value\" double precision NOT NULL, \"expected\" double precision, \"lower\" double precision, \"upper\" double precision, \"severity\" character varying(10) NOT NULL, \"suppressed\" boolean NOT NULL DEFAULT false, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_47256c3830dbf36dcfe1c2893dd\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_monitor_anomaly_investigation\" ON \"monitor_anomaly\"  (\"investigation_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_monitor_anomaly_point\" ON \"monitor_anomaly\"  (\"monitor_id\", \"segment\", \"ts\") ");
    await queryRunner.query("ALTER TABLE \"caveat\" ADD \"recurrence\" jsonb");
    await queryRunner.query("ALTER TABLE \"investigation\" ADD \"monitor_id\" uuid");
    await queryRunner.query("CREATE INDEX \"ix_investigation_monitor\" ON \"investigation\"  (\"monitor_id\", \"status\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_investigation_monitor\"");
    await queryRunner.query("ALTER TABLE \"investigation\" DROP COLUMN \"monitor_id\"");
    await queryRunner.query("ALTER TABLE \"caveat\" DROP COLUMN \"recurrence\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_monitor_anomaly_point\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_monitor_anomaly_investigation\"");
    await queryRunner.query("DROP TABLE \"monitor_anomaly\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_monitor_observation_run\"");
    await queryRunner.query("DROP TABLE \"monitor_observation\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_monitor_run_monitor\"");
    await queryRunner.query("DROP TABLE \"monitor_run\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_monitor_artifact\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_monitor_due\"");
    await queryRunner.query("DROP TABLE \"monitor\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_data_source_name\"");
    await queryRunner.query("DROP TABLE \"data_source\"");
  }
}
