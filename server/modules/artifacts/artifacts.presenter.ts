import type { ArtifactView } from '../../../shared/api/tickets';
import type { DomainPermissions } from '../domains/domain-access';
import { ownedFieldsOf } from '../dbt/dbt-mapping';
import type { ArtifactRecord } from './artifacts.query';

/** The API view of an artifact, caveats included; `can` from the caller's permissions in its domain. */
export function presentArtifact(artifact: ArtifactRecord, permissions: DomainPermissions): ArtifactView {
  return {
    id: artifact.id,
    domainKey: artifact.domainKey,
    type: artifact.type,
    name: artifact.name,
    status: artifact.status,
    description: artifact.description,
    details: artifact.details,
    owner: artifact.owner,
    caveats: artifact.caveats,
    dbt:
      artifact.dbtUniqueId && artifact.dbtSource
        ? { ...artifact.dbtSource, uniqueId: artifact.dbtUniqueId, ownedFields: ownedFieldsOf(artifact.type) }
        : null,
    version: artifact.version,
    createdAt: artifact.createdAt.toISOString(),
    updatedAt: artifact.updatedAt.toISOString(),
    can: { edit: permissions.contribute },
  };
}
