import { invalid } from '../../http/app-error';
import type { Artifact } from '../artifacts/artifact.entity';
import type { UpdateArtifactDto } from '../artifacts/artifacts.dto';
import { DBT_OWNED_DETAILS } from './dbt-mapping';

/**
 * An artifact synced from dbt takes its name, description, owner and the type's dbt details from
 * the dbt project: an edit that would change one of them is a 400 naming each field, because the
 * next sync would silently undo it. Status, caveats and the other details stay Cairn's.
 */
export function assertNotDbtOwned(artifact: Artifact, input: Omit<UpdateArtifactDto, 'version'>): void {
  if (!artifact.dbtUniqueId) return;
  const message = `is owned by dbt (${artifact.dbtUniqueId}); change it in the dbt project and sync`;
  const errors: { field: string; message: string }[] = [];
  if (input.name !== undefined && input.name.trim() !== artifact.name) errors.push({ field: 'name', message });
  if (input.description !== undefined && input.description.trim() !== artifact.description.trim())
    errors.push({ field: 'description', message });
  if (input.ownerId !== undefined && input.ownerId !== artifact.ownerId) errors.push({ field: 'ownerId', message });
  for (const key of DBT_OWNED_DETAILS[artifact.type]) {
    if (input.details === undefined) break;
    const now = (artifact.details[key] ?? '').trim();
    const next = typeof input.details[key] === 'string' ? String(input.details[key]).trim() : '';
    if (now !== next) errors.push({ field: `details.${key}`, message });
  }
  if (errors.length) throw invalid(`These fields are owned by dbt: ${errors.map((e) => e.field).join(', ')}.`, errors);
}
