import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Text search reads a stored tsvector instead of recomputing it per row, and a search for a common
 * word walks investigations newest first (ix_investigation_reported) and stops after one page, so
 * neither grows with the number of investigations.
 */
export class InvestigationSearch1796018031212 implements MigrationInterface {
  name = 'InvestigationSearch1796018031212';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const document = `to_tsvector('english', "title" || ' ' || "observed" || ' ' || coalesce("resolution", ''))`;
    await queryRunner.query(
      `ALTER TABLE "investigation" ADD "search" tsvector GENERATED ALWAYS AS (${document}) STORED NOT NULL`,
    );
    // TypeORM compares generated columns through typeorm_metadata, keyed by database and schema.
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value")
       VALUES (current_database(), current_schema(), 'investigation', 'GENERATED_COLUMN', 'search', $1)`,
      [document],
    );
    await queryRunner.query(`DROP INDEX "ix_investigation_fts"`);
    await queryRunner.query(`CREATE INDEX "ix_investigation_search" ON "investigation" USING gin ("search")`);
    await queryRunner.query(`CREATE INDEX "ix_investigation_reported" ON "investigation" ("reported_at", "id")`);
    // Statistics for the new column at once: without them the planner guesses how common a word
    // is, and a wrong guess picks the slow plan until autovacuum analyzes the table.
    await queryRunner.query(`ANALYZE "investigation"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_investigation_reported"`);
    await queryRunner.query(`DROP INDEX "ix_investigation_search"`);
    await queryRunner.query(`
      CREATE INDEX "ix_investigation_fts" ON "investigation" USING gin (
        to_tsvector('english', "title" || ' ' || "observed" || ' ' || coalesce("resolution", ''))
      )`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search' AND "table" = 'investigation'
         AND "database" = current_database() AND "schema" = current_schema()`,
    );
    await queryRunner.query(`ALTER TABLE "investigation" DROP COLUMN "search"`);
  }
}
