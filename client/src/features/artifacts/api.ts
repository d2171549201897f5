import type {
  ArtifactView,
  CaveatView,
  CreateArtifactRequest,
  CreateCaveatRequest,
  UpdateArtifactRequest,
} from '@shared/api/tickets';
import { api } from '../../lib/api';
import { fetchAllPages } from '../../lib/pagination';

export const artifactKeys = {
  all: ['artifacts'] as const,
  domain: (domainKey: string) => ['artifacts', 'domain', domainKey] as const,
  detail: (id: string) => ['artifacts', 'detail', id] as const,
};

export const listArtifacts = (domainKey: string) =>
  fetchAllPages<ArtifactView>(`/domains/${encodeURIComponent(domainKey)}/artifacts`);
export const createArtifact = (domainKey: string, request: CreateArtifactRequest) =>
  api.post<ArtifactView>(`/domains/${encodeURIComponent(domainKey)}/artifacts`, request);
export const updateArtifact = (id: string, version: number, request: UpdateArtifactRequest) =>
  api.patch<ArtifactView>(`/artifacts/${encodeURIComponent(id)}`, request, version);
export const addCaveat = (id: string, request: CreateCaveatRequest) =>
  api.post<CaveatView>(`/artifacts/${encodeURIComponent(id)}/caveats`, request);
