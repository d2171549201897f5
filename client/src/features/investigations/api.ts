import type { Page } from '@shared/api/common';
import type {
  CreateInvestigationRequest,
  InvestigationTransitionRequest,
  InvestigationView,
  RootCauseView,
  UpdateInvestigationRequest,
} from '@shared/api/investigations';
import type { CommentView, CreateCommentRequest } from '@shared/api/tickets';
import { api } from '../../lib/api';
import { PAGE_SIZE } from '../../lib/pagination';

export interface InvestigationFilters {
  status?: string;
  severity?: string;
  rootCause?: string;
  domain?: string;
  investigator?: string;
  overdue?: string;
  q?: string;
}

export const investigationKeys = {
  all: ['investigations'] as const,
  log: (filters: InvestigationFilters) => ['investigations', 'log', filters] as const,
  domain: (domainKey: string) => ['investigations', 'domain', domainKey] as const,
  detail: (id: number) => ['investigations', 'detail', id] as const,
  comments: (id: number) => ['investigations', 'comments', id] as const,
  rootCauses: ['root-causes'] as const,
};

export const listInvestigations = (filters: InvestigationFilters, cursor: string | null) =>
  api.get<Page<InvestigationView>>('/investigations', { ...filters, limit: 50, cursor });
/** One page of a domain's investigations, the latest reported first. */
export const listDomainInvestigations = (domainKey: string, cursor: string | null) =>
  api.get<Page<InvestigationView>>(`/domains/${encodeURIComponent(domainKey)}/investigations`, {
    limit: PAGE_SIZE,
    cursor,
  });
export const createInvestigation = (domainKey: string, request: CreateInvestigationRequest) =>
  api.post<InvestigationView>(`/domains/${encodeURIComponent(domainKey)}/investigations`, request);
export const getInvestigation = (id: number) => api.get<InvestigationView>(`/investigations/${id}`);
export const updateInvestigation = (id: number, version: number, request: UpdateInvestigationRequest) =>
  api.patch<InvestigationView>(`/investigations/${id}`, request, version);
export const transitionInvestigation = (id: number, request: InvestigationTransitionRequest) =>
  api.post<InvestigationView>(`/investigations/${id}/transitions`, request);

export const listInvestigationComments = (id: number) => api.get<CommentView[]>(`/investigations/${id}/comments`);
export const addInvestigationComment = (id: number, request: CreateCommentRequest) =>
  api.post<CommentView>(`/investigations/${id}/comments`, request);

export const listRootCauses = () => api.get<RootCauseView[]>('/root-causes');
