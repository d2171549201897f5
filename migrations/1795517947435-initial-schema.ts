import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795517947435 implements MigrationInterface {
  name = 'InitialSchema1795517947435';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"artifact\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"domain_id\" uuid NOT NULL, \"type\" character varying(16) NOT NULL, \"name\" character varying(200) NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'draft', \"description\" text NOT NULL DEFAULT '', \"details\" jsonb NOT NULL DEFAULT '{}', \"owner_id\" uuid, \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1f238d1d4ef8f85d0c0b8616fa3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_artifact_domain\" ON \"artifact\"  (\"domain_id\", \"type\", \"status\") ");
    await queryRunner.query("CREATE TABLE \"caveat\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"artifact_id\" uuid NOT NULL, \"text\" text NOT NULL, \"investigation_id\" integer, \"author_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_54331858ff130ff43948edc0bf6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_caveat_artifact\" ON \"caveat\"  (\"artifact_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"audit_event\" (\"id\" BIGSERIAL NOT NULL, \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"actor_id\" uuid, \"action\" character varying(80) NOT NULL, \"entity_type\" character varying(40) NOT NULL, \"entity_id\" character varying(80) NOT NULL, \"domain_id\" uuid, \"before\" jsonb, \"after\" jsonb, \"request_id\" character varying(64), CONSTRAINT \"PK_481efbe8b0a403efe3f47a6528f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_audit_event_at\" ON \"audit_event\"  (\"at\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_event_action\" ON \"audit_event\"  (\"action\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_event_domain\" ON \"audit_event\"  (\"domain_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_event_actor\" ON \"audit_event\"  (\"actor_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_event_entity\" ON \"audit_event\"  (\"entity_type\", \"entity_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"domain_member\" (\"domain_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"role\" character varying(20) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_346adc69fe959739a5b56c310b2\" PRIMARY KEY (\"domain_id\", \"user_id\", \"role\"))");
    await queryRunner.query("CREATE INDEX \"ix_domain_member_user\" ON \"domain_member\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"domain\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"key\" character varying(10) NOT NULL, \"name\" character varying(200) NOT NULL, \"description\" text NOT NULL DEFAULT '', \"stage\" character varying(16) NOT NULL DEFAULT 'specs', \"phase_entered_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_activity_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"held\" boolean NOT NULL DEFAULT false, \"hold_reason\" text, \"at_risk\" boolean NOT NULL DEFAULT false, \"at_risk_reason\" text, \"auto_advance\" boolean NOT NULL DEFAULT false, \"thresholds\" jsonb NOT NULL DEFAULT '{}', \"ticket_seq\" integer NOT NULL DEFAULT '0', \"gate_round\" integer NOT NULL DEFAULT '1', \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_27e3ec3ea0ae02c8c5bceab3ba9\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_domain_key\" ON \"domain\"  (\"key\") ");
    await queryRunner.query("CREATE INDEX \"ix_domain_stage\" ON \"domain\"  (\"stage\", \"key\") ");
    await queryRunner.query("CREATE TABLE \"sign_off\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"domain_id\" uuid NOT NULL, \"phase\" character varying(16) NOT NULL, \"round\" integer NOT NULL, \"role\" character varying(20) NOT NULL, \"user_id\" uuid NOT NULL, \"decision\" character varying(10) NOT NULL, \"comment\" text NOT NULL DEFAULT '', \"evidence\" jsonb NOT NULL, \"stale_at\" TIMESTAMP WITH TIME ZONE, \"stale_reason\" text, \"superseded_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_8167fd6587864e42305c5ff9c8e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_sign_off_user\" ON \"sign_off\"  (\"user_id\", \"created_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_sign_off_round\" ON \"sign_off\"  (\"domain_id\", \"phase\", \"round\") ");
    await queryRunner.query("CREATE TABLE \"waiver\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"domain_id\" uuid NOT NULL, \"phase\" character varying(16) NOT NULL, \"criterion\" character varying(60) NOT NULL, \"reason\" text NOT NULL, \"user_id\" uuid NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_40563291fc45d5a7536818be6d3\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_waiver_domain\" ON \"waiver\"  (\"domain_id\", \"phase\") ");
    await queryRunner.query("CREATE TABLE \"notification\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"kind\" character varying(40) NOT NULL, \"domain_id\" uuid, \"entity_type\" character varying(40) NOT NULL, \"entity_id\" character varying(80) NOT NULL, \"message\" text NOT NULL, \"read_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_705b6c7cdf9b2c2ff7ac7872cb7\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_notification_user\" ON \"notification\"  (\"user_id\", \"read_at\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"setting\" (\"key\" character varying(60) NOT NULL, \"value\" jsonb NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_1c4c95d773004250c157a744d6e\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE TABLE \"comment\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"subject_type\" character varying(20) NOT NULL, \"subject_id\" character varying(40) NOT NULL, \"domain_id\" uuid NOT NULL, \"author_id\" uuid, \"body\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0b0e4bbc8415ec426f87f3a88e2\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_comment_subject\" ON \"comment\"  (\"subject_type\", \"subject_id\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"ticket\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"domain_id\" uuid NOT NULL, \"number\" integer NOT NULL, \"key\" character varying(24) NOT NULL, \"kind\" character varying(20) NOT NULL, \"title\" character varying(300) NOT NULL, \"body\" text NOT NULL DEFAULT '', \"phase\" character varying(16) NOT NULL, \"status\" character varying(16) NOT NULL DEFAULT 'open', \"priority\" character varying(10) NOT NULL DEFAULT 'medium', \"assignee_id\" uuid, \"reporter_id\" uuid, \"due_date\" date, \"labels\" text array NOT NULL DEFAULT '{}', \"artifact_ids\" uuid array NOT NULL DEFAULT '{}', \"investigation_id\" integer, \"version\" integer NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d9a0835407701eb86f874474b7c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_ticket_key\" ON \"ticket\"  (\"key\") ");
    await queryRunner.query("CREATE INDEX \"ix_ticket_investigation\" ON \"ticket\"  (\"investigation_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_ticket_assignee\" ON \"ticket\"  (\"assignee_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_ticket_domain_phase_status\" ON \"ticket\"  (\"domain_id\", \"phase\", \"status\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_ticket_domain_number\" ON \"ticket\"  (\"domain_id\", \"number\") ");
    await queryRunner.query("CREATE TABLE \"api_token\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"name\" character varying(200) NOT NULL, \"prefix\" character varying(16) NOT NULL, \"token_hash\" character varying(64) NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"expires_at\" TIMESTAMP WITH TIME ZONE, \"revoked_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"PK_d862311c568d175c26f41bc6f98\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_api_token_user\" ON \"api_token\"  (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_api_token_hash\" ON \"api_token\"  (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"session\" (\"id_hash\" character varying(64) NOT NULL, \"user_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_e9476905e96fde31ad0ba43b1d3\" PRIMARY KEY (\"id_hash\"))");
    await queryRunner.query("CREATE INDEX \"ix_session_user\" ON \"session\"  (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"user\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"email\" character varying(320) NOT NULL, \"name\" character varying(200) NOT NULL, \"password_hash\" character varying(300) NOT NULL, \"role\" character varying(16) NOT NULL DEFAULT 'member', \"active\" boolean NOT NULL DEFAULT true, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cace4a159ff9f2512dd42373760\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_user_email\" ON \"user\"  (\"email\") ");
    await queryRunner.query("CREATE TABLE \"investigation\" (\"id\" SERIAL NOT NULL, \"domain_id\" uuid NOT NULL, \"title\" character varying(300) NOT NULL, \"observed\" text NOT NULL, \"expected\" text NOT NULL DEFAULT '', \"artifact_id\" uuid, \"severity\" character varying(10) NOT NULL DEFAULT 'medium', \"status\" character varying(16) NOT NULL DEFAULT 'reported', \"reporter_id\" uuid, \"investigator_id\" uuid, \"root_cause\" character varying(40), \"resolution\" text, \"dismiss_reason\" text, \"reported_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"triaged_at\" TIMESTAMP WITH TIME ZONE, \"closed_at\" TIMESTAMP WITH TIME ZONE, \"version\" integer NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_a1d955a5e1def7627f4e30076bb\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_investigation_investigator\" ON \"investigation\"  (\"investigator_id\", \"status\") ");
    await queryRunner.query("CREATE INDEX \"ix_investigation_status\" ON \"investigation\"  (\"status\", \"severity\") ");
    await queryRunner.query("CREATE INDEX \"ix_investigation_domain_reported\" ON \"investigation\"  (\"domain_id\", \"reported_at\") ");
    await queryRunner.query("CREATE TABLE \"root_cause\" (\"key\" character varying(40) NOT NULL, \"label\" character varying(200) NOT NULL, \"retired\" boolean NOT NULL DEFAULT false, \"position\" integer NOT NULL DEFAULT '0', CONSTRAINT \"PK_67efa4dd6d0c67667ec32aa503c\" PRIMARY KEY (\"key\"))");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"root_cause\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_investigation_domain_reported\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_investigation_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_investigation_investigator\"");
    await queryRunner.query("DROP TABLE \"investigation\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_user_email\"");
    await queryRunner.query("DROP TABLE \"user\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_session_user\"");
    await queryRunner.query("DROP TABLE \"session\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_api_token_hash\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_api_token_user\"");
    await queryRunner.query("DROP TABLE \"api_token\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_ticket_domain_number\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_ticket_domain_phase_status\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_ticket_assignee\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_ticket_investigation\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_ticket_key\"");
    await queryRunner.query("DROP TABLE \"ticket\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_comment_subject\"");
    await queryRunner.query("DROP TABLE \"comment\"");
    await queryRunner.query("DROP TABLE \"setting\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_notification_user\"");
    await queryRunner.query("DROP TABLE \"notification\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_waiver_domain\"");
    await queryRunner.query("DROP TABLE \"waiver\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_sign_off_round\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_sign_off_user\"");
    await queryRunner.query("DROP TABLE \"sign_off\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_domain_stage\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_domain_key\"");
    await queryRunner.query("DROP TABLE \"domain\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_domain_member_user\"");
    await queryRunner.query("DROP TABLE \"domain_member\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_event_entity\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_event_actor\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_event_domain\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_event_action\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_event_at\"");
    await queryRunner.query("DROP TABLE \"audit_event\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_caveat_artifact\"");
    await queryRunner.query("DROP TABLE \"caveat\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_artifact_domain\"");
    await queryRunner.query("DROP TABLE \"artifact\"");
  }
}
