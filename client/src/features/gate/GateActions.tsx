import { useState } from 'react';
import type { DomainView, GateView } from '@shared/api/domains';
import type { Phase } from '@shared/api/enums';
import { PHASE_INFO, recycleTargets } from '@shared/workflow/definition';
import { describeBlockingReason } from '@shared/workflow/evaluate';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { OptionSelect, toOptions } from '../../components/OptionSelect';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useAcknowledgeRisk, useAdvance, useHold, useReconfirm, useRecycle, useResume } from './hooks';

interface GateActionsProps {
  domain: DomainView;
  gate: GateView;
  /** false for read-only users: no mutating control is shown at all */
  mayMutate: boolean;
}

type Action = 'advance' | 'recycle' | 'hold' | 'resume' | 'acknowledge' | 'reconfirm' | null;

/** Advance, recycle, hold and resume, each behind a confirmation. */
export function GateActions({ domain, gate, mayMutate }: GateActionsProps) {
  const [action, setAction] = useState<Action>(null);
  const [reason, setReason] = useState('');
  // the server says where the domain may go back to; the shared definition is the fallback
  const targets = (gate as GateView & { recycleTargets?: Phase[] }).recycleTargets ?? recycleTargets(domain.stage);
  const [toPhase, setToPhase] = useState<Phase | ''>('');
  const [notice, setNotice] = useState<string | null>(null);
  const advance = useAdvance(domain.key);
  const recycle = useRecycle(domain.key);
  const hold = useHold(domain.key);
  const resume = useResume(domain.key);
  const acknowledge = useAcknowledgeRisk(domain.key);
  const reconfirmCert = useReconfirm(domain.key);

  if (!mayMutate) return null;

  const mutations = { advance, recycle, hold, resume, acknowledge, reconfirm: reconfirmCert };
  const current = action ? mutations[action] : null;
  const error = current && isApiError(current.error) ? current.error : null;

  function open(next: Exclude<Action, null>) {
    mutations[next].reset();
    setReason('');
    setToPhase(targets[targets.length - 1] ?? '');
    setNotice(null);
    setAction(next);
  }

  function close() {
    setAction(null);
  }

  function done(message: string) {
    setAction(null);
    setNotice(message);
  }

  function handleConfirm() {
    if (action === 'advance')
      advance.mutate(undefined, {
        onSuccess: (d) => done(`Advanced to ${PHASE_INFO[d?.stage ?? gate.to ?? 'certified'].label}.`),
      });
    if (action === 'recycle' && toPhase)
      recycle.mutate(
        { toPhase, reason: reason.trim() },
        { onSuccess: () => done(`Sent back to ${PHASE_INFO[toPhase].label}.`) },
      );
    if (action === 'hold') hold.mutate({ reason: reason.trim() }, { onSuccess: () => done('The domain is on hold.') });
    if (action === 'resume')
      resume.mutate({ reason: reason.trim() }, { onSuccess: () => done('The domain is active again.') });
    if (action === 'acknowledge')
      acknowledge.mutate({ note: reason.trim() }, { onSuccess: () => done('You own the at-risk alarm now.') });
    if (action === 'reconfirm')
      reconfirmCert.mutate(
        { comment: reason.trim() },
        { onSuccess: () => done('Certification re-confirmed: the review clock starts again.') },
      );
  }

  const advanceReason = gate.can.advance
    ? null
    : !gate.phase
      ? 'The domain is certified: there is no gate left to pass'
      : gate.blocking.length
        ? `Blocked: ${gate.blocking.map(describeBlockingReason).join('; ')}`
        : 'Only a domain lead or an admin can advance';
  const recycleReason = !gate.can.recycle
    ? 'Only a domain lead or an admin can recycle'
    : targets.length === 0
      ? 'There is no earlier phase to go back to'
      : null;

  const reasonField = (
    <Field label="Reason" error={error?.fieldError('reason')} required>
      {(control) => (
        <textarea
          {...control}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="action-reason"
          rows={3}
          autoFocus
        />
      )}
    </Field>
  );

  return (
    <>
      {domain.stage === 'certified' ? (
        <div className="stack small" data-testid="certification-state">
          {domain.atRisk ? (
            <p className="notice notice-warning" data-testid="risk-state">
              At risk: {domain.atRiskReason}
              {domain.riskAcknowledgement
                ? ` — acknowledged by ${domain.riskAcknowledgement.by?.name ?? 'a lead'}: ${domain.riskAcknowledgement.note}`
                : ' — not acknowledged yet'}
            </p>
          ) : null}
          {domain.reviewDueAt ? (
            <p className="muted">Certification review due {formatDate(domain.reviewDueAt)}</p>
          ) : null}
        </div>
      ) : null}
      <div className="gate-actions" data-testid="gate-actions">
        {domain.can.acknowledgeRisk ? (
          <Button onClick={() => open('acknowledge')} data-testid="acknowledge-risk">
            Acknowledge risk…
          </Button>
        ) : null}
        {domain.can.reconfirm ? (
          <Button onClick={() => open('reconfirm')} data-testid="reconfirm">
            Re-confirm certification…
          </Button>
        ) : null}
        {gate.phase ? (
          <Button
            variant="primary"
            onClick={() => open('advance')}
            disabledReason={advanceReason}
            data-testid="advance"
          >
            Advance to {gate.to ? PHASE_INFO[gate.to].label : 'next phase'}
          </Button>
        ) : null}
        <Button onClick={() => open('recycle')} disabledReason={recycleReason} data-testid="recycle">
          Recycle…
        </Button>
        {domain.held ? (
          <Button
            onClick={() => open('resume')}
            disabledReason={gate.can.resume ? null : 'Only a domain lead or an admin can resume'}
            data-testid="resume"
          >
            Resume…
          </Button>
        ) : (
          <Button
            onClick={() => open('hold')}
            disabledReason={gate.can.hold ? null : 'Only a domain lead or an admin can put the domain on hold'}
            data-testid="hold"
          >
            Hold…
          </Button>
        )}
      </div>
      {notice ? (
        <p className="notice notice-success" role="status" data-testid="action-notice" style={{ marginTop: '0.75rem' }}>
          {notice}
        </p>
      ) : null}

      <ConfirmDialog
        open={action === 'advance'}
        title="Advance the domain?"
        message={
          <p>
            {domain.name} leaves {gate.phase ? PHASE_INFO[gate.phase].label : ''} and enters{' '}
            {gate.to ? PHASE_INFO[gate.to].label : 'the next phase'}. This is recorded in the timeline and audit log.
          </p>
        }
        confirmLabel="Advance"
        onConfirm={handleConfirm}
        onCancel={close}
        busy={advance.isPending}
        error={advance.error}
        testId="advance-dialog"
      >
        {error?.blocking.length ? (
          <ul className="blocking-list" data-testid="advance-blocking">
            {error.blocking.map((b, i) => (
              <li key={i}>{describeBlockingReason(b)}</li>
            ))}
          </ul>
        ) : null}
      </ConfirmDialog>

      <ConfirmDialog
        open={action === 'recycle'}
        title="Send the domain back?"
        message={<p>A new gate round starts for every gate it must pass again. Existing sign-offs will not count.</p>}
        confirmLabel="Recycle"
        danger
        onConfirm={handleConfirm}
        onCancel={close}
        busy={recycle.isPending}
        error={recycle.error}
        handledFields={['toPhase', 'reason']}
        testId="recycle-dialog"
      >
        <Field label="Back to phase" error={error?.fieldError('toPhase')} required>
          {(control) => (
            <OptionSelect
              {...control}
              value={toPhase}
              onChange={setToPhase}
              options={toOptions(targets, (p) => PHASE_INFO[p].label)}
              testId="recycle-phase"
            />
          )}
        </Field>
        {reasonField}
      </ConfirmDialog>

      <ConfirmDialog
        open={action === 'hold'}
        title="Put the domain on hold?"
        message={<p>Nothing advances while the domain is held.</p>}
        confirmLabel="Put on hold"
        danger
        onConfirm={handleConfirm}
        onCancel={close}
        busy={hold.isPending}
        error={hold.error}
        handledFields={['reason']}
        testId="hold-dialog"
      >
        {reasonField}
      </ConfirmDialog>

      <ConfirmDialog
        open={action === 'acknowledge'}
        title="Acknowledge the risk?"
        message={
          <p>You take the alarm on. Say what you will do; the data science lead re-confirms once it is resolved.</p>
        }
        confirmLabel="Acknowledge"
        onConfirm={handleConfirm}
        onCancel={close}
        busy={acknowledge.isPending}
        error={acknowledge.error}
        handledFields={['note']}
        testId="acknowledge-dialog"
      >
        {reasonField}
      </ConfirmDialog>

      <ConfirmDialog
        open={action === 'reconfirm'}
        title="Re-confirm the certification?"
        message={<p>Your decision is kept as a sign-off with the evidence of this moment.</p>}
        confirmLabel="Re-confirm"
        onConfirm={handleConfirm}
        onCancel={close}
        busy={reconfirmCert.isPending}
        error={reconfirmCert.error}
        handledFields={['comment']}
        testId="reconfirm-dialog"
      >
        {error?.blocking.length ? (
          <ul className="blocking-list">
            {error.blocking.map((b, i) => (
              <li key={i}>{describeBlockingReason(b)}</li>
            ))}
          </ul>
        ) : null}
        {reasonField}
      </ConfirmDialog>

      <ConfirmDialog
        open={action === 'resume'}
        title="Resume the domain?"
        message={<p>The domain can advance again once its gate opens.</p>}
        confirmLabel="Resume"
        onConfirm={handleConfirm}
        onCancel={close}
        busy={resume.isPending}
        error={resume.error}
        handledFields={['reason']}
        testId="resume-dialog"
      >
        {reasonField}
      </ConfirmDialog>
    </>
  );
}
