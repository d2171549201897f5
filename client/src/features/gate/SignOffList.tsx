import type { GateRoleView } from '@shared/api/domains';
import { Badge } from '../../components/Badge';
import { Markdown } from '../../components/Markdown';
import { ROLE_TITLES, formatDateTime } from '../../lib/format';

/** Each required role of the gate, who holds it, and their sign-off (fresh or stale). */
export function SignOffList({ roles }: { roles: GateRoleView[] }) {
  if (!roles.length) return <p className="muted">This gate needs no sign-off.</p>;
  return (
    <ul className="signoff-list">
      {roles.map((r) => {
        const s = r.signOff;
        return (
          <li
            key={r.role}
            className={`signoff${s?.stale ? ' signoff-stale' : ''}`}
            data-testid={`signoff-${r.role}`}
            data-state={!s ? 'missing' : s.stale ? 'stale' : s.decision}
          >
            <div className="row-between">
              <strong>
                {ROLE_TITLES[r.role]}
                {r.added ? <span className="small muted"> (added by an admin)</span> : null}
              </strong>
              <span className="row">
                {!s ? (
                  <Badge tone="muted">Waiting</Badge>
                ) : (
                  <>
                    <Badge tone={s.decision === 'approve' ? 'success' : 'danger'}>
                      {s.decision === 'approve' ? 'Approved' : 'Rejected'}
                    </Badge>
                    {s.stale ? (
                      <Badge
                        tone="warning"
                        title={s.staleReason ?? 'The evidence changed since signing'}
                        testId="signoff-stale"
                      >
                        Stale
                      </Badge>
                    ) : (
                      <Badge tone="info" testId="signoff-fresh">
                        Fresh
                      </Badge>
                    )}
                  </>
                )}
              </span>
            </div>
            <div className="small muted">
              {r.holders.length ? `Held by ${r.holders.map((h) => h.name).join(', ')}` : 'Nobody holds this role yet'}
            </div>
            {r.decisions.length > 1 ? (
              <div className="small muted">
                Decisions this round:{' '}
                {r.decisions
                  .map((d) => `${d.user.name} ${d.decision === 'approve' ? 'approved' : 'rejected'}`)
                  .join(', ')}
              </div>
            ) : null}
            {s ? (
              <div className="small">
                {s.user.name}, {formatDateTime(s.createdAt)}
                {s.stale && s.staleReason ? <div className="muted">Stale because: {s.staleReason}</div> : null}
                {s.override ? (
                  <div className="muted" data-testid="signoff-override">
                    Overridden by {s.override.by?.name ?? 'an admin'}: {s.override.reason}
                  </div>
                ) : null}
                {s.comment ? <Markdown text={s.comment} /> : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
