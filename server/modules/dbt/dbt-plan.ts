import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ArtifactStatus, ArtifactType } from '../../../shared/api/enums';
import type { DbtFieldChange, DbtPlan, DbtSelector, DbtSource } from '../../../shared/api/dbt';
import type { ParsedManifest } from './dbt-artifacts';
import { DBT_OWNED_DETAILS, selectedSpecs, type DbtArtifactSpec } from './dbt-mapping';

/** A dbt-synced artifact of the domain as stored. */
export interface StoredDbtArtifact {
  id: string;
  type: ArtifactType;
  name: string;
  status: ArtifactStatus;
  description: string;
  details: Record<string, string>;
  ownerId: string | null;
  ownerEmail: string | null;
  dbtUniqueId: string;
  dbtSource: Omit<DbtSource, 'ownedFields'>;
}

/** The values one artifact should have after the sync. */
export interface DesiredArtifact {
  spec: DbtArtifactSpec;
  details: Record<string, string>;
  ownerId: string | null;
  ownerEmail: string | null;
  source: Omit<DbtSource, 'ownedFields'>;
  /** a deprecated artifact that is back in dbt becomes a draft again */
  status: ArtifactStatus | null;
}

export interface ComputedPlan {
  plan: DbtPlan;
  create: DesiredArtifact[];
  change: { stored: StoredDbtArtifact; desired: DesiredArtifact; changes: DbtFieldChange[] }[];
  remove: StoredDbtArtifact[];
}

