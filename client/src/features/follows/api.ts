import type { FollowSubject, FollowView } from '@shared/api/follows';
import { api } from '../../lib/api';

export const followKeys = {
  all: ['follow'] as const,
  one: (subject: FollowSubject, ref: string) => ['follow', subject, ref] as const,
};

function followPath(subject: FollowSubject, ref: string): string {
  return subject === 'domain'
    ? `/domains/${encodeURIComponent(ref)}/follow`
    : `/artifacts/${encodeURIComponent(ref)}/follow`;
}

export const getFollow = (subject: FollowSubject, ref: string) => api.get<FollowView>(followPath(subject, ref));
export const setFollow = (subject: FollowSubject, ref: string, following: boolean) =>
  following ? api.put<FollowView>(followPath(subject, ref)) : api.delete<FollowView>(followPath(subject, ref));
