import type { Page } from '@shared/api/common';
import type { DecisionView, PendingReviewView } from '@shared/api/domains';
import { api } from '../../lib/api';

export const reviewKeys = {
  pending: ['reviews', 'pending'] as const,
  decisions: ['reviews', 'decisions'] as const,
};

export const listPendingReviews = () => api.get<PendingReviewView[]>('/reviews/pending');

export const listDecisions = (cursor: string | null) =>
  api.get<Page<DecisionView>>('/reviews/decisions', { limit: 20, cursor });
