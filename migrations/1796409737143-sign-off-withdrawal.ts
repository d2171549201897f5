import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SignOffWithdrawal1796409737143 implements MigrationInterface {
  name = 'SignOffWithdrawal1796409737143';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sign_off\" ADD \"withdrawn_at\" TIMESTAMP WITH TIME ZONE");
    await queryRunner.query("ALTER TABLE \"sign_off\" ADD \"withdraw_reason\" text");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"sign_off\" DROP COLUMN \"withdraw_reason\"");
    await queryRunner.query("ALTER TABLE \"sign_off\" DROP COLUMN \"withdrawn_at\"");
  }
}
