import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportedRecord1796245237404 implements MigrationInterface {
  name = 'ImportedRecord1796245237404';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"imported_record\" (\"id\" BIGSERIAL NOT NULL, \"domain_id\" uuid NOT NULL, \"kind\" character varying(16) NOT NULL, \"source_instance\" character varying(200) NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"person\" jsonb, \"record\" jsonb NOT NULL, \"imported_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_006128bd0ddca72587232a3f5af\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"ix_imported_record_domain\" ON \"imported_record\"  (\"domain_id\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_imported_record_domain\"");
    await queryRunner.query("DROP TABLE \"imported_record\"");
  }
}
