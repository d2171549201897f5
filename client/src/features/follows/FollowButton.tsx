import type { FollowSubject } from '@shared/api/follows';
import { Button } from '../../components/Button';
import { pluralize } from '../../lib/format';
import { useFollow, useSetFollow } from './hooks';

const WHAT: Record<FollowSubject, string> = {
  domain: 'its trust changes (certified, at risk, recovered) or any of its artifacts is deprecated or gets a caveat',
  artifact: 'its trust changes (certified, at risk, deprecated) or it gets a caveat',
};

/**
 * Follow / Following for a domain or an artifact: anyone signed in, viewers included, hears in the
 * inbox when its trust changes.
 */
export function FollowButton({ subject, id, name }: { subject: FollowSubject; id: string; name: string }) {
  const follow = useFollow(subject, id);
  const change = useSetFollow(subject, id);
  const following = follow.data?.following ?? false;
  const followers = follow.data?.followers ?? 0;
  return (
    <Button
      variant={following ? 'secondary' : 'primary'}
      busy={follow.isPending || change.isPending}
      aria-pressed={following}
      onClick={() => change.mutate(!following)}
      title={`${following ? 'You follow' : 'Follow'} ${name}: your inbox tells you when ${WHAT[subject]}. ${pluralize(followers, 'follower')}.`}
      data-testid="follow-button"
      data-following={following}
    >
      {following ? 'Following' : 'Follow'}
      {followers ? <span className="muted small"> · {followers}</span> : null}
    </Button>
  );
}
