import type { Page } from '@shared/api/common';
import type { ArtifactType } from '@shared/api/enums';
import type {
  ArtifactView,
  CaveatView,
  CreateArtifactRequest,
  CreateCaveatRequest,
  UpdateArtifactRequest,
} from '@shared/api/tickets';
import { api } from '../../lib/api';

export const artifactKeys = {
  all: ['artifacts'] as const,
  ofType: (domainKey: string, type: ArtifactType) => ['artifacts', 'domain', domainKey, type] as const,
  options: (domainKey: string, q: string) => ['artifacts', 'options', domainKey, q] as const,
  detail: (id: string) => ['artifacts', 'detail', id] as const,
};

/** How many artifacts of a type the artifacts tab shows at first, and adds per "Show more". */
export const ARTIFACT_PAGE_SIZE = 25;

/** One page of a domain's artifacts of one type, by name. */
export const listArtifactPage = (domainKey: string, type: ArtifactType, cursor: string | null) =>
  api.get<Page<ArtifactView>>(`/domains/${encodeURIComponent(domainKey)}/artifacts`, {
    type,
    limit: ARTIFACT_PAGE_SIZE,
    cursor,
  });

/** A domain's artifacts matching `q` by name, for a picker: the first 100 (it searches for more). */
export const listArtifactOptions = (domainKey: string, q: string) =>
  api.get<Page<ArtifactView>>(`/domains/${encodeURIComponent(domainKey)}/artifacts`, { q: q || undefined, limit: 100 });
export const createArtifact = (domainKey: string, request: CreateArtifactRequest) =>
  api.post<ArtifactView>(`/domains/${encodeURIComponent(domainKey)}/artifacts`, request);
export const updateArtifact = (id: string, version: number, request: UpdateArtifactRequest) =>
  api.patch<ArtifactView>(`/artifacts/${encodeURIComponent(id)}`, request, version);
export const addCaveat = (id: string, request: CreateCaveatRequest) =>
  api.post<CaveatView>(`/artifacts/${encodeURIComponent(id)}/caveats`, request);
