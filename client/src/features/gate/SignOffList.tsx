import { useState } from 'react';
import type { GateRoleView, SignOffView } from '@shared/api/domains';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Markdown } from '../../components/Markdown';
import { ROLE_TITLES, formatDateTime } from '../../lib/format';
import { useWithdrawSignOff } from './hooks';

interface SignOffListProps {
  roles: GateRoleView[];
  domainKey: string;
  /** ids of the caller's own sign-offs of this round that the server lets them withdraw */
  withdrawable: string[];
}

/** Each required role of the gate, who holds it, and their sign-off (fresh or stale). */
export function SignOffList({ roles, domainKey, withdrawable }: SignOffListProps) {
  if (!roles.length) return <p className="muted">This gate needs no sign-off.</p>;
  return (
    <ul className="signoff-list">
      {roles.map((r) => {
        const s = r.signOff;
        const mine = [s, ...r.decisions].find((d): d is SignOffView => !!d && withdrawable.includes(d.id));
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
            {mine ? <WithdrawButton domainKey={domainKey} signOff={mine} /> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The signer takes their decision back while the round is open; the reason is optional. */
function WithdrawButton({ domainKey, signOff }: { domainKey: string; signOff: SignOffView }) {
  const withdraw = useWithdrawSignOff(domainKey);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const decision = signOff.decision === 'approve' ? 'approval' : 'rejection';
  return (
    <div className="row">
      <Button onClick={() => setOpen(true)} data-testid="signoff-withdraw">
        Withdraw my {decision}
      </Button>
      <ConfirmDialog
        open={open}
        title={`Withdraw your ${decision}?`}
        message={`It stays in the history as withdrawn and no longer counts. You can sign again while the round is open.`}
        confirmLabel="Withdraw"
        danger
        busy={withdraw.isPending}
        error={withdraw.error}
        handledFields={['reason']}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          withdraw.mutate({ id: signOff.id, reason: reason.trim() }, { onSuccess: () => setOpen(false) })
        }
        testId="signoff-withdraw-dialog"
      >
        <Field label="Why (optional)">
          {(control) => (
            <textarea
              {...control}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={2}
              data-testid="signoff-withdraw-reason"
            />
          )}
        </Field>
      </ConfirmDialog>
    </div>
  );
}
