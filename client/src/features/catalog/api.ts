import type {
  BadgeTokenView,
  CatalogEntryView,
  WeirdnessReportRequest,
  WeirdnessReportResult,
} from '@shared/api/catalog';
import type { Page } from '@shared/api/common';
import { api } from '../../lib/api';

/** The catalog's filters as the URL keeps them (empty: not set). */
export interface CatalogFilters {
  q: string;
  type: string;
  domain: string;
  trust: string;
  owner: string;
}

export const CATALOG_PAGE_SIZE = 20;

export const catalogKeys = {
  all: ['catalog'] as const,
  list: (filters: CatalogFilters) => ['catalog', 'list', filters] as const,
  entry: (id: string) => ['catalog', 'entry', id] as const,
};

export const listCatalog = (filters: CatalogFilters, cursor: string | null) =>
  api.get<Page<CatalogEntryView>>('/catalog', {
    q: filters.q || undefined,
    type: filters.type || undefined,
    domain: filters.domain || undefined,
    trust: filters.trust || undefined,
    owner: filters.owner || undefined,
    limit: CATALOG_PAGE_SIZE,
    cursor,
  });
export const getCatalogEntry = (id: string) => api.get<CatalogEntryView>(`/catalog/${encodeURIComponent(id)}`);
export const reportWeirdness = (id: string, request: WeirdnessReportRequest) =>
  api.post<WeirdnessReportResult>(`/artifacts/${encodeURIComponent(id)}/reports`, request);
export const rotateArtifactBadge = (id: string) =>
  api.post<BadgeTokenView>(`/artifacts/${encodeURIComponent(id)}/badge-token`, {});
export const rotateDomainBadge = (key: string) =>
  api.post<BadgeTokenView>(`/domains/${encodeURIComponent(key)}/badge-token`, {});