export async function loadDbtArtifacts(em: EntityManager, domainId: string): Promise<StoredDbtArtifact[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT a.id, a.type, a.name, a.status, a.description, a.details, a.owner_id, u.email AS owner_email,
            a.dbt_unique_id, a.dbt_source
       FROM artifact a LEFT JOIN "user" u ON u.id = a.owner_id
      WHERE a.domain_id = $1 AND a.dbt_unique_id IS NOT NULL`,
    [domainId],
  );
  return rows.map((row) => ({
    id: String(row.id),
    type: row.type as ArtifactType,
    name: String(row.name),
    status: row.status as ArtifactStatus,
    description: String(row.description),
    details: (row.details as Record<string, string>) ?? {},
    ownerId: (row.owner_id as string | null) ?? null,
    ownerEmail: (row.owner_email as string | null) ?? null,
    dbtUniqueId: String(row.dbt_unique_id),
    dbtSource: row.dbt_source as StoredDbtArtifact['dbtSource'],
  }));
}

/** Active users by lower-cased email, for the owners a manifest names (one query). */
async function usersByEmail(em: EntityManager, emails: string[]): Promise<Map<string, { id: string; email: string }>> {
  const wanted = [...new Set(emails.map((email) => email.toLowerCase()))];
  if (!wanted.length) return new Map();
  const rows: { id: string; email: string }[] = await em.query(
    `SELECT id, email FROM "user" WHERE active AND lower(email) = ANY($1)`,
    [wanted],
  );
  return new Map(rows.map((row) => [row.email.toLowerCase(), row]));
}

const columnsText = (columns: { name: string; description: string }[]): string =>
  columns.map((c) => (c.description ? `${c.name} (${c.description})` : c.name)).join(', ');

/** The fields a plan compares, each as the text a reviewer reads. */
function fieldsOf(value: {
  name: string;
  description: string;
  details: Record<string, string>;
  type: ArtifactType;
  ownerLabel: string;
  source: Omit<DbtSource, 'ownedFields'>;
  status: string | null;
}): Record<string, string> {
  const fields: Record<string, string> = { name: value.name, description: value.description };
  for (const key of DBT_OWNED_DETAILS[value.type]) fields[`details.${key}`] = value.details[key] ?? '';
  fields.owner = value.ownerLabel;
  fields['dbt.kind'] = value.source.kind ?? '';
  fields['dbt.label'] = value.source.label ?? '';
  fields['dbt.filters'] = value.source.filters.join('; ');
  fields['dbt.columns'] = columnsText(value.source.columns);
  fields['dbt.maturity'] = value.source.maturity ?? '';
  fields['dbt.path'] = value.source.path;
  fields['dbt.codeUrl'] = value.source.codeUrl ?? '';
  fields['dbt.packageName'] = value.source.packageName;
  if (value.status) fields.status = value.status;
  return fields;
}

const ownerLabel = (ownerEmail: string | null, ownerText: string | null): string => ownerEmail ?? ownerText ?? '';

/**
 * Compares the manifest's selected nodes with the domain's dbt-synced artifacts: created, changed
 * (field by field), unchanged, removed (they become deprecated). Pure apart from the two reads.
 */
export async function computePlan(
  em: EntityManager,
  domainId: string,
  manifest: ParsedManifest,
  selector: DbtSelector,
): Promise<ComputedPlan> {
  const specs = selectedSpecs(manifest, selector);
  const stored = await loadDbtArtifacts(em, domainId);
  const users = await usersByEmail(em, specs.map((spec) => spec.owner?.email ?? '').filter(Boolean));
  const byId = new Map(stored.map((artifact) => [artifact.dbtUniqueId, artifact]));
  const plan: DbtPlan = {
    dbtSchemaVersion: manifest.version,
    dbtVersion: manifest.dbtVersion,
    projectName: manifest.projectName,
    nodesInManifest: manifest.nodes.length,
    selected: specs.length,
    created: [],
    changed: [],
    unchanged: [],
    removed: [],
    warnings: [],
    planHash: '',
  };
  const result: ComputedPlan = { plan, create: [], change: [], remove: [] };
  const seen = new Set<string>();
  for (const spec of specs) {
    seen.add(spec.uniqueId);
    const user = spec.owner?.email ? users.get(spec.owner.email.toLowerCase()) : undefined;
    const ownerText = user ? null : spec.owner ? (spec.owner.name ?? spec.owner.email) : null;
    const source = { ...spec.source, ownerText };
    const existing = byId.get(spec.uniqueId);
    if (existing && existing.type !== spec.type) {
      plan.warnings.push(`${spec.uniqueId} was a ${existing.type} and is now a ${spec.type}: left unchanged`);
      continue;
    }
    // dbt's fields replace Cairn's; the type's other details (a dataset's refresh …) stay
    const details: Record<string, string> = {};
    for (const [key, value] of Object.entries(existing?.details ?? {}))
      if (!DBT_OWNED_DETAILS[spec.type].includes(key)) details[key] = value;
    for (const [key, value] of Object.entries(spec.details)) if (value.trim()) details[key] = value.trim();
    const desired: DesiredArtifact = {
      spec,
      details,
      ownerId: user?.id ?? null,
      ownerEmail: user?.email ?? null,
      source,
      status: existing?.status === 'deprecated' ? 'draft' : null,
    };
    const after = fieldsOf({
      ...spec,
      details,
      ownerLabel: ownerLabel(desired.ownerEmail, ownerText),
      source,
      status: desired.status,
    });
    if (!existing) {
      result.create.push(desired);
      plan.created.push({
        uniqueId: spec.uniqueId,
        type: spec.type,
        name: spec.name,
        artifactId: null,
        changes: Object.entries(after)
          .filter(([, value]) => value)
          .map(([field, value]) => ({ field, before: '', after: value })),
        wasReady: false,
      });
      continue;
    }
    const before = fieldsOf({
      ...existing,
      ownerLabel: ownerLabel(existing.ownerEmail, existing.dbtSource.ownerText),
      source: existing.dbtSource,
      status: desired.status ? existing.status : null,
    });
    const changes = Object.keys(after)
      .filter((field) => (before[field] ?? '') !== after[field])
      .map((field) => ({ field, before: before[field] ?? '', after: after[field] }));
    if (!changes.length) {
      plan.unchanged.push({ uniqueId: spec.uniqueId, artifactId: existing.id, name: existing.name });
      continue;
    }
    result.change.push({ stored: existing, desired, changes });
    plan.changed.push({
      uniqueId: spec.uniqueId,
      type: spec.type,
      name: spec.name,
      artifactId: existing.id,
      changes,
      wasReady: existing.status === 'ready',
    });
  }
  for (const artifact of stored) {
    if (seen.has(artifact.dbtUniqueId) || artifact.status === 'deprecated') continue;
    result.remove.push(artifact);
    plan.removed.push({
      uniqueId: artifact.dbtUniqueId,
      type: artifact.type,
      name: artifact.name,
      artifactId: artifact.id,
      changes: [{ field: 'status', before: artifact.status, after: 'deprecated' }],
      wasReady: artifact.status === 'ready',
    });
  }
  plan.removed.sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1));
  plan.planHash = planHash(plan);
  return result;
}

/** A short fingerprint of what a plan would do, so an apply can insist on the plan that was reviewed. */
export function planHash(plan: DbtPlan): string {
  const digest = crypto.createHash('sha256');
  for (const list of [plan.created, plan.changed, plan.removed]) {
    for (const entry of list) digest.update(`${entry.uniqueId}\u0000${JSON.stringify(entry.changes)}\u0001`);
    digest.update('\u0002');
  }
  return digest.digest('hex').slice(0, 16);
}
