import { useQuery } from '@tanstack/react-query';
import { getMyWork, workKeys } from './api';

export function useMyWork() {
  return useQuery({ queryKey: workKeys.mine, queryFn: getMyWork });
}
