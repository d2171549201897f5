import type { UserRef } from '@shared/api/common';
import type { CardBlocker, DomainSummary } from '@shared/api/domains';
import { Badge } from '../../components/Badge';
import { pluralize } from '../../lib/format';

const count = (blockers: CardBlocker[], ...codes: CardBlocker['code'][]) =>
  blockers.filter((b) => codes.includes(b.code));

/** The sentences of some blockers, each with whom it waits on, for a badge's title. */
function titleOf(blockers: CardBlocker[]): string {
  return blockers
    .map((b) => (b.waitingOn.length ? `${b.text}: ${b.waitingOn.map((u) => u.name).join(' or ')}` : b.text))
    .join('\n');
}

/** "Dana Scientist", "Dana Scientist, Priya Product", "Dana Scientist and 2 others". */
function names(users: UserRef[]): string {
  if (users.length <= 2) return users.map((u) => u.name).join(', ');
  return `${users[0].name} and ${users.length - 1} others`;
}

/**
 * What a card's badges say: what blocks its gate and who is waited on ("Waiting on you",
 * "1 sign-off missing", "Stale sign-off", "Recycled", the hold or at-risk reason), instead of the
 * same "Gate blocked" on every card. Each badge's title has the gate's own sentences.
 */
export function CardBadges({ domain, meId }: { domain: DomainSummary; meId: string }) {
  const { blockers } = domain;
  const waitingOn = [...new Map(blockers.flatMap((b) => b.waitingOn).map((u) => [u.id, u])).values()];
  const onMe = blockers.filter((b) => b.waitingOn.some((u) => u.id === meId));
  const rejected = count(blockers, 'signoff_rejected');
  const stale = count(blockers, 'signoff_stale');
  const missing = count(blockers, 'signoff_missing', 'role_unfilled');
  const criteria = count(blockers, 'criterion_failed');
  return (
    <>
      <div className="badges">
        {onMe.length ? (
          <Badge tone="info" title={titleOf(onMe)} testId="badge-waiting-on-you">
            Waiting on you
          </Badge>
        ) : null}
        {domain.atRisk ? (
          <Badge tone="danger" title={domain.atRiskReason ?? 'At risk'} testId="badge-at-risk">
            <span className="card-badge-reason">At risk{domain.atRiskReason ? `: ${domain.atRiskReason}` : ''}</span>
          </Badge>
        ) : null}
        {domain.stalled ? (
          <Badge tone="warning" title={`No activity for ${domain.daysInPhase}+ days`} testId="badge-stalled">
            Stalled
          </Badge>
        ) : null}
        {domain.held ? (
          <Badge tone="muted" title={domain.holdReason ?? 'On hold'} testId="badge-held">
            <span className="card-badge-reason">On hold{domain.holdReason ? `: ${domain.holdReason}` : ''}</span>
          </Badge>
        ) : null}
        {domain.recycled ? (
          <Badge
            tone="warning"
            title="Sent back to this phase before: its gate is in a later round"
            testId="badge-recycled"
          >
            Recycled
          </Badge>
        ) : null}
        {rejected.length ? (
          <Badge tone="danger" title={titleOf(rejected)} testId="badge-rejected">
            {rejected.length === 1 ? 'Sign-off rejected' : `${rejected.length} sign-offs rejected`}
          </Badge>
        ) : null}
        {stale.length ? (
          <Badge tone="warning" title={titleOf(stale)} testId="badge-stale">
            {stale.length === 1 ? 'Stale sign-off' : `${stale.length} stale sign-offs`}
          </Badge>
        ) : null}
        {missing.length ? (
          <Badge tone="neutral" title={titleOf(missing)} testId="badge-signoffs-missing">
            {pluralize(missing.length, 'sign-off')} missing
          </Badge>
        ) : null}
        {criteria.length ? (
          <Badge tone="neutral" title={titleOf(criteria)} testId="badge-criteria">
            {criteria.length === 1 ? '1 criterion not met' : `${criteria.length} criteria not met`}
          </Badge>
        ) : null}
        {domain.gateStatus === 'open' ? (
          <Badge tone="success" testId="badge-gate">
            Gate open
          </Badge>
        ) : domain.gateStatus === 'blocked' && blockers.length === 0 ? (
          <Badge tone="neutral" testId="badge-gate">
            Gate blocked
          </Badge>
        ) : null}
      </div>
      {waitingOn.length ? (
        <p className="card-waiting-on small muted" data-testid="card-waiting-on" title={titleOf(blockers)}>
          Waiting on {names(waitingOn)}
        </p>
      ) : null}
    </>
  );
}
