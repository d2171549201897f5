import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationPreferencesAndMailOutbox1796410265466 implements MigrationInterface {
  name = 'NotificationPreferencesAndMailOutbox1796410265466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"notification_preference\" (\"user_id\" uuid NOT NULL, \"kind\" character varying(40) NOT NULL, \"channel\" character varying(20) NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_0f7529aefc65bd035491bb755bf\" PRIMARY KEY (\"user_id\", \"kind\"))");
    await queryRunner.query("CREATE TABLE \"mail_outbox\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"notification_id\" uuid NOT NULL, \"user_id\" uuid NOT NULL, \"mode\" character varying(10) NOT NULL, \"status\" character varying(10) NOT NULL DEFAULT 'pending', \"attempts\" integer NOT NULL DEFAULT '0', \"last_error\" text, \"job_id\" uuid, \"message_id\" character varying(300), \"sent_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_fecc63c96385bc35a39ccf2a72e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_mail_outbox_pending\" ON \"mail_outbox\"  (\"mode\", \"status\", \"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_mail_outbox_notification\" ON \"mail_outbox\"  (\"notification_id\") ");
    await queryRunner.query("ALTER TABLE \"mail_outbox\" ADD CONSTRAINT \"FK_ccd4f75bc385ba831fb6ab8d7aa\" FOREIGN KEY (\"notification_id\") REFERENCES \"notification\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"mail_outbox\" DROP CONSTRAINT \"FK_ccd4f75bc385ba831fb6ab8d7aa\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_mail_outbox_notification\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_mail_outbox_pending\"");
    await queryRunner.query("DROP TABLE \"mail_outbox\"");
    await queryRunner.query("DROP TABLE \"notification_preference\"");
  }
}
