import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RateLimitHit1796020424287 implements MigrationInterface {
  name = 'RateLimitHit1796020424287';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"rate_limit_hit\" (\"key\" character varying(200) NOT NULL, \"hits\" integer NOT NULL, \"reset_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"PK_73c4304880bc392adaa50e99ebf\" PRIMARY KEY (\"key\"))");
    await queryRunner.query("CREATE INDEX \"ix_rate_limit_hit_reset_at\" ON \"rate_limit_hit\"  (\"reset_at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"ix_rate_limit_hit_reset_at\"");
    await queryRunner.query("DROP TABLE \"rate_limit_hit\"");
  }
}
