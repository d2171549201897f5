/** What can be followed: a domain, or one artifact (metric, dataset, analysis). */
export const FOLLOW_SUBJECTS = ['domain', 'artifact'] as const;
export type FollowSubject = (typeof FOLLOW_SUBJECTS)[number];

/**
 * GET·PUT·DELETE /domains/:key/follow and /artifacts/:id/follow: whether the caller follows it
 * (after the change), and how many people do.
 */
export interface FollowView {
  subjectType: FollowSubject;
  subjectId: string;
  following: boolean;
  followers: number;
}
