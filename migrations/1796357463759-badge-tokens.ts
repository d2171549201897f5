import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public badges: every artifact and domain gets a random token that its badge URLs must carry; a
 * lead rotates it. The default is volatile, so existing rows get one each too.
 */
export class BadgeTokens1796357463759 implements MigrationInterface {
  name = 'BadgeTokens1796357463759';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // 244 random bits (two v4 UUIDs) as 64 hex digits; gen_random_uuid is built in from PostgreSQL 13
    await queryRunner.query(`
      CREATE FUNCTION new_badge_token() RETURNS varchar LANGUAGE sql VOLATILE AS $$
        SELECT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
      $$`);
    await queryRunner.query(
      `ALTER TABLE "artifact" ADD "badge_token" character varying(64) NOT NULL DEFAULT new_badge_token()`,
    );
    await queryRunner.query(
      `ALTER TABLE "domain" ADD "badge_token" character varying(64) NOT NULL DEFAULT new_badge_token()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domain" DROP COLUMN "badge_token"`);
    await queryRunner.query(`ALTER TABLE "artifact" DROP COLUMN "badge_token"`);
    await queryRunner.query(`DROP FUNCTION new_badge_token()`);
  }
}
