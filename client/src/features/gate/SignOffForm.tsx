import { useState, type FormEvent } from 'react';
import type { DomainRole, SignOffDecision } from '@shared/api/enums';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { OptionSelect, toOptions } from '../../components/OptionSelect';
import { isApiError } from '../../lib/api';
import { ROLE_TITLES } from '../../lib/format';
import { useSignOff } from './hooks';

interface SignOffFormProps {
  domainKey: string;
  /** roles the server says the caller may sign now */
  signAs: DomainRole[];
  /** labels of the gate's criteria that are not met now: approving anyway asks first */
  failingCriteria: string[];
}

/** Approve or reject the current gate in one of the caller's roles; a rejection needs a comment. */
export function SignOffForm({ domainKey, signAs, failingCriteria }: SignOffFormProps) {
  const signOff = useSignOff(domainKey);
  const [role, setRole] = useState<DomainRole>(signAs[0]);
  const [comment, setComment] = useState('');
  const [decision, setDecision] = useState<SignOffDecision>('approve');
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const error = isApiError(signOff.error) ? signOff.error : null;
  const activeRole = signAs.includes(role) ? role : signAs[0];

  function submit(next: SignOffDecision) {
    setDecision(next);
    setConfirming(false);
    setDone(null);
    signOff.mutate(
      { decision: next, comment: comment.trim() || undefined, role: activeRole },
      {
        onSuccess: () => {
          setComment('');
          setDone(next === 'approve' ? 'Approval recorded.' : 'Rejection recorded.');
        },
      },
    );
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    submit(decision);
  }

  return (
    <>
      <form
        className="stack"
        onSubmit={handleSubmit}
        aria-label="Sign off this gate"
        data-testid="signoff-form"
        style={{ marginTop: '1rem' }}
      >
        <h3>Your sign-off</h3>
        {signAs.length > 1 ? (
          <Field label="Sign as" error={error?.fieldError('role')}>
            {(control) => (
              <OptionSelect
                {...control}
                value={activeRole}
                onChange={setRole}
                options={toOptions(signAs, (r) => ROLE_TITLES[r])}
                testId="signoff-role"
              />
            )}
          </Field>
        ) : (
          <p className="small muted">You sign as {ROLE_TITLES[activeRole]}.</p>
        )}
        <Field
          label="Comment"
          hint="Required when rejecting. Say what you checked, or what must change."
          error={error?.fieldError('comment')}
        >
          {(control) => (
            <textarea
              {...control}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="signoff-comment"
              rows={3}
            />
          )}
        </Field>
        <FormError error={signOff.error} handledFields={['comment', 'role']} />
        {done ? (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        ) : null}
        <div className="row">
          <Button
            variant="primary"
            onClick={() => (failingCriteria.length ? setConfirming(true) : submit('approve'))}
            busy={signOff.isPending && decision === 'approve'}
            data-testid="signoff-approve"
          >
            Approve
          </Button>
          <Button
            variant="danger"
            onClick={() => submit('reject')}
            busy={signOff.isPending && decision === 'reject'}
            disabledReason={comment.trim() ? null : 'Write a comment to say why you reject'}
            data-testid="signoff-reject"
          >
            Reject
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Approve with criteria not met?"
        message={
          <>
            <p>
              {failingCriteria.length === 1 ? 'This criterion is' : 'These criteria are'} not met now. Your approval
              will be recorded with that evidence, and the gate stays closed until{' '}
              {failingCriteria.length === 1 ? 'it passes' : 'they pass'} or an admin waives{' '}
              {failingCriteria.length === 1 ? 'it' : 'them'}.
            </p>
            <ul data-testid="signoff-failing-criteria">
              {failingCriteria.map((label) => (
                <li key={label}>{label}</li>
              ))}
            </ul>
          </>
        }
        confirmLabel="Approve anyway"
        onConfirm={() => submit('approve')}
        onCancel={() => setConfirming(false)}
        testId="signoff-confirm"
      />
    </>
  );
}
