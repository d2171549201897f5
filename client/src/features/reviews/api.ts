import type { Page } from '@shared/api/common';
import type { SignOffView } from '@shared/api/domains';
import type { DomainRole, Phase } from '@shared/api/enums';
import { api } from '../../lib/api';

export interface PendingReview {
  domainKey: string;
  domainName: string;
  phase: Phase;
  role: DomainRole;
  round?: number;
  /** the caller signed before, but the evidence changed since */
  stale?: boolean;
}

export type PastDecision = SignOffView & { domainKey: string; domainName?: string; superseded?: boolean };

export const reviewKeys = {
  pending: ['reviews', 'pending'] as const,
  decisions: ['reviews', 'decisions'] as const,
};

export async function listPendingReviews(): Promise<PendingReview[]> {
  const result = await api.get<PendingReview[] | Page<PendingReview>>('/reviews/pending');
  return Array.isArray(result) ? result : result.items;
}

export const listDecisions = (cursor: string | null) =>
  api.get<Page<PastDecision>>('/reviews/decisions', { limit: 20, cursor });
