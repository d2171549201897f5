import type { Page } from '@shared/api/common';
import type { DomainConfidenceView } from '@shared/api/confidence';
import type {
  CreateDomainRequest,
  DomainEventKind,
  DomainEventView,
  DomainMemberView,
  DomainSummary,
  DomainView,
  PutMemberRequest,
  UpdateDomainRequest,
} from '@shared/api/domains';
import type { OddityRateView } from '@shared/api/investigations';
import { api } from '../../lib/api';

export interface DomainFilters {
  q?: string;
  lead?: string;
  atRisk?: boolean;
  stalled?: boolean;
  stage?: string;
}

/** How many cards a board column shows at first, and adds per "Show more". */
export const COLUMN_PAGE_SIZE = 30;

export const domainKeys = {
  all: ['domains'] as const,
  column: (filters: DomainFilters) => ['domains', 'column', filters] as const,
  options: (q: string) => ['domains', 'options', q] as const,
  detail: (key: string) => ['domains', 'detail', key] as const,
  members: (key: string) => ['domains', 'members', key] as const,
  events: (key: string, kind?: DomainEventKind | null) =>
    kind === undefined ? (['domains', 'events', key] as const) : (['domains', 'events', key, kind] as const),
  oddity: (key: string, weeks: number) => ['domains', 'oddity', key, weeks] as const,
  confidence: (key: string) => ['domains', 'confidence', key] as const,
};

/**
 * One page of one board column (a stage), at-risk and stalled domains first, then by name: the
 * board never loads more than it shows, and the domains that need attention come first.
 */
export function listDomainPage(filters: DomainFilters, cursor: string | null) {
  return api.get<Page<DomainSummary>>('/domains', {
    q: filters.q,
    lead: filters.lead,
    stage: filters.stage,
    atRisk: filters.atRisk ? 'true' : undefined,
    stalled: filters.stalled ? 'true' : undefined,
    sort: 'attention',
    limit: COLUMN_PAGE_SIZE,
    cursor,
  });
}

/** Domains by name for a picker: the first page of matches for `q`. */
export const listDomainOptions = (q: string) =>
  api.get<Page<DomainSummary>>('/domains', { q: q || undefined, sort: 'name', limit: 100 });

export const getDomain = (key: string) => api.get<DomainView>(`/domains/${encodeURIComponent(key)}`);
export const createDomain = (request: CreateDomainRequest) => api.post<DomainView>('/domains', request);
export const updateDomain = (key: string, version: number, request: UpdateDomainRequest) =>
  api.patch<DomainView>(`/domains/${encodeURIComponent(key)}`, request, version);

export const listMembers = (key: string) => api.get<DomainMemberView[]>(`/domains/${encodeURIComponent(key)}/members`);
export const putMember = (key: string, userId: string, request: PutMemberRequest) =>
  api.put<unknown>(`/domains/${encodeURIComponent(key)}/members/${encodeURIComponent(userId)}`, request);
export const removeMember = (key: string, userId: string) =>
  api.delete(`/domains/${encodeURIComponent(key)}/members/${encodeURIComponent(userId)}`);

/** The timeline, newest first, optionally one kind of entry only. */
export const listDomainEvents = (key: string, kind: DomainEventKind | null, cursor: string | null) =>
  api.get<Page<DomainEventView>>(`/domains/${encodeURIComponent(key)}/events`, {
    limit: 30,
    order: 'desc',
    kind: kind ?? undefined,
    cursor,
  });

export const getOddityRate = (key: string, weeks: number) =>
  api.get<OddityRateView>(`/domains/${encodeURIComponent(key)}/oddity-rate`, { weeks });

/** The stored measured confidence with its weekly series since hand-off and the phase markers. */
export const getConfidence = (key: string) =>
  api.get<DomainConfidenceView>(`/domains/${encodeURIComponent(key)}/confidence`);
