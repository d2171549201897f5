import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's full-text search reads a stored, indexed document per artifact. It spans the
 * artifact and its caveats (another table), so it cannot be a generated column: triggers keep it,
 * in the same transaction as every artifact and caveat write (imports and the demo included).
 */
export class ArtifactSearch1796356865477 implements MigrationInterface {
  name = 'ArtifactSearch1796356865477';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "artifact" ADD "search" tsvector`);
    await queryRunner.query(`
      CREATE FUNCTION artifact_search_document(p_id uuid, p_name text, p_description text, p_details jsonb)
      RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('english', coalesce(p_name, '')), 'A')
            || setweight(to_tsvector('english', concat_ws(' ', p_details->>'definition', p_details->>'formula', p_details->>'question')), 'B')
            || setweight(to_tsvector('english', coalesce((SELECT string_agg(c.text, ' ' ORDER BY c.created_at, c.id) FROM caveat c WHERE c.artifact_id = p_id), '')), 'C')
            || setweight(to_tsvector('english', concat_ws(' ', p_description, p_details->>'grain', p_details->>'location', p_details->>'refresh', p_details->>'link')), 'D')
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION artifact_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search := artifact_search_document(NEW.id, NEW.name, NEW.description, NEW.details);
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER artifact_search_refresh BEFORE INSERT OR UPDATE OF "name", "description", "details" ON "artifact"
      FOR EACH ROW EXECUTE FUNCTION artifact_search_refresh()`);
    await queryRunner.query(`
      CREATE FUNCTION caveat_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids uuid[];
      BEGIN
        IF TG_OP = 'INSERT' THEN ids := ARRAY[NEW.artifact_id];
        ELSIF TG_OP = 'DELETE' THEN ids := ARRAY[OLD.artifact_id];
        ELSE ids := ARRAY[NEW.artifact_id, OLD.artifact_id];
        END IF;
        UPDATE "artifact" a SET search = artifact_search_document(a.id, a.name, a.description, a.details)
         WHERE a.id = ANY(ids);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER caveat_search_refresh AFTER INSERT OR DELETE OR UPDATE OF "text", "artifact_id" ON "caveat"
      FOR EACH ROW EXECUTE FUNCTION caveat_search_refresh()`);
    await queryRunner.query(
      `UPDATE "artifact" a SET search = artifact_search_document(a.id, a.name, a.description, a.details)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_artifact_search" ON "artifact" USING gin ("search")`);
    await queryRunner.query(`ANALYZE "artifact"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_artifact_search"`);
    await queryRunner.query(`DROP TRIGGER caveat_search_refresh ON "caveat"`);
    await queryRunner.query(`DROP FUNCTION caveat_search_refresh()`);
    await queryRunner.query(`DROP TRIGGER artifact_search_refresh ON "artifact"`);
    await queryRunner.query(`DROP FUNCTION artifact_search_refresh()`);
    await queryRunner.query(`DROP FUNCTION artifact_search_document(uuid, text, text, jsonb)`);
    await queryRunner.query(`ALTER TABLE "artifact" DROP COLUMN "search"`);
  }
}
