import type { InsightsView } from '@shared/api/insights';
import { api } from '../../lib/api';

export const insightsKeys = {
  all: ['insights'] as const,
};

export const getInsights = () => api.get<InsightsView>('/insights');
