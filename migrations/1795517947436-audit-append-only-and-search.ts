import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the entities cannot say: the audit log refuses UPDATE and DELETE in the database itself,
 * investigations get a full-text index, and the default root causes exist.
 */
export class AuditAppendOnlyAndSearch1795517947436 implements MigrationInterface {
  name = 'AuditAppendOnlyAndSearch1795517947436';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "audit_event"
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);
    await queryRunner.query(`
      CREATE INDEX "ix_investigation_fts" ON "investigation" USING gin (
        to_tsvector('english', "title" || ' ' || "observed" || ' ' || coalesce("resolution", ''))
      )`);
    await queryRunner.query(`
      INSERT INTO "root_cause" ("key", "label", "position") VALUES
        ('data_bug', 'Data bug (pipeline/ETL error)', 1),
        ('collection_gap', 'Collection gap (data not collected)', 2),
        ('definition', 'Definition mismatch', 3),
        ('expected', 'Expected (real behaviour, misread)', 4),
        ('upstream_change', 'Upstream change', 5),
        ('unknown', 'Unknown', 6)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "root_cause"`);
    await queryRunner.query(`DROP INDEX "ix_investigation_fts"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON "audit_event"`);
    await queryRunner.query(`DROP TRIGGER audit_event_no_update_delete ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_append_only()`);
  }
}
