import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Follow1796411475811 implements MigrationInterface {
  name = 'Follow1796411475811';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"follow\" (\"user_id\" uuid NOT NULL, \"subject_type\" character varying(20) NOT NULL, \"subject_id\" uuid NOT NULL, \"domain_id\" uuid NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_651e9dd1526beec753a59f5168c\" PRIMARY KEY (\"user_id\", \"subject_type\", \"subject_id\"))");
    await queryRunner.query("CREATE INDEX \"ix_follow_domain\" ON \"follow\"  (\"domain_id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_follow_domain\"");
    await queryRunner.query("DROP TABLE \"follow\"");
  }
}
