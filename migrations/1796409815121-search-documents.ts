import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words the search box (GET /search) matches as one types: a generated `simple` tsvector per
 * domain, ticket, person, artifact name and investigation title, each with a GIN index, and
 * newest-first indexes the text matches walk for a common word.
 */
export class SearchDocuments1796409815121 implements MigrationInterface {
  name = 'SearchDocuments1796409815121';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "artifact" ADD "name_words" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "name")) STORED NOT NULL',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)',
      ['artifact', 'GENERATED_COLUMN', 'name_words', 'to_tsvector(\'simple\', "name")'],
    );
    await queryRunner.query(
      'ALTER TABLE "domain" ADD "words" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "key" || \' \' || "name" || \' \' || "description")) STORED NOT NULL',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)',
      [
        'domain',
        'GENERATED_COLUMN',
        'words',
        'to_tsvector(\'simple\', "key" || \' \' || "name" || \' \' || "description")',
      ],
    );
    await queryRunner.query(
      'ALTER TABLE "ticket" ADD "words" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "title" || \' \' || "body")) STORED NOT NULL',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)',
      ['ticket', 'GENERATED_COLUMN', 'words', 'to_tsvector(\'simple\', "title" || \' \' || "body")'],
    );
    await queryRunner.query(
      'ALTER TABLE "user" ADD "words" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "name" || \' \' || split_part("email", \'@\', 1))) STORED NOT NULL',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)',
      ['user', 'GENERATED_COLUMN', 'words', "to_tsvector('simple', \"name\" || ' ' || split_part(\"email\", '@', 1))"],
    );
    await queryRunner.query(
      'ALTER TABLE "investigation" ADD "title_words" tsvector GENERATED ALWAYS AS (to_tsvector(\'simple\', "title")) STORED NOT NULL',
    );
    await queryRunner.query(
      'INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), current_schema(), $1, $2, $3, $4)',
      ['investigation', 'GENERATED_COLUMN', 'title_words', 'to_tsvector(\'simple\', "title")'],
    );
    await queryRunner.query('CREATE INDEX "ix_artifact_created" ON "artifact"  ("created_at", "id") ');
    await queryRunner.query('CREATE INDEX "ix_ticket_created" ON "ticket"  ("created_at", "id") ');
    await queryRunner.query('CREATE INDEX "ix_user_created" ON "user"  ("created_at", "id") ');
    // GIN over the generated documents (TypeORM cannot say USING gin), then fresh statistics so the
    // planner knows how common a word is from the start.
    await queryRunner.query(`CREATE INDEX "ix_domain_words" ON "domain" USING gin ("words")`);
    await queryRunner.query(`CREATE INDEX "ix_ticket_words" ON "ticket" USING gin ("words")`);
    await queryRunner.query(`CREATE INDEX "ix_user_words" ON "user" USING gin ("words")`);
    await queryRunner.query(`CREATE INDEX "ix_artifact_name_words" ON "artifact" USING gin ("name_words")`);
    await queryRunner.query(`CREATE INDEX "ix_investigation_title_words" ON "investigation" USING gin ("title_words")`);
    await queryRunner.query(`ANALYZE "domain"`);
    await queryRunner.query(`ANALYZE "ticket"`);
    await queryRunner.query(`ANALYZE "user"`);
    await queryRunner.query(`ANALYZE "artifact"`);
    await queryRunner.query(`ANALYZE "investigation"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_investigation_title_words"`);
    await queryRunner.query(`DROP INDEX "ix_artifact_name_words"`);
    await queryRunner.query(`DROP INDEX "ix_user_words"`);
    await queryRunner.query(`DROP INDEX "ix_ticket_words"`);
    await queryRunner.query(`DROP INDEX "ix_domain_words"`);
    await queryRunner.query('DROP INDEX "public"."ix_user_created"');
    await queryRunner.query('DROP INDEX "public"."ix_ticket_created"');
    await queryRunner.query('DROP INDEX "public"."ix_artifact_created"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3',
      ['GENERATED_COLUMN', 'title_words', 'investigation'],
    );
    await queryRunner.query('ALTER TABLE "investigation" DROP COLUMN "title_words"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3',
      ['GENERATED_COLUMN', 'words', 'user'],
    );
    await queryRunner.query('ALTER TABLE "user" DROP COLUMN "words"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3',
      ['GENERATED_COLUMN', 'words', 'ticket'],
    );
    await queryRunner.query('ALTER TABLE "ticket" DROP COLUMN "words"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3',
      ['GENERATED_COLUMN', 'words', 'domain'],
    );
    await queryRunner.query('ALTER TABLE "domain" DROP COLUMN "words"');
    await queryRunner.query(
      'DELETE FROM "typeorm_metadata" WHERE "type" = $1 AND "name" = $2 AND "database" = current_database() AND "schema" = current_schema() AND "table" = $3',
      ['GENERATED_COLUMN', 'name_words', 'artifact'],
    );
    await queryRunner.query('ALTER TABLE "artifact" DROP COLUMN "name_words"');
  }
}
