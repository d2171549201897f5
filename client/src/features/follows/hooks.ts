import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowSubject } from '@shared/api/follows';
import { followKeys, getFollow, setFollow } from './api';

/** Whether I follow a domain (by key) or an artifact (by id). */
export function useFollow(subject: FollowSubject, ref: string) {
  return useQuery({ queryKey: followKeys.one(subject, ref), queryFn: () => getFollow(subject, ref) });
}

/** Follow or unfollow; the answer is the new state. */
export function useSetFollow(subject: FollowSubject, ref: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (following: boolean) => setFollow(subject, ref, following),
    onSuccess: (view) => queryClient.setQueryData(followKeys.one(subject, ref), view),
  });
}
