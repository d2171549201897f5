import { useQuery } from '@tanstack/react-query';
import { getInsights, insightsKeys } from './api';

/** The portfolio's insights: one answer for the whole page. */
export function useInsights() {
  return useQuery({ queryKey: insightsKeys.all, queryFn: getInsights });
}
